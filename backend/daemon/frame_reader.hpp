// The Language Server Protocol's base protocol, reading side: `Content-Length: N` headers, an
// empty line, N bytes of UTF-8 JSON. Pure (bytes in, messages out) so the fuzzer and the tests
// drive it without a process. Resilient: a bad header, a missing or oversized length is
// reported and reading goes on with the next message; an oversized body is skipped, never
// buffered.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "rpc_error.hpp"

namespace vigil::daemon {

struct Frame {
    std::string body;                 // a complete message, when `error` is empty
    std::optional<RpcError> error;    // a framing error to answer with id null
};

class FrameReader {
public:
    static constexpr size_t kMaxHeaderBytes = 8192;

    explicit FrameReader(size_t max_message_bytes) : max_message_(max_message_bytes) {}

    // Consumes `size` bytes; appends every frame they complete to `out`.
    void feed(const char* data, size_t size, std::vector<Frame>& out);

private:
    void end_of_headers(std::vector<Frame>& out);
    void header_line(const std::string& line);

    enum class State { headers, body, skip } state_ = State::headers;
    size_t max_message_;
    std::string line_;       // the header line being read
    size_t header_bytes_ = 0;
    std::optional<size_t> length_;
    std::optional<std::string> header_error_;
    std::string body_;
    size_t remaining_ = 0;   // bytes of body (or skipped body) still to come
};

}  // namespace vigil::daemon

// Cuts the byte stream of a serial port into lines: feed it whatever read() returned (a chunk
// may end mid-line, mid-number), it hands out each complete line once its '\n' arrives. A line
// that grows past `max_line_bytes` without a newline (noise, a wrong baud, a board that never
// ends its lines) is reported once and skipped up to the next '\n', so memory stays bounded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace vigil::engine::record {

struct RawLine {
    uint64_t number = 0;     // 1-based, counted from the first byte received
    std::string_view text;   // without the '\n' (a '\r' before it is kept: the parser takes it)
    bool too_long = false;   // text is then empty: the line was dropped
    uint64_t bytes = 0;      // the line's length in bytes, newline excluded
};

class LineSplitter {
public:
    explicit LineSplitter(size_t max_line_bytes);

    // Calls on_line for every line the chunk completes, in order.
    void feed(std::string_view chunk, const std::function<void(const RawLine&)>& on_line);

    // Bytes of the line still waiting for its '\n' (what a stop now would discard).
    uint64_t pending_bytes() const { return skipping_ ? skipped_ : pending_.size(); }
    uint64_t lines() const { return line_ - 1; }

private:
    size_t max_;
    std::string pending_;
    bool skipping_ = false;  // inside a line already reported too long
    uint64_t skipped_ = 0;
    uint64_t line_ = 1;
};

}  // namespace vigil::engine::record

// libFuzzer target over what a client controls in vigild: the stdio framing (FrameReader) and
// everything behind it (Dispatcher: envelope, batches, lifecycle, params of every method).
// Input: byte 0 picks the chunk size the rest is fed in (1..64 bytes, or all at once).
// Properties, besides crashes and sanitizer reports:
//   1. every message the daemon sends is a JSON object, or a non-empty array of them, with
//      "jsonrpc": "2.0" and exactly one of result/error (or a $/progress notification);
//   2. an error has an integer code and a string message;
//   3. feeding the input in chunks or in one piece gives the same frames.
// Projects can only be created under a private temporary folder (ServerOptions::allowed_roots).
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/dispatcher.hpp"
#include "daemon/frame_reader.hpp"
#include "daemon/log.hpp"
#include "daemon/server.hpp"

namespace {

using namespace vigil::daemon;
using nlohmann::json;

void check_message(const json& m) {
    if (!m.is_object() || m.value("jsonrpc", "") != "2.0") std::abort();
    if (m.contains("method")) {
        if (m["method"] != "$/progress") std::abort();
        return;
    }
    if (m.contains("result") == m.contains("error")) std::abort();
    if (m.contains("error")) {
        const auto& e = m["error"];
        if (!e.is_object() || !e["code"].is_number_integer() || !e["message"].is_string()) std::abort();
    }
}

class CheckingConnection : public Connection {
public:
    void send(std::string text) override {
        const json m = json::parse(text);  // throws (and so aborts) on invalid JSON
        if (m.is_array()) {
            if (m.empty()) std::abort();
            for (const auto& e : m) check_message(e);
        } else {
            check_message(m);
        }
    }
    void close() override { open_ = false; }
    bool is_open() const override { return open_; }
    std::string describe() const override { return "fuzz"; }

private:
    bool open_ = true;
};

struct World {
    std::filesystem::path root;
    Server server;
    WorkPool pool{2};
    Dispatcher dispatcher{server.methods(), pool};
    static ServerOptions options(const std::filesystem::path& root) {
        ServerOptions o;
        o.benchmark_jobs = 1;
        o.allowed_roots = {root};
        return o;
    }
    explicit World(std::filesystem::path r) : root(std::move(r)), server(options(root)) {}
};

World& world() {
    static World* w = [] {
        log::configure("", log::Level::error);
        char templ[] = "/tmp/vigil-fuzz-daemon-XXXXXX";
        const char* dir = mkdtemp(templ);
        if (!dir) std::abort();
        return new World(dir);
    }();
    return *w;
}

std::vector<Frame> frames_of(const uint8_t* data, size_t size, size_t chunk) {
    FrameReader reader(1 << 16);
    std::vector<Frame> frames;
    for (size_t i = 0; i < size; i += chunk)
        reader.feed(reinterpret_cast<const char*>(data) + i, std::min(chunk, size - i), frames);
    return frames;
}

bool same(const std::vector<Frame>& a, const std::vector<Frame>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].body != b[i].body || a[i].error.has_value() != b[i].error.has_value()) return false;
        if (a[i].error && a[i].error->code != b[i].error->code) return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const size_t chunk = data[0] % 65 == 0 ? size : data[0] % 65;
    const auto chunked = frames_of(data + 1, size - 1, chunk);
    if (!same(chunked, frames_of(data + 1, size - 1, size))) std::abort();

    World& w = world();
    auto connection = std::make_shared<CheckingConnection>();
    const ConnectionPtr as_connection = connection;
    for (const auto& frame : chunked) {
        if (!connection->is_open()) break;
        if (frame.error) Dispatcher::send_error(as_connection, *frame.error);
        else w.dispatcher.handle(frame.body, as_connection);
    }
    w.pool.wait_idle();
    return 0;
}

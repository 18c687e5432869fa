// The stdio framing (LSP base protocol) without a process: any split of the bytes gives the
// same messages, and every framing error is reported and followed by a resynchronisation.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "daemon/frame_reader.hpp"

using vigil::daemon::ErrorCode;
using vigil::daemon::Frame;
using vigil::daemon::FrameReader;

namespace {

std::string framed(const std::string& body) { return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body; }

std::vector<Frame> feed(const std::string& bytes, size_t chunk, size_t max = 1 << 20) {
    FrameReader reader(max);
    std::vector<Frame> out;
    for (size_t i = 0; i < bytes.size(); i += chunk) reader.feed(bytes.data() + i, std::min(chunk, bytes.size() - i), out);
    return out;
}

}  // namespace

TEST_CASE("frames: one message, any split of the bytes") {
    const std::string body = R"({"jsonrpc":"2.0","id":1,"method":"initialize"})";
    for (size_t chunk : {size_t(1), size_t(2), size_t(7), size_t(1000)}) {
        const auto frames = feed(framed(body), chunk);
        REQUIRE(frames.size() == 1);
        CHECK_FALSE(frames[0].error);
        CHECK(frames[0].body == body);
    }
}

TEST_CASE("frames: several messages in one read, other headers ignored, LF-only lines accepted") {
    const std::string bytes = framed("{\"a\":1}") + "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" +
                              framed("[1,2]") + "content-length: 2\n\n{}";
    const auto frames = feed(bytes, bytes.size());
    REQUIRE(frames.size() == 3);
    CHECK(frames[0].body == "{\"a\":1}");
    CHECK(frames[1].body == "[1,2]");
    CHECK(frames[2].body == "{}");
}

TEST_CASE("frames: a missing or unreadable Content-Length is a parse error, then the next message reads") {
    const std::string bytes = "X-Other: 1\r\n\r\n" + std::string("Content-Length: 1x\r\n\r\n") + framed("{}");
    const auto frames = feed(bytes, 3);
    REQUIRE(frames.size() == 3);
    REQUIRE(frames[0].error);
    CHECK(frames[0].error->code == ErrorCode::parse_error);
    REQUIRE(frames[1].error);
    CHECK(std::string(frames[1].error->what()).find("not a number") != std::string::npos);
    CHECK(frames[2].body == "{}");
}

TEST_CASE("frames: a message over the limit is refused and skipped, never buffered") {
    const std::string big(5000, 'x');
    const auto frames = feed(framed(big) + framed("{}"), 512, /*max=*/1024);
    REQUIRE(frames.size() == 2);
    REQUIRE(frames[0].error);
    CHECK(frames[0].error->code == ErrorCode::invalid_request);
    CHECK(frames[0].error->data["length"] == 5000);
    CHECK(frames[1].body == "{}");
}

TEST_CASE("frames: a header section that never ends is bounded") {
    const std::string junk(3 * FrameReader::kMaxHeaderBytes, 'j');
    const auto frames = feed(junk + "\r\n\r\n" + framed("{}"), 100);
    REQUIRE(frames.size() == 2);
    CHECK(frames[0].error);
    CHECK(frames[1].body == "{}");
}

TEST_CASE("frames: an empty body is a message (the dispatcher answers it with a parse error)") {
    const auto frames = feed("Content-Length: 0\r\n\r\n", 1);
    REQUIRE(frames.size() == 1);
    CHECK_FALSE(frames[0].error);
    CHECK(frames[0].body.empty());
}

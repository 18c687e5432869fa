// Bytes to lines: chunks cut anywhere, CRLF, blank lines, a line without end.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "vigil/engine/record/line_splitter.hpp"

using vigil::engine::record::LineSplitter;
using vigil::engine::record::RawLine;

namespace {

struct Seen {
    uint64_t number;
    std::string text;
    bool too_long;
    uint64_t bytes;
};

std::vector<Seen> split(const std::vector<std::string>& chunks, size_t max = 1000, LineSplitter* keep = nullptr) {
    LineSplitter local(max);
    LineSplitter& s = keep ? *keep : local;
    std::vector<Seen> out;
    for (const auto& c : chunks)
        s.feed(c, [&](const RawLine& l) { out.push_back({l.number, std::string(l.text), l.too_long, l.bytes}); });
    return out;
}

}  // namespace

TEST_CASE("a line cut across chunks anywhere comes out whole, once its newline arrives") {
    const std::string text = "1,2,3\n4.5,-6,7e-1\n";
    for (size_t cut = 0; cut <= text.size(); ++cut) {
        const auto lines = split({text.substr(0, cut), text.substr(cut)});
        REQUIRE(lines.size() == 2);
        CHECK(lines[0].text == "1,2,3");
        CHECK(lines[0].number == 1);
        CHECK(lines[1].text == "4.5,-6,7e-1");
        CHECK(lines[1].number == 2);
    }
    // Byte by byte.
    std::vector<std::string> bytes;
    for (char c : text) bytes.emplace_back(1, c);
    CHECK(split(bytes).size() == 2);
}

TEST_CASE("the last line stays pending until its newline, pending_bytes says how much") {
    LineSplitter s(1000);
    const auto lines = split({"1 2\n3 4"}, 1000, &s);
    REQUIRE(lines.size() == 1);
    CHECK(s.pending_bytes() == 3);
    CHECK(s.lines() == 1);
}

TEST_CASE("CR before LF is kept for the parser, blank lines are numbered like any line") {
    const auto lines = split({"1 2\r\n\n3 4\n"});
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].text == "1 2\r");
    CHECK(lines[1].text.empty());
    CHECK(lines[2].number == 3);
}

TEST_CASE("a line longer than the limit is reported once, skipped to its newline, and counting goes on") {
    LineSplitter s(8);
    const auto lines = split({"123456", "789012", "345\n1 2\n"}, 8, &s);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].too_long);
    CHECK(lines[0].number == 1);
    CHECK(lines[0].text.empty());
    CHECK(lines[1].number == 2);
    CHECK(lines[1].text == "1 2");
    CHECK_FALSE(lines[1].too_long);
    CHECK(s.pending_bytes() == 0);
}

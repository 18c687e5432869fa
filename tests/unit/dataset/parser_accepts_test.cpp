// The accepted variants of the format, and streaming: the same result whatever the chunking.
#include <catch2/catch.hpp>

#include "test_files.hpp"
#include "vigil/engine/dataset/loader.hpp"
#include "vigil/engine/dataset/signal_parser.hpp"

using namespace vigil_test;
using vigil::engine::dataset::load_signal_file;
using vigil::engine::dataset::SignalParser;

namespace {

const std::string kSpace = numbered_lines(25, 6);

std::vector<float> values_of(const std::string& text, size_t axes) {
    SignalParser p("mem", axes);
    p.feed(text);
    p.finish();
    REQUIRE_FALSE(p.error());
    return p.dataset().data;
}

}  // namespace

TEST_CASE("space, comma, semicolon and tab separators give the same values") {
    const auto expected = values_of(kSpace, 3);
    REQUIRE(expected.size() == 25 * 6);
    CHECK(values_of(numbered_lines(25, 6, ","), 3) == expected);
    CHECK(values_of(numbered_lines(25, 6, ";"), 3) == expected);
    CHECK(values_of(numbered_lines(25, 6, "\t"), 3) == expected);
    TempDir dir;
    const auto r = load_signal_file(dir.write("t.csv", numbered_lines(25, 6, "\t")), 3);
    REQUIRE(r.ok());
    CHECK(r.format.separator == '\t');
    CHECK(r.dataset.signals == 25);
    CHECK(r.dataset.length == 2);
    CHECK(r.dataset.axes == 3);
}

TEST_CASE("a UTF-8 BOM is skipped and not counted in columns") {
    TempDir dir;
    const auto r = load_signal_file(dir.write("bom.csv", "\xEF\xBB\xBF" + kSpace), 3);
    REQUIRE(r.ok());
    CHECK(r.format.bom);
    CHECK(r.dataset.data == values_of(kSpace, 3));
    const auto bad = load_signal_file(dir.write("bomx.csv", "\xEF\xBB\xBFx 1\n"), 1);
    REQUIRE(bad.error);
    CHECK(bad.error->column == 1);
}

TEST_CASE("CRLF line ends are accepted and reported") {
    TempDir dir;
    const auto r = load_signal_file(dir.write("crlf.csv", numbered_lines(25, 6, ",", "\r\n")), 3);
    REQUIRE(r.ok());
    CHECK(r.format.crlf);
    CHECK(r.dataset.data == values_of(kSpace, 3));
}

TEST_CASE("trailing whitespace, leading blanks, runs of spaces and blank lines are accepted") {
    TempDir dir;
    std::string text;
    for (size_t i = 0; i < 22; ++i) text += "  1  2.5\t \n" + std::string(i == 3 ? "\n   \n" : "");
    const auto r = load_signal_file(dir.write("ws.txt", text), 2);
    REQUIRE(r.ok());
    CHECK(r.dataset.signals == 22);
    CHECK(r.dataset.source_lines[4] == 7);  // two blank lines after the 4th signal
    CHECK(r.dataset.data[1] == 2.5f);
}

TEST_CASE("trailing whitespace after ',' separated values is accepted") {
    TempDir dir;
    const auto r = load_signal_file(dir.write("w.csv", numbered_lines(25, 6, ",", " \t\n")), 3);
    REQUIRE(r.ok());
}

TEST_CASE(".txt files and a missing final newline are accepted") {
    TempDir dir;
    std::string text = kSpace;
    text.pop_back();
    const auto r = load_signal_file(dir.write("signals.txt", text), 3);
    REQUIRE(r.ok());
    CHECK(r.dataset.signals == 25);
}

TEST_CASE("exponent notation, signs and tiny values are parsed exactly") {
    TempDir dir;
    std::string text;
    for (int i = 0; i < 20; ++i) text += "1e-3 -2.5E+2 +3 .5 7. 1e-50\n";
    const auto r = load_signal_file(dir.write("e.csv", text), 1);
    REQUIRE(r.ok());
    CHECK(r.dataset.data[0] == 1e-3f);
    CHECK(r.dataset.data[1] == -250.0f);
    CHECK(r.dataset.data[2] == 3.0f);
    CHECK(r.dataset.data[3] == 0.5f);
    CHECK(r.dataset.data[4] == 7.0f);
    CHECK(r.dataset.data[5] == 0.0f);  // below float32's range: rounds to zero, not an error
}

TEST_CASE("the result does not depend on how the bytes are chunked") {
    const std::string text = "\xEF\xBB\xBF" + numbered_lines(25, 6, ";", "\r\n");
    const auto whole = values_of(text, 3);
    for (size_t chunk : {1u, 2u, 3u, 5u, 7u, 64u}) {
        SignalParser p("mem", 3);
        for (size_t at = 0; at < text.size(); at += chunk) p.feed(std::string_view(text).substr(at, chunk));
        p.finish();
        REQUIRE_FALSE(p.error());
        CHECK(p.dataset().data == whole);
        CHECK(p.format().bom);
        CHECK(p.format().crlf);
    }
}

TEST_CASE("a 1 MB line without a newline is parsed without holding the text") {
    // 200,000 values on one line: the parser keeps floats, never the line.
    std::string line;
    for (int i = 0; i < 200000; ++i) line += "0.25 ";
    SignalParser p("mem", 1);
    for (int i = 0; i < 20; ++i) {
        for (size_t at = 0; at < line.size(); at += 4096) p.feed(std::string_view(line).substr(at, 4096));
        p.feed("\n");
    }
    p.finish();
    REQUIRE_FALSE(p.error());
    CHECK(p.dataset().length == 200000);
    CHECK(p.dataset().signals == 20);
}

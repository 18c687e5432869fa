// The parser's one-pass fast path (values the inline float parser takes, followed by exactly
// the separator or a newline) must be indistinguishable from the byte-by-byte path: same
// floats, same format, same errors at the same line and column. Feeding one byte at a time
// cuts every value, which forces the byte-by-byte path; one whole chunk with a size hint
// (a reserved matrix) takes the fast path from the second line on.
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "vigil/engine/dataset/float_parse.hpp"
#include "vigil/engine/dataset/signal_parser.hpp"

using vigil::engine::dataset::parse_float_fast;
using vigil::engine::dataset::SignalParser;

namespace {

struct Outcome {
    std::vector<float> data;
    std::string kind;
    uint64_t line = 0, column = 0;
    bool crlf = false;
    char separator = 0;
};

Outcome parse(const std::string& text, size_t axes, bool byte_by_byte) {
    SignalParser p("mem", axes, byte_by_byte ? 0 : text.size(), 2);
    if (byte_by_byte) {
        for (size_t at = 0; at < text.size(); ++at) p.feed(std::string_view(text).substr(at, 1));
    } else {
        p.feed(text);
    }
    p.finish();
    Outcome o;
    o.data = p.dataset().data;
    o.crlf = p.format().crlf;
    o.separator = p.format().separator;
    if (p.error()) {
        o.kind = p.error()->kind;
        o.line = p.error()->line;
        o.column = p.error()->column;
    }
    return o;
}

void same_both_ways(const std::string& text, size_t axes) {
    const Outcome fast = parse(text, axes, false), slow = parse(text, axes, true);
    INFO("text starts '" << text.substr(0, 60) << "'");
    CHECK(fast.kind == slow.kind);
    CHECK(fast.line == slow.line);
    CHECK(fast.column == slow.column);
    CHECK(fast.crlf == slow.crlf);
    CHECK(fast.separator == slow.separator);
    REQUIRE(fast.data.size() == slow.data.size());
    // Bit-exact (memcmp, so -0.0 and NaN payloads count); an empty vector may have no buffer.
    if (!fast.data.empty())
        CHECK(std::memcmp(fast.data.data(), slow.data.data(), fast.data.size() * sizeof(float)) == 0);
}

// Lines of random sensor-like values (%g: up to 6 significant digits, random signs, some
// exponents), `per_line` values each.
std::string random_lines(std::mt19937& rng, int lines, int per_line, const std::string& sep, const std::string& eol) {
    std::normal_distribution<double> value(0.0, 1.0);
    std::uniform_int_distribution<int> scale(-7, 4);
    std::string text;
    char buf[64];
    for (int l = 0; l < lines; ++l) {
        for (int v = 0; v < per_line; ++v) {
            std::snprintf(buf, sizeof buf, "%g", value(rng) * std::pow(10.0, scale(rng)));
            // append rather than operator+: GCC 12's false -Wrestrict (bug 105329)
            if (v) text.append(sep);
            text.append(buf);
        }
        text += eol;
    }
    return text;
}

}  // namespace

TEST_CASE("parse_float_fast takes the usual sensor tokens and leaves the rest to from_chars") {
    for (const char* s : {"0.00892226", "-0.00866437", "1.02828", "-0", "0", "5.", ".5", "-.5", "1e-3", "2.5E+4",
                          "00000000012.5", "16777215", "9999999e3", "1e10", "123e-10"}) {
        float fast = 0.0f, ref = 1.0f;
        const std::string t = s;
        const char* end = parse_float_fast(t.data(), t.data() + t.size(), fast);
        INFO("token '" << t << "'");
        REQUIRE(end == t.data() + t.size());
        std::from_chars(t.data(), t.data() + t.size(), ref, std::chars_format::general);
        CHECK(std::memcmp(&fast, &ref, sizeof fast) == 0);
    }
    // Not of the fast shape: more than 2^24 as an integer, exponents beyond +-10 in total,
    // 20+ digits (m could wrap), no digit, an explicit '+', words, a bare exponent mark.
    for (const char* s : {"16777216", "123456789", "1e-11", "1e11", "00000000000000000001.5", ".", "-", "+1",
                          "nan", "inf", "1e", "1e+", "e5", "1e00001"}) {
        float untouched = 42.0f;
        const std::string t = s;
        INFO("token '" << t << "'");
        CHECK(parse_float_fast(t.data(), t.data() + t.size(), untouched) == nullptr);
        CHECK(untouched == 42.0f);
    }
}

TEST_CASE("the fast path and the byte-by-byte path give the same floats and format") {
    std::mt19937 rng(11);
    same_both_ways(random_lines(rng, 40, 30, " ", "\n"), 3);
    same_both_ways(random_lines(rng, 40, 30, ",", "\r\n"), 3);
    same_both_ways(random_lines(rng, 40, 30, ";", "\n"), 3);
    same_both_ways(random_lines(rng, 40, 30, "\t", "\n"), 3);
    same_both_ways(random_lines(rng, 40, 1, "", "\n"), 1);            // no separator at all
    same_both_ways("  1 2 3\n  4   5  6 \n7 8 9\r\n\n10 11 12", 3);  // leading blanks, runs, CR
}

TEST_CASE("errors found after the fast path took over keep their line and column") {
    std::mt19937 rng(5);
    const std::string good = random_lines(rng, 30, 12, " ", "\n");
    // Each mutation lands in line 20, well after the fast path started.
    const size_t at = [&] {
        size_t pos = 0;
        for (int l = 0; l < 19; ++l) pos = good.find('\n', pos) + 1;
        return good.find(' ', pos + 3);  // the separator after line 20's first value
    }();
    for (const char* insert : {" 1.5x", " ", ",", ";", "\t", "\r", " nan", " 1e39", " +1", " 12345678901", " 7 8",
                               "\n"}) {
        std::string text = good;
        text.insert(at, insert);
        INFO("inserted '" << insert << "'");
        same_both_ways(text, 3);
    }
    std::string short_line = good;
    short_line.erase(at, good.find('\n', at) - at);  // line 20 keeps one value
    same_both_ways(short_line, 3);
    // Built from pieces: insert() here trips GCC 12's false -Wrestrict (bug 105329).
    const size_t eol = good.find('\n', at);
    const std::string ends_with_sep = good.substr(0, eol) + std::string(1, ',') + good.substr(eol);
    same_both_ways(ends_with_sep, 3);
}

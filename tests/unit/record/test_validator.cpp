// One line's numbers through the engine's parser, one signal through the engine's checks.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "vigil/engine/record/validator.hpp"

using namespace vigil::engine::record;

namespace {

std::vector<float> noisy(size_t length, size_t axes, unsigned seed = 1) {
    std::vector<float> v(length * axes);
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < v.size(); ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        v[i] = float(std::sin(double(i) * 0.37)) + float(x % 1000) / 5000.0f;
    }
    return v;
}

}  // namespace

TEST_CASE("each of the input format's separators is read, values exactly as the file parser reads them") {
    for (const std::string sep : {" ", "\t", ",", ";"}) {
        const ParsedLine p = parse_line("0.5" + sep + "-1.25" + sep + "3e-2" + sep + "+7", 4);
        REQUIRE_FALSE(p.error);
        CHECK(p.values == std::vector<float>{0.5f, -1.25f, 0.03f, 7.0f});
        CHECK(p.separator == sep[0]);
        CHECK(p.line == 4);
    }
    const ParsedLine crlf = parse_line("1 2 3\r", 1);
    REQUIRE_FALSE(crlf.error);
    CHECK(crlf.values.size() == 3);
}

TEST_CASE("a blank line is blank, not an error") {
    CHECK(parse_line("", 3).blank());
    CHECK(parse_line("  \t\r", 3).blank());
}

TEST_CASE("parse errors carry vigil check's kind, message and column") {
    const ParsedLine bad = parse_line("1,2,abc,4", 12);
    REQUIRE(bad.error);
    CHECK(bad.error->reason == "non_numeric");
    CHECK(bad.error->message == "'abc' is not a number");
    CHECK(bad.error->column == 5);
    CHECK(bad.error->line == 12);

    CHECK(parse_line("1 2;3", 1).error->reason == "mixed_separators");
    CHECK(parse_line("1,5;2,3", 1).error->reason == "decimal_comma");
    CHECK(parse_line("1,,3", 1).error->reason == "empty_value");
    CHECK(parse_line("1 nan 3", 1).error->reason == "non_finite");
    CHECK(parse_line(std::string("1 2\x01 3"), 1).error->reason == "binary_content");
}

TEST_CASE("a signal of noise passes the per-signal checks") {
    CHECK_FALSE(check_signal(noisy(64, 3), 3, 5, 5));
    CHECK_FALSE(check_signal(noisy(64, 1), 1, 5, 5));
}

TEST_CASE("a constant signal is rejected as constant_signal") {
    const std::vector<float> flat(64 * 3, 0.25f);
    const auto r = check_signal(flat, 3, 7, 7);
    REQUIRE(r);
    CHECK(r->reason == "constant_signal");
    CHECK(r->line == 7);
}

TEST_CASE("an axis constant within the signal is rejected as constant_axis, naming the axis") {
    auto v = noisy(64, 3);
    for (size_t t = 0; t < 64; ++t) v[t * 3 + 2] = 1.5f;
    const auto r = check_signal(v, 3, 9, 9);
    REQUIRE(r);
    CHECK(r->reason == "constant_axis");
    CHECK(r->message.find("axis z never changes") == 0);
    CHECK(r->message.find("1.5") != std::string::npos);
}

TEST_CASE("repeated successive samples over vigil check's 10% threshold are rejected as data_repetition") {
    // Every other sample repeats the previous one: 50% repeated.
    auto v = noisy(64, 2);
    for (size_t t = 1; t < 64; t += 2) {
        v[t * 2] = v[(t - 1) * 2];
        v[t * 2 + 1] = v[(t - 1) * 2 + 1];
    }
    const auto r = check_signal(v, 2, 3, 66);
    REQUIRE(r);
    CHECK(r->reason == "data_repetition");
    CHECK(r->first_line == 3);
    CHECK(r->last_line == 66);
    // Below the threshold (3 repeats in 63 pairs, under 10%): accepted.
    auto w = noisy(64, 2);
    for (size_t t : {5, 20, 40}) {
        w[t * 2] = w[(t - 1) * 2];
        w[t * 2 + 1] = w[(t - 1) * 2 + 1];
    }
    CHECK_FALSE(check_signal(w, 2, 1, 1));
}

// The fast float parser agrees bit for bit with std::from_chars (the reference).
#include <catch2/catch.hpp>

#include <charconv>
#include <cstring>
#include <random>
#include <string>

#include "vigil/engine/dataset/float_parse.hpp"

using vigil::engine::dataset::parse_float;

namespace {

void same_as_from_chars(const std::string& s) {
    float a = 123.0f, b = 123.0f;
    const auto fa = parse_float(s.data(), s.data() + s.size(), a);
    const auto fb = std::from_chars(s.data(), s.data() + s.size(), b, std::chars_format::general);
    INFO("token '" << s << "'");
    REQUIRE(fa.ec == fb.ec);
    REQUIRE(fa.ptr == fb.ptr);
    if (fa.ec == std::errc()) REQUIRE(std::memcmp(&a, &b, sizeof a) == 0);
}

}  // namespace

TEST_CASE("parse_float matches from_chars on edge cases") {
    for (const char* s : {"0", "-0", "1", "-1", "0.1", ".5", "5.", ".", "-", "-.", "1e", "1e+", "1e-3", "1E3",
                          "1.e5", "16777216", "16777217", "123456789", "0.000001", "1e-10", "1e-11", "9999999e10",
                          "1e39", "1e-50", "nan", "inf", "1.5x", "00000012.5000", "1e0000000000000000000005", "e5",
                          "3.4028235e38", "0.30000001192092896"})
        same_as_from_chars(s);
}

TEST_CASE("parse_float matches from_chars on a million random decimal tokens") {
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> digits(1, 9), pick(0, 9), exp(-14, 14);
    for (int i = 0; i < 1000000; ++i) {
        std::string s;
        if (rng() % 2) s += '-';
        const int before = digits(rng) % 5, after = digits(rng) - 1;
        for (int k = 0; k < before; ++k) s += char('0' + pick(rng));
        if (after || before == 0) {
            s += '.';
            for (int k = 0; k < after; ++k) s += char('0' + pick(rng));
        }
        if (rng() % 4 == 0) s.append("e").append(std::to_string(exp(rng)));
        same_as_from_chars(s);
    }
}

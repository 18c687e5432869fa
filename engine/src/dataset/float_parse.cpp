#include "vigil/engine/dataset/float_parse.hpp"

#include <charconv>
#include <cstdint>

namespace vigil::engine::dataset {

namespace {

constexpr float kPow10[] = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
constexpr uint32_t kExactMantissa = 1u << 24;

inline bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

FloatParse parse_float(const char* first, const char* last, float& value) {
    const char* p = first;
    bool negative = false;
    if (p != last && *p == '-') {
        negative = true;
        ++p;
    }
    uint32_t mantissa = 0;
    int digits = 0;      // significant digits taken into the mantissa
    int exponent = 0;    // decimal exponent applied to the mantissa
    bool any_digit = false;
    bool fast = true;
    for (; p != last && digit(*p); ++p) {
        any_digit = true;
        if (mantissa == 0 && *p == '0') continue;  // leading zeros are not significant
        if (++digits > 8) { fast = false; break; }
        mantissa = mantissa * 10 + uint32_t(*p - '0');
    }
    if (fast && p != last && *p == '.') {
        ++p;
        for (; p != last && digit(*p); ++p) {
            any_digit = true;
            --exponent;
            if (mantissa == 0 && *p == '0') continue;
            if (++digits > 8) { fast = false; break; }
            mantissa = mantissa * 10 + uint32_t(*p - '0');
        }
    }
    if (fast && any_digit && p != last && (*p == 'e' || *p == 'E')) {
        const char* q = p + 1;
        bool neg_exp = false;
        if (q != last && (*q == '-' || *q == '+')) neg_exp = *q++ == '-';
        int e = 0;
        const char* digits_start = q;
        for (; q != last && digit(*q) && e < 1000; ++q) e = e * 10 + (*q - '0');
        if (q == digits_start || (q != last && digit(*q))) {
            fast = false;  // "1e" or a huge exponent: let from_chars decide
        } else {
            exponent += neg_exp ? -e : e;
            p = q;
        }
    }
    if (fast && any_digit && mantissa < kExactMantissa && exponent >= -10 && exponent <= 10) {
        float v = static_cast<float>(mantissa);
        v = exponent < 0 ? v / kPow10[-exponent] : v * kPow10[exponent];
        value = negative ? -v : v;
        return {p, std::errc()};
    }
    auto [ptr, ec] = std::from_chars(first, last, value, std::chars_format::general);
    return {ptr, ec};
}

}  // namespace vigil::engine::dataset

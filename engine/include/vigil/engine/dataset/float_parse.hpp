// Decimal text to float32, exactly as std::from_chars (correctly rounded), but several times
// faster on the numbers sensor files are made of (up to 7 significant digits, small
// exponents). Those take Clinger's fast path: the digits form an integer m < 2^24 and the
// power of ten 10^|e| with |e| <= 10 is exact in float32, so one float multiplication or
// division (a single IEEE rounding) gives the correctly rounded result. Everything else,
// including every malformed token, goes to std::from_chars, which stays the reference.
#pragma once

#include <cstdint>
#include <system_error>

namespace vigil::engine::dataset {

struct FloatParse {
    const char* ptr;  // one past the last character used
    std::errc ec;     // as std::from_chars: invalid_argument, result_out_of_range
};

FloatParse parse_float(const char* first, const char* last, float& value);

namespace detail {

inline constexpr float kExactPow10[] = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f,
                                        1e7f, 1e8f, 1e9f, 1e10f};

inline bool is_digit(unsigned char c) { return static_cast<unsigned char>(c - '0') < 10; }

}  // namespace detail

// The fast path alone, inline so the signal parser's hot loop can call it per value:
// [-]digits[.digits][(e|E)[+|-]digits] whose digits (leading zeros included, at most 19) form
// an integer m < 2^24 and whose decimal exponent is within [-10, 10]. Returns one past the
// last character used and sets `value`, or nullptr (value untouched) when the text is not of
// that shape; the caller then falls back to parse_float. Leading zeros cost nothing in m, so
// "0.00892226" (m = 892226, e = -8) is on the fast path.
inline const char* parse_float_fast(const char* first, const char* last, float& value) {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(first);
    const unsigned char* const end = reinterpret_cast<const unsigned char*>(last);
    bool negative = false;
    if (p != end && *p == '-') {
        negative = true;
        ++p;
    }
    uint64_t m = 0;
    const unsigned char* const int_start = p;
    while (p != end && detail::is_digit(*p)) m = m * 10 + (*p++ - '0');
    int digits = static_cast<int>(p - int_start);
    int exponent = 0;
    if (p != end && *p == '.') {
        const unsigned char* const frac_start = ++p;
        while (p != end && detail::is_digit(*p)) m = m * 10 + (*p++ - '0');
        exponent = -static_cast<int>(p - frac_start);
        digits -= exponent;
    }
    // No digit at all, or so many that m may have wrapped: not ours.
    if (digits == 0 || digits > 19) return nullptr;
    if (p != end && (*p | 0x20) == 'e') {
        const unsigned char* q = p + 1;
        bool neg_exp = false;
        if (q != end && (*q == '-' || *q == '+')) neg_exp = *q++ == '-';
        const unsigned char* const exp_start = q;
        int e = 0;
        while (q != end && detail::is_digit(*q) && q - exp_start < 4) e = e * 10 + (*q++ - '0');
        // "1e" (from_chars stops before the 'e') or a 4+ digit exponent: let from_chars decide.
        if (q == exp_start || (q != end && detail::is_digit(*q))) return nullptr;
        exponent += neg_exp ? -e : e;
        p = q;
    }
    if (m >= (uint64_t{1} << 24) || exponent < -10 || exponent > 10) return nullptr;
    float v = static_cast<float>(m);
    v = exponent < 0 ? v / detail::kExactPow10[-exponent] : v * detail::kExactPow10[exponent];
    value = negative ? -v : v;
    return reinterpret_cast<const char*>(p);
}

}  // namespace vigil::engine::dataset

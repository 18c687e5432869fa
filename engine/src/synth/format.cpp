#include "vigil/engine/synth/format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace vigil::engine::synth {

namespace {

constexpr float kSmallestWritten = 1e-30f;

// Rewrites "d.ddde-05" / "d.ddde+07" (as to_chars' general format gives for very small or
// large values) as a plain decimal with the same digits.
char* expand_exponent(char* first, char* last) {
    char* e = std::find(first, last, 'e');
    const int exponent = std::atoi(std::string(e + 1, last).c_str());
    char digits[16];
    size_t nd = 0;
    bool negative = false;
    for (char* p = first; p != e; ++p) {
        if (*p == '-') negative = true;
        else if (*p != '.') digits[nd++] = *p;
    }
    // Value = 0.d1d2d3... x 10^(exponent + 1): the decimal point goes after `point` digits.
    const int point = exponent + 1;
    char out[kMaxValueChars];
    size_t n = 0;
    if (negative) out[n++] = '-';
    if (point <= 0) {
        out[n++] = '0';
        out[n++] = '.';
        for (int i = 0; i < -point; ++i) out[n++] = '0';
        for (size_t i = 0; i < nd; ++i) out[n++] = digits[i];
    } else {
        for (int i = 0; i < point; ++i) out[n++] = i < static_cast<int>(nd) ? digits[i] : '0';
        if (point < static_cast<int>(nd)) {
            out[n++] = '.';
            for (size_t i = point; i < nd; ++i) out[n++] = digits[i];
        }
    }
    std::memcpy(first, out, n);
    return first + n;
}

}  // namespace

char* format_value(char* first, float value) {
    if (!std::isfinite(value)) throw std::invalid_argument("synth: a generated value is not finite");
    if (std::fabs(value) < kSmallestWritten) {
        *first = '0';  // also turns -0 into 0
        return first + 1;
    }
    auto [last, ec] = std::to_chars(first, first + kMaxValueChars, value, std::chars_format::general, 6);
    if (ec != std::errc()) throw std::logic_error("synth: value does not fit its text buffer");
    if (std::find(first, last, 'e') != last) last = expand_exponent(first, last);
    return last;
}

std::string format_value(float value) {
    char text[kMaxValueChars];
    return std::string(text, format_value(text, value));
}

}  // namespace vigil::engine::synth

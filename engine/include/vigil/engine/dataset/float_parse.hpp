// Decimal text to float32, exactly as std::from_chars (correctly rounded), but several times
// faster on the numbers sensor files are made of (up to 7 significant digits, small
// exponents). Those take Clinger's fast path: the digits form an integer m < 2^24 and the
// power of ten 10^|e| with |e| <= 10 is exact in float32, so one float multiplication or
// division (a single IEEE rounding) gives the correctly rounded result. Everything else,
// including every malformed token, goes to std::from_chars, which stays the reference.
#pragma once

#include <system_error>

namespace vigil::engine::dataset {

struct FloatParse {
    const char* ptr;  // one past the last character used
    std::errc ec;     // as std::from_chars: invalid_argument, result_out_of_range
};

FloatParse parse_float(const char* first, const char* last, float& value);

}  // namespace vigil::engine::dataset

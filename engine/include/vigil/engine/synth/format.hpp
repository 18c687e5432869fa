// One value of a signal file as text: 6 significant digits, '.' decimal point, no exponent
// (the input format promises plain decimals), no "-0".
#pragma once

#include <cstddef>
#include <string>

namespace vigil::engine::synth {

// Enough for the longest plain decimal of a float at 6 significant digits
// ("-0.0000000000000000000000000000000000000000000011754" would need more, so values below
// 1e-30 in magnitude are written as 0: far below any sensor's resolution).
inline constexpr size_t kMaxValueChars = 48;

// Writes `value` at `first` and returns the end; `first` must have kMaxValueChars of room.
// Throws std::invalid_argument for NaN or infinity, which the format cannot hold.
char* format_value(char* first, float value);

std::string format_value(float value);

}  // namespace vigil::engine::synth

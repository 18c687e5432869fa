// Shaft-locked tones: sinusoids at a multiple ("order") of the shaft angle, with an amplitude
// and phase for each axis direction. Harmonics, imbalance, misalignment and looseness are all
// sets of tones; the shaft angle carries the speed jitter into every one of them.
#pragma once

#include <array>
#include <vector>

#include "signal_buffer.hpp"

namespace vigil::engine::synth {

struct ShaftTone {
    double order;                       // 1 = once per revolution, 0.5 = every other one
    std::array<double, 3> amplitude;    // per AxisRole
    std::array<double, 3> phase;        // per AxisRole, radians against the shaft key
};

void add_tones(const std::vector<ShaftTone>& tones, const std::vector<double>& shaft_angle,
               const std::vector<AxisSensor>& sensors, SignalBuffer& buffer);

}  // namespace vigil::engine::synth

// The shaft's angle over time. Every shaft-locked component (harmonics, bearing defects,
// current sidebands) is a function of this angle, so speed jitter moves them all together,
// as it does on a real machine.
#pragma once

#include <cstddef>
#include <vector>

#include "vigil/engine/synth/random.hpp"

namespace vigil::engine::synth {

// Angle in radians at each of `count` samples, starting at `start_angle`, turning at
// mean_hz with a small random wander of the instantaneous speed (see shaft.cpp).
std::vector<double> shaft_angle(double mean_hz, double rate_hz, size_t count, double start_angle, Rng& rng);

}  // namespace vigil::engine::synth

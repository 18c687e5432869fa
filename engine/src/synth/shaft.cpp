#include "shaft.hpp"

#include <cmath>
#include <numbers>

namespace vigil::engine::synth {

namespace {
// Within one capture the speed wanders by about 0.2 % (load and supply fluctuations), with a
// correlation time of half a second: an Ornstein-Uhlenbeck process, so it stays bounded
// however long the buffer is, unlike a plain random walk.
constexpr double kWanderRms = 0.002;
constexpr double kWanderSeconds = 0.5;
}  // namespace

std::vector<double> shaft_angle(double mean_hz, double rate_hz, size_t count, double start_angle, Rng& rng) {
    std::vector<double> angle(count);
    const double keep = std::exp(-1.0 / (rate_hz * kWanderSeconds));
    const double innovation = kWanderRms * std::sqrt(1.0 - keep * keep);
    const double step = 2.0 * std::numbers::pi * mean_hz / rate_hz;
    double wander = kWanderRms * rng.gaussian();  // start in the stationary distribution
    double a = start_angle;
    for (size_t n = 0; n < count; ++n) {
        angle[n] = a;
        a += step * (1.0 + wander);
        wander = keep * wander + innovation * rng.gaussian();
    }
    return angle;
}

}  // namespace vigil::engine::synth

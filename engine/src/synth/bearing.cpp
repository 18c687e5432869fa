#include "vigil/engine/synth/bearing.hpp"

#include <cmath>
#include <numbers>

namespace vigil::engine::synth {

BearingFrequencies bearing_frequencies(const BearingGeometry& g, double shaft_hz) {
    // Why these formulas: with the outer race still, a ball centre moves at the cage speed
    // f_r/2 (1 - d/D cos a); the outer race sees n balls pass per cage revolution, the inner
    // race sees them pass at the difference between shaft and cage speeds.
    const double ratio = g.ball_diameter_mm / g.pitch_diameter_mm * std::cos(g.contact_angle_deg * std::numbers::pi / 180.0);
    const double half_n = g.balls / 2.0;
    return BearingFrequencies{
        half_n * shaft_hz * (1.0 - ratio),
        half_n * shaft_hz * (1.0 + ratio),
        g.pitch_diameter_mm / (2.0 * g.ball_diameter_mm) * shaft_hz * (1.0 - ratio * ratio),
        0.5 * shaft_hz * (1.0 - ratio),
    };
}

}  // namespace vigil::engine::synth

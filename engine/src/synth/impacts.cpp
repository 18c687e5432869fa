#include "impacts.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace vigil::engine::synth {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kImpactSpread = 0.1;  // impact strength varies from ball to ball by ~10 %

// Load on a rolling element at angle psi from the load line (Stribeck, zero clearance,
// load zone of +-90 degrees): q = q_max cos(psi)^(10/9) for a ball bearing. A floor remains
// outside the zone: unloaded balls still touch the race, pushed by the cage and centrifugal force.
double load_zone(double psi) {
    const double c = std::cos(psi);
    return 0.3 + 0.7 * (c > 0.0 ? std::pow(c, 10.0 / 9.0) : 0.0);
}

}  // namespace

void add_impacts(const ImpactTrain& train, const std::vector<double>& angle,
                 const std::vector<AxisSensor>& sensors, Rng& rng, SignalBuffer& buffer) {
    const size_t count = angle.size();
    if (count < 3 || train.amplitude <= 0.0) return;
    const double spacing = kTwoPi / train.impacts_per_revolution;  // shaft angle between impacts

    // The impacts as a force on the structure, in samples. Each is a doublet (a push and an
    // equal pull one sample later): the acceleration of a structure that is struck and comes
    // back to rest integrates to zero, so the ringing must not shift the signal's mean.
    // Fractional impact times are split linearly between neighbouring samples.
    std::vector<double> force(count + 2, 0.0);
    // The first impact falls anywhere in the first spacing: the capture starts at a random time.
    double impact_angle = angle.front() + rng.uniform() * spacing;
    size_t j = 0;
    while (true) {
        while (j + 1 < count && angle[j + 1] < impact_angle) ++j;
        if (j + 1 >= count) break;
        const double u = (impact_angle - angle[j]) / (angle[j + 1] - angle[j]);
        double strength = std::clamp(1.0 + kImpactSpread * rng.gaussian(), 0.5, 1.5);
        if (train.load_zone_modulated) strength *= load_zone(impact_angle + train.defect_angle);
        force[j] += strength * (1.0 - u);
        force[j + 1] += strength * u - strength * (1.0 - u);
        force[j + 2] -= strength * u;
        // Rolling elements slip a little, so impacts are not exactly periodic (1-2 %): this is
        // why bearing faults smear at high harmonics of their frequency.
        impact_angle += spacing * std::max(0.5, 1.0 + train.slip * rng.gaussian());
    }

    // The structure: a two-pole resonator (the sampled damped oscillator). Its response to a
    // doublet peaks at about 1 / cos(theta / 2), hence the scale to `amplitude` per impact.
    const double theta = kTwoPi * train.resonance_hz / train.rate_hz;
    const double r = std::exp(-train.damping * theta);
    const double a1 = 2.0 * r * std::cos(theta), a2 = -r * r;
    const double scale = train.amplitude * std::cos(0.5 * theta);
    double y1 = 0.0, y2 = 0.0;
    for (size_t n = 0; n < count; ++n) {
        const double y = a1 * y1 + a2 * y2 + scale * force[n];
        y2 = y1;
        y1 = y;
        for (uint32_t a = 0; a < buffer.axes; ++a)
            buffer.axis(a)[n] += train.coupling[static_cast<size_t>(sensors[a].role)] * y;
    }
}

}  // namespace vigil::engine::synth

#include "impacts.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace vigil::engine::synth {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kImpactSpread = 0.1;  // impact strength varies from ball to ball by ~10 %
// Ringing is followed until it has decayed to exp(-7), below 0.1 % of its peak.
constexpr double kDecayConstants = 7.0;

// Load on a rolling element at angle psi from the load line (Stribeck, zero clearance,
// load zone of +-90 degrees): q = q_max cos(psi)^(10/9) for a ball bearing. A small floor
// remains outside the zone: an unloaded ball still touches the race lightly.
double load_zone(double psi) {
    const double c = std::cos(psi);
    return 0.15 + 0.85 * (c > 0.0 ? std::pow(c, 10.0 / 9.0) : 0.0);
}

}  // namespace

void add_impacts(const ImpactTrain& train, const std::vector<double>& angle,
                 const std::vector<AxisSensor>& sensors, Rng& rng, SignalBuffer& buffer) {
    if (angle.size() < 2 || train.amplitude <= 0.0) return;
    const double omega = kTwoPi * train.resonance_hz;
    const double omega_damped = omega * std::sqrt(1.0 - train.damping * train.damping);
    const double decay_per_second = train.damping * omega;
    const double ring_samples = kDecayConstants / decay_per_second * train.rate_hz;
    const double spacing = kTwoPi / train.impacts_per_revolution;  // shaft angle between impacts

    // The first impact falls anywhere in the first spacing: the capture starts at a random time.
    double impact_angle = angle.front() + rng.uniform() * spacing;
    size_t j = 0;
    const size_t count = angle.size();
    while (true) {
        while (j + 1 < count && angle[j + 1] < impact_angle) ++j;
        if (j + 1 >= count) break;
        // Fractional sample at which the shaft reaches the impact angle.
        const double t = j + (impact_angle - angle[j]) / (angle[j + 1] - angle[j]);
        double strength = train.amplitude * std::clamp(1.0 + kImpactSpread * rng.gaussian(), 0.5, 1.5);
        if (train.load_zone_modulated) strength *= load_zone(impact_angle + train.defect_angle);

        const size_t first = static_cast<size_t>(std::ceil(t));
        const size_t last = std::min(count, first + static_cast<size_t>(ring_samples) + 1);
        for (size_t n = first; n < last; ++n) {
            const double dt = (n - t) / train.rate_hz;
            const double ring = strength * std::exp(-decay_per_second * dt) * std::sin(omega_damped * dt);
            for (uint32_t a = 0; a < buffer.axes; ++a)
                buffer.axis(a)[n] += train.coupling[static_cast<size_t>(sensors[a].role)] * ring;
        }
        // Rolling elements slip a little, so impacts are not exactly periodic (1-2 %): this is
        // why bearing faults smear at high harmonics of their frequency.
        impact_angle += spacing * std::max(0.5, 1.0 + train.slip * rng.gaussian());
    }
}

}  // namespace vigil::engine::synth

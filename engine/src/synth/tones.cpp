#include "tones.hpp"

#include <cmath>

namespace vigil::engine::synth {

void add_tones(const std::vector<ShaftTone>& tones, const std::vector<double>& angle,
               const std::vector<AxisSensor>& sensors, SignalBuffer& buffer) {
    for (const ShaftTone& tone : tones) {
        // sin(x + p) = sin x cos p + cos x sin p: one sin/cos pair per sample serves every axis.
        std::array<double, 3> sin_weight{}, cos_weight{};
        for (size_t r = 0; r < 3; ++r) {
            sin_weight[r] = tone.amplitude[r] * std::cos(tone.phase[r]);
            cos_weight[r] = tone.amplitude[r] * std::sin(tone.phase[r]);
        }
        for (size_t n = 0; n < buffer.samples; ++n) {
            const double x = tone.order * angle[n];
            const double s = std::sin(x), c = std::cos(x);
            for (uint32_t a = 0; a < buffer.axes; ++a) {
                const auto r = static_cast<size_t>(sensors[a].role);
                buffer.axis(a)[n] += sin_weight[r] * s + cos_weight[r] * c;
            }
        }
    }
}

}  // namespace vigil::engine::synth

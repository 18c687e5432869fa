#include "vigil/engine/synth/generator.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "current.hpp"
#include "kinds.hpp"
#include "signal_buffer.hpp"
#include "streams.hpp"
#include "vibration.hpp"
#include "vigil/engine/synth/random.hpp"

namespace vigil::engine::synth {

namespace {

// A sensor's zero drifts a little between captures (temperature): in units of the noise.
constexpr double kOffsetWanderInNoise = 0.2;
// Simulated time before each capture, so that it begins in steady state like a real one.
size_t preroll_samples(const SynthSpec& spec, const MachineParameters& m) {
    return static_cast<size_t>(std::ceil(m.settling_s * spec.rate_hz));
}

}  // namespace

Generator::Generator(const SynthSpec& spec) : spec_(spec) {
    validate(spec_);
    machine_ = derive_parameters(spec_);
    preroll_ = preroll_samples(spec_, machine_);
}

uint32_t Generator::count(SignalKind kind) const {
    return kind == SignalKind::regular ? spec_.signals : spec_.abnormal_signals;
}

void Generator::generate(SignalKind kind, uint32_t index, std::span<float> out) const {
    if (out.size() != values_per_signal())
        throw std::invalid_argument("synth: output buffer holds " + std::to_string(out.size()) + " values, a signal has " +
                                    std::to_string(values_per_signal()));
    const bool abnormal = kind == SignalKind::abnormal;
    Rng rng(stream_seed(spec_.seed, abnormal ? kStreamAbnormal : kStreamRegular, index));
    const double relative_severity = spec_.severity / kDefaultSeverity;
    const double level = abnormal ? relative_severity * relative_severity : 0.0;
    if (spec_.machine == Machine::spectrum) return synthesize_spectrum(spec_, machine_, index, level, rng, out);
    if (spec_.machine == Machine::process) return synthesize_process(spec_, machine_, index, level, rng, out);
    SignalBuffer buffer(spec_.axes, preroll_ + spec_.length);
    const double relative = spec_.severity / kDefaultSeverity;
    const SignalContext context{spec_, machine_, index, abnormal ? relative * relative : 0.0};
    if (spec_.machine == Machine::vibration)
        synthesize_vibration(context, rng, buffer);
    else
        synthesize_current(context, rng, buffer);

    // The sensor: its gain and offset errors, a small offset wander, and broadband noise.
    // These are the same for both files, so they can never be what tells them apart.
    for (uint32_t a = 0; a < spec_.axes; ++a) {
        const AxisSensor& sensor = machine_.sensors[a];
        const double offset = sensor.offset + kOffsetWanderInNoise * machine_.noise_rms * rng.gaussian();
        const double* physical = buffer.axis(a) + preroll_;
        for (size_t n = 0; n < spec_.length; ++n) {
            const double v = sensor.gain * physical[n] + offset + machine_.noise_rms * rng.gaussian();
            out[n * spec_.axes + a] = static_cast<float>(v);
        }
    }
}

std::vector<float> Generator::generate_all(SignalKind kind) const {
    const size_t per_signal = values_per_signal();
    std::vector<float> all(per_signal * count(kind));
    for (uint32_t i = 0; i < count(kind); ++i)
        generate(kind, i, std::span<float>(all).subspan(i * per_signal, per_signal));
    return all;
}

}  // namespace vigil::engine::synth

// `vigil synth --kind process`: slow process variables of a pump-and-heat-exchanger loop, one
// reading per sample (axes are channels): temperature (deg C), pressure (bar), flow (m3/h)
// and motor current (A); further channels repeat the four on a second, similar unit. They all
// follow one operating point (the load), which moves between lines (the plant runs at another
// set point) and wanders slowly within a line; pressure follows it quadratically (a pump
// curve), temperature through a first-order lag. Faults: a drift of the temperature, a step of
// the pressure, noisier readings, or a current that stops following the load.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "kinds.hpp"

namespace vigil::engine::synth {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// The operating point (load, 0..1): a slow swing over the file's lines and a spread between
// lines; within a line an AR(1) wander, slow against the line.
constexpr double kLoadMean = 0.55;
constexpr double kLoadSwing = 0.12;
constexpr double kLoadSwingPeriod = 173.0;  // lines
constexpr double kLoadSpread = 0.10;
constexpr double kWanderPole = 0.92;
constexpr double kWanderStep = 0.008;
constexpr double kTemperatureLag = 6.0;     // readings (time constant)

struct Channel {
    const char* name;
    const char* unit;
    double base, slope, curve;  // value = base + slope x load + curve x load^2
    double noise;               // sensor noise, in the unit
};
constexpr Channel kChannels[4] = {
    {"temperature", "degC", 35.0, 30.0, 0.0, 0.15},
    {"pressure", "bar", 1.5, 0.5, 3.5, 0.03},
    {"flow", "m3/h", 10.0, 40.0, 0.0, 0.4},
    {"current", "A", 4.0, 12.0, 0.0, 0.1},
};

// Faults at fault_level 1 (the default severity), calibrated with `vigil bench` (docs/synth.md).
constexpr double kDriftOverLine = 1.8;     // deg C the temperature drifts over one line
constexpr double kStepPressure = 0.3;      // bar the pressure drops
constexpr double kVarianceGain = 0.62;     // noise x (1 + gain x level)
constexpr double kDecorrelation = 0.4;     // share of the current's load that is its own

double value_of(const Channel& c, double load) { return c.base + c.slope * load + c.curve * load * load; }

double operating_point(const MachineParameters& m, uint32_t index, Rng& rng) {
    const double swing = kLoadSwing * std::sin(kTwoPi * index / kLoadSwingPeriod + m.drift_phase[0]);
    return std::clamp(kLoadMean + swing + kLoadSpread * rng.gaussian(), 0.05, 1.0);
}

}  // namespace

ProcessChannel process_channel(uint32_t channel) {
    const Channel& c = kChannels[channel % 4];
    return {c.name, c.unit};
}

void synthesize_process(const SynthSpec& spec, const MachineParameters& m, uint32_t index, double level, Rng& rng,
                        std::span<float> out) {
    const uint32_t n = spec.length;
    const double start = operating_point(m, index, rng);
    std::vector<double> load(n);
    double wander = kWanderStep / std::sqrt(1.0 - kWanderPole * kWanderPole) * rng.gaussian();
    for (uint32_t t = 0; t < n; ++t) {
        wander = kWanderPole * wander + kWanderStep * rng.gaussian();
        load[t] = std::clamp(start + wander, 0.0, 1.1);
    }
    // A current that follows a load of its own: another operating point, another wander.
    std::vector<double> own(load);
    if (level > 0.0 && spec.fault == Fault::decorrelation) {
        const double other = operating_point(m, index + 7919u, rng);
        double w = 0.0;
        const double share = std::min(1.0, kDecorrelation * level);
        for (uint32_t t = 0; t < n; ++t) {
            w = kWanderPole * w + kWanderStep * rng.gaussian();
            own[t] = (1.0 - share) * load[t] + share * std::clamp(other + w, 0.0, 1.1);
        }
    }
    const uint32_t step_at = n / 4 + uint32_t(rng.uniform() * (n / 2));
    const double drift_sign = 1.0;  // fouling: the exchanger cools less, the temperature rises
    const double noise_gain = (level > 0.0 && spec.fault == Fault::variance) ? 1.0 + kVarianceGain * level : 1.0;
    for (uint32_t ch = 0; ch < spec.axes; ++ch) {
        const Channel& c = kChannels[ch % 4];
        const AxisSensor& sensor = m.sensors[ch];
        const bool first_unit = ch < 4;
        // The second unit runs a little differently (sizes, a few % of the first's values).
        const double unit_scale = first_unit ? 1.0 : 1.0 + 0.05 * double(ch / 4);
        double lagged = value_of(c, load.front());
        for (uint32_t t = 0; t < n; ++t) {
            double v;
            if (ch % 4 == 0) {
                lagged += (value_of(c, load[t]) - lagged) / kTemperatureLag;
                v = lagged;
            } else if (ch % 4 == 3) {
                v = value_of(c, own[t]);
            } else {
                v = value_of(c, load[t]);
            }
            v *= unit_scale;
            if (level > 0.0 && first_unit) {
                if (spec.fault == Fault::drift && ch == 0) v += drift_sign * kDriftOverLine * level * t / double(n - 1);
                if (spec.fault == Fault::step && ch == 1 && t >= step_at) v -= kStepPressure * level;
            }
            v = sensor.gain * v + sensor.offset * c.noise * 10.0 + noise_gain * c.noise * rng.gaussian();
            out[size_t(t) * spec.axes + ch] = static_cast<float>(v);
        }
    }
}

}  // namespace vigil::engine::synth

#include "current.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "shaft.hpp"

namespace vigil::engine::synth {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kTwoPi = 2.0 * kPi;

// Peak current: magnetising part plus a part proportional to load (a ~4 kW motor, in A).
constexpr double kMagnetisingAmps = 3.0;
constexpr double kLoadAmps = 7.0;
constexpr double kLoadSpread = 0.05;           // relative, between captures
constexpr double kLineSpread = 0.0002;         // grid frequency wanders by ~0.01 Hz
constexpr double kRatedSlip = 0.04;
// Saturation and the supply's own distortion leave odd harmonics (relative to the fundamental).
constexpr std::array<std::pair<int, double>, 3> kLineHarmonics{{{3, 0.02}, {5, 0.03}, {7, 0.015}}};
// Harmonics above this fraction of the rate are removed by the sensor's anti-alias filter.
constexpr double kAntiAliasFraction = 0.45;
// Every real motor has a little static and dynamic eccentricity: small 1x sidebands always.
constexpr double kResidualEccentricity = 0.004;

// Modulation depths at the default severity, calibrated like the vibration faults (a band
// detector's AUC about 0.98 on the default captures).
constexpr double kImbalanceDepth = 0.0135;       // dynamic eccentricity: f_line +- f_r
constexpr double kMisalignment1xDepth = 0.00675;
constexpr double kMisalignment2xDepth = 0.0135;  // f_line +- 2 f_r
constexpr double kLoosenessDepth = 0.012;        // f_line +- k f_r and +- (k - 1/2) f_r
constexpr double kOuterRaceDepth = 0.027;        // f_line +- BPFO
constexpr double kInnerRaceDepth = 0.005;        // f_line +- BPFI (+- f_r): three lines, and
                                                 // BPFI - f_line lands in a quiet band
constexpr double kFaultSpread = 0.1;

struct Modulation {
    double order;  // in shaft revolutions (a bearing defect: its frequency / f_r)
    double depth;
    double phase;
};

std::vector<Modulation> fault_modulation(Fault fault, double level, const MachineParameters& m, Rng& rng) {
    std::vector<Modulation> out;
    const double p = m.fault_phase;
    switch (fault) {
    case Fault::imbalance:
        out.push_back({1.0, kImbalanceDepth * level, p});
        break;
    case Fault::misalignment:
        out.push_back({1.0, kMisalignment1xDepth * level, p});
        out.push_back({2.0, kMisalignment2xDepth * level, p});
        break;
    case Fault::looseness:
        for (int k = 1; k <= 6; ++k) {
            out.push_back({double(k), kLoosenessDepth * level / k, rng.uniform(0.0, kTwoPi)});
            out.push_back({k - 0.5, 0.5 * kLoosenessDepth * level / k, rng.uniform(0.0, kTwoPi)});
        }
        break;
    case Fault::outer_race:
        out.push_back({m.bearing_hz.bpfo / m.shaft_hz, kOuterRaceDepth * level, p});
        break;
    case Fault::inner_race: {
        // The defect turns with the shaft through the load zone: its modulation is itself
        // modulated at 1x, adding f_line +- BPFI +- f_r.
        const double order = m.bearing_hz.bpfi / m.shaft_hz;
        const double d = kInnerRaceDepth * level;
        out.push_back({order, d, p});
        out.push_back({order + 1.0, 0.5 * d, p});
        out.push_back({order - 1.0, 0.5 * d, p});
        break;
    }
    case Fault::band:
    case Fault::harmonics:
    case Fault::drift:
    case Fault::step:
    case Fault::variance:
    case Fault::decorrelation:
        break;  // faults of other kinds (validate refuses them here)
    }
    return out;
}

// The clamp's AC coupling: a first-order high-pass (RC) filter on each phase.
void ac_couple(double cutoff_hz, double rate_hz, SignalBuffer& buffer) {
    const double alpha = 1.0 / (1.0 + kTwoPi * cutoff_hz / rate_hz);
    for (uint32_t ax = 0; ax < buffer.axes; ++ax) {
        double* x = buffer.axis(ax);
        double previous_in = x[0], previous_out = 0.0;
        for (size_t n = 0; n < buffer.samples; ++n) {
            const double in = x[n];
            previous_out = alpha * (previous_out + in - previous_in);
            previous_in = in;
            x[n] = previous_out;
        }
    }
}

}  // namespace

void synthesize_current(const SignalContext& ctx, Rng& rng, SignalBuffer& buffer) {
    const MachineParameters& m = ctx.machine;
    const double rate = ctx.spec.rate_hz;
    const double drift = slow_speed_drift(m, ctx.index);
    // The load wanders between captures; slip and so speed follow it (slip ~ load).
    const double load = std::clamp(m.load * (1.0 + 4.0 * drift + kLoadSpread * rng.gaussian()), 0.1, 1.0);
    const double line_hz = m.line_hz * (1.0 + kLineSpread * rng.gaussian());
    const double shaft_hz = line_hz / 2.0 * (1.0 - kRatedSlip * load);
    const double amplitude = kMagnetisingAmps + kLoadAmps * load;

    const std::vector<double> angle = shaft_angle(shaft_hz, rate, buffer.samples, rng.uniform(0.0, kTwoPi), rng);
    const double line_start = rng.uniform(0.0, kTwoPi);
    const double line_step = kTwoPi * line_hz / rate;

    std::vector<Modulation> modulation{{1.0, kResidualEccentricity, m.harmonic_phase[0]}};
    const double level = ctx.fault_level * std::clamp(1.0 + kFaultSpread * rng.gaussian(), 0.7, 1.3);
    if (ctx.fault_level > 0.0)
        for (const auto& f : fault_modulation(ctx.spec.fault, level, m, rng)) modulation.push_back(f);

    std::vector<std::pair<int, double>> harmonics{{1, 1.0}};
    for (const auto& h : kLineHarmonics)
        if (h.first * line_hz < kAntiAliasFraction * rate) harmonics.push_back(h);

    for (size_t n = 0; n < buffer.samples; ++n) {
        double envelope = 1.0;
        for (const Modulation& mod : modulation) envelope += mod.depth * std::cos(mod.order * angle[n] + mod.phase);
        const double line = line_start + line_step * static_cast<double>(n);
        for (uint32_t ax = 0; ax < buffer.axes; ++ax) {
            // Phases A, B, C lag by 120 degrees each (a 4th clamp starts over at A).
            const double theta = line - kTwoPi / 3.0 * static_cast<double>(static_cast<int>(m.sensors[ax].role));
            double wave = 0.0;
            for (const auto& [order, share] : harmonics) wave += share * std::sin(order * theta);
            buffer.axis(ax)[n] += amplitude * envelope * wave;
        }
    }
    if (m.high_pass_hz > 0.0) ac_couple(m.high_pass_hz, rate, buffer);
}

}  // namespace vigil::engine::synth

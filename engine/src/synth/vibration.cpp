#include "vibration.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "impacts.hpp"
#include "shaft.hpp"
#include "tones.hpp"

namespace vigil::engine::synth {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kTwoPi = 2.0 * kPi;

// A healthy machine: residual imbalance and alignment leave 1x, 2x, 3x with amplitudes that
// fall with the order (values in g, typical of a small motor in good condition).
constexpr std::array<double, 3> kHealthyHarmonics{0.04, 0.015, 0.008};
// The vertical support is stiffer than the horizontal one, so it moves less, and the shaft's
// orbit is an ellipse: the radial axes see the same tone 90 degrees apart. The axial direction
// sees little of a radial force.
constexpr double kVerticalShare = 0.8;
constexpr double kVerticalLag = -kPi / 2.0;
constexpr double kAxialShare = 0.25;

// Friction, flow and meshing excite the structure broadband at all times; its resonance thus
// shows in a healthy machine too, which makes a bearing fault a change of shape, not a new line.
constexpr double kStructuralRms = 0.01;  // g, on the vertical axis
constexpr std::array<double, 3> kStructuralCoupling{0.7, 1.0, 0.4};

// Fault strengths at the default severity (g), calibrated so that a simple detector on spectral
// band energies separates 256-sample captures with an AUC of about 0.98 (tests/unit/synth/
// test_separability.cpp): learnable, not trivial. A fault's size varies by ~10 % between captures.
constexpr double kImbalance = 0.0072;            // 1x, radial (on a healthy 1x of 0.04 g)
constexpr double kMisalignmentRadial2x = 0.0144;
constexpr double kMisalignmentAxial1x = 0.0108;  // angular misalignment bends the coupling
constexpr double kMisalignmentAxial2x = 0.018;   // once per turn each way: axial 1x and 2x
constexpr double kLooseHarmonic = 0.0081;        // n x, falling as 1/sqrt(n), up to 10x
constexpr double kLooseHalfHarmonic = 0.004;     // 0.5x, 1.5x, ... (the part rocks every other turn)
constexpr double kLooseTruncation = 0.0108;      // motion stopped at one end: a clipped 1x
constexpr double kLooseClipLevel = 0.3;
constexpr double kOuterRaceImpact = 0.0455;      // peak of one ringing
constexpr double kInnerRaceImpact = 0.0585;      // further from the sensor: weaker at the housing
constexpr double kBearingSlip = 0.015;
// Impacts are strongest in the load zone's direction (vertical) and weak axially.
constexpr std::array<double, 3> kImpactCoupling{0.6, 1.0, 0.3};
constexpr double kFaultSpread = 0.1;

double radial_phase(size_t role, double phase) {
    return role == 1 ? phase + kVerticalLag : phase;
}

void healthy_tones(const MachineParameters& m, std::vector<ShaftTone>& tones) {
    for (size_t k = 0; k < kHealthyHarmonics.size(); ++k) {
        const double a = kHealthyHarmonics[k], p = m.harmonic_phase[k];
        tones.push_back({double(k + 1), {a, kVerticalShare * a, kAxialShare * a},
                         {p, radial_phase(1, p), p + kPi / 3.0}});
    }
}

// Phase of a fault's tone: within +-45 degrees of the healthy tone of the same order. A fault
// reinforces what is there; a heavy spot opposite the residual one would be balancing, and the
// test rig would call it an improvement.
double reinforcing(double healthy_phase, double fault_phase) {
    return healthy_phase + (fault_phase / kTwoPi - 0.5) * (kPi / 2.0);
}

// Fault tones at strength `level` (1 at the default severity).
void fault_tones(const MachineParameters& m, Fault fault, double level, Rng& rng, std::vector<ShaftTone>& tones) {
    switch (fault) {
    case Fault::imbalance: {
        const double phase = reinforcing(m.harmonic_phase[0], m.fault_phase);
        // A heavy spot is a rotating force: strong 1x in both radial directions, 90 degrees
        // apart (the orbit), hardly any axial.
        const double a = kImbalance * level;
        tones.push_back({1.0, {a, kVerticalShare * a, 0.1 * a}, {phase, radial_phase(1, phase), phase}});
        break;
    }
    case Fault::misalignment: {
        // Offset misalignment pulls twice per revolution (radial 2x); angular misalignment
        // flexes the coupling (axial 1x and 2x, often larger than the radial ones).
        const double phase = reinforcing(m.harmonic_phase[1], m.fault_phase);
        const double r = kMisalignmentRadial2x * level;
        tones.push_back({2.0, {r, kVerticalShare * r, kMisalignmentAxial2x * level},
                         {phase, radial_phase(1, phase), phase + kPi}});
        const double x = kMisalignmentAxial1x * level;
        tones.push_back({1.0, {0.2 * x, 0.2 * x, x}, {phase, phase, phase + kPi / 2.0}});
        break;
    }
    case Fault::looseness: {
        // A loose part rattles: energy at many harmonics and half-harmonics, mostly in the
        // direction it is loose (vertical), with phases that change from capture to capture.
        for (int k = 1; k <= 10; ++k) {
            const double a = kLooseHarmonic * level / std::sqrt(double(k));
            const double p = rng.uniform(0.0, kTwoPi);
            tones.push_back({double(k), {0.5 * a, a, 0.2 * a}, {p, p, p}});
        }
        for (int k = 0; k < 5; ++k) {
            const double a = kLooseHalfHarmonic * level / (k + 1);
            const double p = rng.uniform(0.0, kTwoPi);
            tones.push_back({k + 0.5, {0.5 * a, a, 0.2 * a}, {p, p, p}});
        }
        break;
    }
    case Fault::outer_race:
    case Fault::inner_race:
        break;  // impacts, not tones (see impacts.cpp)
    case Fault::band:
    case Fault::harmonics:
    case Fault::drift:
    case Fault::step:
    case Fault::variance:
    case Fault::decorrelation:
        break;  // faults of other kinds (validate refuses them here)
    }
}

// Mean over one period of clip(sin, -c, 1): (2 cos a - c (pi - 2a)) / 2 pi with a = asin c.
// Acceleration of a bounded motion has no mean, so the clipped wave's mean is taken out.
double clipped_sine_mean(double c) {
    const double a = std::asin(c);
    return (2.0 * std::cos(a) - c * (kPi - 2.0 * a)) / kTwoPi;
}

void add_truncation(double level, double phase, const std::vector<double>& angle,
                    const std::vector<AxisSensor>& sensors, SignalBuffer& buffer) {
    const double a = kLooseTruncation * level;
    const double mean = clipped_sine_mean(kLooseClipLevel);
    constexpr std::array<double, 3> share{0.5, 1.0, 0.2};
    for (size_t n = 0; n < buffer.samples; ++n) {
        const double v = std::max(-kLooseClipLevel, std::sin(angle[n] + phase)) - mean;
        for (uint32_t ax = 0; ax < buffer.axes; ++ax)
            buffer.axis(ax)[n] += share[static_cast<size_t>(sensors[ax].role)] * a * v;
    }
}

// Broadband excitation through the structure's resonance: white noise into a two-pole
// resonator with the resonance's frequency and damping, scaled to kStructuralRms.
void add_structural_response(const MachineParameters& m, double rate_hz, Rng& rng, SignalBuffer& buffer) {
    const double omega = kTwoPi * m.resonance_hz / rate_hz;
    const double r = std::exp(-m.resonance_damping * kTwoPi * m.resonance_hz / rate_hz);
    const double a1 = 2.0 * r * std::cos(omega), a2 = -r * r;
    // Output variance of y = a1 y1 + a2 y2 + e for unit-variance e.
    const double variance = (1.0 - a2) / ((1.0 + a2) * ((1.0 - a2) * (1.0 - a2) - a1 * a1));
    const double drive = kStructuralRms / std::sqrt(variance);
    for (uint32_t ax = 0; ax < buffer.axes; ++ax) {
        const double gain = drive * kStructuralCoupling[static_cast<size_t>(m.sensors[ax].role)];
        double y1 = 0.0, y2 = 0.0;
        double* out = buffer.axis(ax);
        for (size_t n = 0; n < buffer.samples; ++n) {
            const double y = a1 * y1 + a2 * y2 + gain * rng.gaussian();
            out[n] += y;
            y2 = y1;
            y1 = y;
        }
    }
}

}  // namespace

void synthesize_vibration(const SignalContext& ctx, Rng& rng, SignalBuffer& buffer) {
    const MachineParameters& m = ctx.machine;
    const double rate = ctx.spec.rate_hz;
    const double speed = m.shaft_hz * (1.0 + slow_speed_drift(m, ctx.index) + m.speed_spread * rng.gaussian());
    // A device captures at an arbitrary moment: the shaft is at a random angle at sample 0.
    const std::vector<double> angle = shaft_angle(speed, rate, buffer.samples, rng.uniform(0.0, kTwoPi), rng);

    std::vector<ShaftTone> tones;
    healthy_tones(m, tones);
    const Fault fault = ctx.spec.fault;
    const double level = ctx.fault_level * std::clamp(1.0 + kFaultSpread * rng.gaussian(), 0.7, 1.3);
    if (ctx.fault_level > 0.0) fault_tones(m, fault, level, rng, tones);
    add_tones(tones, angle, m.sensors, buffer);
    if (ctx.fault_level > 0.0 && fault == Fault::looseness) add_truncation(level, m.fault_phase, angle, m.sensors, buffer);

    add_structural_response(m, rate, rng, buffer);

    if (ctx.fault_level > 0.0 && (fault == Fault::outer_race || fault == Fault::inner_race)) {
        const bool inner = fault == Fault::inner_race;
        const double per_revolution = (inner ? m.bearing_hz.bpfi : m.bearing_hz.bpfo) / m.shaft_hz;
        ImpactTrain train{per_revolution,
                          (inner ? kInnerRaceImpact : kOuterRaceImpact) * level,
                          kBearingSlip,
                          m.resonance_hz,
                          m.resonance_damping,
                          rate,
                          inner,
                          m.fault_phase,
                          kImpactCoupling};
        add_impacts(train, angle, m.sensors, rng, buffer);
    }

    // Gravity: a DC-coupled (MEMS) accelerometer reads 1 g on its vertical axis at rest.
    for (uint32_t ax = 0; ax < buffer.axes; ++ax)
        if (m.sensors[ax].role == AxisRole::radial_vertical)
            for (size_t n = 0; n < buffer.samples; ++n) buffer.axis(ax)[n] += m.gravity;
}

}  // namespace vigil::engine::synth

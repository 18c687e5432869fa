#include "vigil/engine/synth/machine.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "vigil/engine/synth/random.hpp"
#include "streams.hpp"

namespace vigil::engine::synth {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// A 4-pole induction motor on a 50 Hz grid turns at 25 Hz less ~1.6 % slip.
constexpr double kTypicalShaftHz = 24.6;
constexpr double kMinRevolutionsPerBuffer = 3.0;

// Bearing impacts ring the housing between 2 and 4 kHz on a typical small machine; a sensor
// sampled slower only sees what is below its Nyquist frequency, so the resonance is scaled to
// 0.3 x rate there (still above the 10th shaft harmonic and the defect frequencies).
constexpr double kResonanceHz = 3000.0;
constexpr double kResonanceFractionOfRate = 0.3;
constexpr double kResonanceDamping = 0.05;

constexpr double kLineHz = 50.0;
constexpr double kNominalLoad = 0.6;
constexpr double kRatedSlip = 0.04;  // slip at full load; slip grows about linearly with load
constexpr int kPolePairs = 2;
// Current transformers and clamps are AC-coupled: they do not pass DC, and they attenuate the
// few-Hz components that modulation at 2x puts at f_line - 2 f_r (twice the slip frequency).
constexpr double kClampHighPassHz = 5.0;
// Resonances need ~8 time constants to forget a silent start, a first-order filter ~5.
constexpr double kResonanceSettlingConstants = 8.0;
constexpr double kHighPassSettlingConstants = 5.0;

// Sensor errors: a MEMS accelerometer's sensitivity is within a few %, its zero-g offset within
// tens of mg; a current clamp's within 1-2 % and tens of mA.
constexpr double kAccelGainSpread = 0.02;
constexpr double kAccelOffsetSpread = 0.02;   // g
constexpr double kClampGainSpread = 0.01;
constexpr double kClampOffsetSpread = 0.02;   // A
constexpr double kAccelNoiseRms = 0.01;       // g, broadband
constexpr double kClampNoiseRms = 0.03;       // A, broadband

double bounded_gaussian(Rng& rng, double sigma, double limit) {
    return std::clamp(sigma * rng.gaussian(), -limit, limit);
}

}  // namespace

double default_shaft_hz(double rate_hz, uint32_t length) {
    const double enough_revolutions = kMinRevolutionsPerBuffer * rate_hz / length;
    return std::min(std::max(kTypicalShaftHz, enough_revolutions), rate_hz / 40.0);
}

MachineParameters derive_parameters(const SynthSpec& spec) {
    Rng rng(stream_seed(spec.seed, kStreamMachine, 0));
    MachineParameters m{};
    // A spectrum is a vibration machine seen through an FFT; process data has no shaft, but its
    // sensors' gain and offset errors come from here too (vibration's spreads, unused fields).
    const bool vibration = spec.machine != Machine::current;
    m.unit = vibration ? "g" : "A";
    if (spec.machine == Machine::process) m.unit = "";
    m.line_hz = vibration ? 0.0 : kLineHz;
    m.load = vibration ? 0.0 : kNominalLoad;
    m.slip = vibration ? 0.0 : kRatedSlip * kNominalLoad;
    if (vibration)
        m.shaft_hz = spec.shaft_hz > 0.0 ? spec.shaft_hz : default_shaft_hz(spec.rate_hz, spec.machine == Machine::spectrum ? 2 * spec.length : spec.length);
    else
        m.shaft_hz = kLineHz / kPolePairs * (1.0 - m.slip);
    m.speed_spread = 0.005;
    m.bearing = kBearing6205;
    m.bearing_hz = bearing_frequencies(m.bearing, m.shaft_hz);
    m.resonance_hz = vibration ? std::min(kResonanceHz, kResonanceFractionOfRate * spec.rate_hz) : 0.0;
    m.resonance_damping = vibration ? kResonanceDamping : 0.0;
    m.high_pass_hz = vibration ? 0.0 : kClampHighPassHz;
    m.settling_s = vibration
                       ? kResonanceSettlingConstants / (m.resonance_damping * kTwoPi * m.resonance_hz)
                       : kHighPassSettlingConstants / (kTwoPi * m.high_pass_hz);
    m.noise_rms = vibration ? kAccelNoiseRms : kClampNoiseRms;
    m.gravity = vibration ? 1.0 : 0.0;
    for (uint32_t a = 0; a < spec.axes; ++a) {
        AxisSensor s{};
        s.role = static_cast<AxisRole>(a % 3);
        s.gain = 1.0 + (vibration ? bounded_gaussian(rng, kAccelGainSpread, 0.06)
                                  : bounded_gaussian(rng, kClampGainSpread, 0.03));
        s.offset = vibration ? bounded_gaussian(rng, kAccelOffsetSpread, 0.06)
                             : bounded_gaussian(rng, kClampOffsetSpread, 0.06);
        m.sensors.push_back(s);
    }
    for (auto& p : m.harmonic_phase) p = rng.uniform(0.0, kTwoPi);
    for (auto& p : m.drift_phase) p = rng.uniform(0.0, kTwoPi);
    m.fault_phase = rng.uniform(0.0, kTwoPi);
    return m;
}

double slow_speed_drift(const MachineParameters& m, uint32_t index) {
    // Three incommensurate periods (in signals) give a drift that wanders without repeating
    // soon; about +-1 % in total, like a motor following small load and supply changes.
    constexpr std::array<double, 3> kPeriods{97.0, 331.0, 1213.0};
    constexpr std::array<double, 3> kAmplitudes{0.003, 0.004, 0.004};
    double drift = 0.0;
    for (size_t i = 0; i < kPeriods.size(); ++i)
        drift += kAmplitudes[i] * std::sin(kTwoPi * index / kPeriods[i] + m.drift_phase[i]);
    return drift;
}

}  // namespace vigil::engine::synth

// `vigil synth --kind spectrum`: each line is the magnitude spectrum a sensor's DSP block would
// send for one capture of the vibration machine (bins 1..N of |rfft| of 2N samples, Hann
// window, no DC): a 1/f-ish floor with the structure's resonance hump, the shaft harmonics,
// and noise that differs from line to line. A bin is the magnitude of the sum of the
// deterministic tones and complex Gaussian noise, so its spread is Rayleigh/Rice like a real
// spectrum's. Faults: a raised band, or a new harmonic family at the outer-race frequency.
#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

#include "kinds.hpp"

namespace vigil::engine::synth {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// Healthy machine (g): 1x..8x decaying, the radial axes stronger than the axial one.
constexpr double kHarmonic1x = 0.05;
constexpr double kHarmonicDecay = 1.3;       // amplitude of hx ~ 1 / h^decay
constexpr int kHarmonics = 8;
constexpr double kHarmonicJitter = 0.15;     // relative spread of each harmonic between lines
constexpr double kFloorAt10Hz = 0.004;       // the 1/f part of the floor, at 10 Hz
constexpr double kFloorSlope = 0.8;          // floor ~ f^-slope
constexpr double kWhiteFloor = 0.0008;       // the sensor's white noise floor
constexpr double kResonanceHump = 0.003;     // friction exciting the structure's resonance
constexpr double kLineLevelSpread = 0.12;    // log-normal spread of a whole line's level
constexpr double kFloorSpread = 0.15;        // and of its floor, apart from the tones
// Faults at fault_level 1 (the default severity), calibrated with `vigil bench` (docs/synth.md).
constexpr double kBandGain = 1.7;            // the band's floor is raised by 1 + gain x level
constexpr double kBandCentre = 0.42;         // of the Nyquist frequency
constexpr double kBandWidth = 0.06;          // half width, of the Nyquist frequency
constexpr double kFamily1x = 0.014;          // g, the fault family's first harmonic
constexpr int kFamilyHarmonics = 5;

// A Hann window's leakage of a tone `d` bins away (its main lobe is 4 bins wide).
double leakage(double d) {
    d = std::fabs(d);
    return d >= 2.0 ? 0.0 : 0.5 * (1.0 + std::cos(std::numbers::pi * d / 2.0));
}

double axis_share(AxisRole role) {
    switch (role) {
        case AxisRole::radial_horizontal: return 1.0;
        case AxisRole::radial_vertical: return 0.8;
        case AxisRole::axial: return 0.35;
    }
    return 1.0;
}

void add_tone(std::vector<std::complex<double>>& bins, double bin_hz, double hz, double amplitude, double phase) {
    const double at = hz / bin_hz;  // in bins; bins[k] is bin k + 1
    const long first = std::max(1L, long(std::floor(at - 2.0)));
    const long last = std::min(long(bins.size()), long(std::ceil(at + 2.0)));
    for (long k = first; k <= last; ++k)
        bins[size_t(k - 1)] += std::polar(amplitude * leakage(double(k) - at), phase + std::numbers::pi * double(k));
}

}  // namespace

double spectrum_bin_hz(const SynthSpec& spec) { return spec.rate_hz / (2.0 * spec.length); }

void synthesize_spectrum(const SynthSpec& spec, const MachineParameters& m, uint32_t index, double level, Rng& rng,
                         std::span<float> out) {
    const uint32_t bins_count = spec.length;
    const double bin_hz = spectrum_bin_hz(spec);
    const double nyquist = spec.rate_hz / 2.0;
    const double speed = m.shaft_hz * (1.0 + slow_speed_drift(m, index) + m.speed_spread * rng.gaussian());
    const double line_level = std::exp(kLineLevelSpread * rng.gaussian());
    const double floor_level = std::exp(kFloorSpread * rng.gaussian());
    const double fault_hz = m.bearing_hz.bpfo * speed / m.shaft_hz;
    std::vector<std::complex<double>> bins(bins_count);
    for (uint32_t a = 0; a < spec.axes; ++a) {
        const AxisSensor& sensor = m.sensors[a];
        const double share = axis_share(sensor.role);
        std::fill(bins.begin(), bins.end(), std::complex<double>{});
        for (int h = 1; h <= kHarmonics; ++h) {
            const double hz = h * speed;
            if (hz >= nyquist) break;
            const double amplitude = kHarmonic1x * share / std::pow(double(h), kHarmonicDecay) *
                                     std::max(0.0, 1.0 + kHarmonicJitter * rng.gaussian());
            add_tone(bins, bin_hz, hz, amplitude, rng.uniform(0.0, kTwoPi));
        }
        if (level > 0.0 && spec.fault == Fault::harmonics) {
            for (int h = 1; h <= kFamilyHarmonics; ++h) {
                const double hz = h * fault_hz;
                if (hz >= nyquist) break;
                add_tone(bins, bin_hz, hz, kFamily1x * level * share / h, rng.uniform(0.0, kTwoPi));
            }
        }
        for (uint32_t k = 0; k < bins_count; ++k) {
            const double hz = (k + 1) * bin_hz;
            const double r = (hz - m.resonance_hz) / (0.12 * m.resonance_hz);
            double floor = floor_level * (kFloorAt10Hz * std::pow(10.0 / hz, kFloorSlope) +
                                          kResonanceHump * share / (1.0 + r * r)) +
                           kWhiteFloor;
            if (level > 0.0 && spec.fault == Fault::band) {
                const double b = (hz / nyquist - kBandCentre) / kBandWidth;
                if (std::fabs(b) < 1.0) floor *= 1.0 + kBandGain * level * 0.5 * (1.0 + std::cos(std::numbers::pi * b));
            }
            const std::complex<double> noise(rng.gaussian(), rng.gaussian());
            const double v = std::abs(bins[k] + floor * std::sqrt(0.5) * noise) * line_level * sensor.gain;
            out[size_t(k) * spec.axes + a] = static_cast<float>(v);
        }
    }
}

}  // namespace vigil::engine::synth

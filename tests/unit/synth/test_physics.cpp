// The physics, checked in the spectrum with a plain DFT: the shaft line where the machine says
// it is, each fault's signature at its frequency, and nothing of it in the regular signals.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "spectrum.hpp"
#include "vigil/engine/synth/generator.hpp"

using namespace vigil::engine::synth;
using namespace synth_test;

namespace {

constexpr size_t kHorizontal = 0, kVertical = 1, kAxial = 2;

// Long captures (2.56 s at 1600 Hz: 0.4 Hz resolution) so lines are resolved cleanly, and the
// full severity: these tests look for where each signature is, not for how hard it is to see.
SynthSpec long_spec(Fault fault, Machine machine = Machine::vibration) {
    SynthSpec s;
    s.severity = 1.0;
    s.length = 4096;
    s.signals = 6;
    s.abnormal_signals = 6;
    s.fault = fault;
    s.machine = machine;
    s.seed = 7;
    return s;
}

// Mean over the file's signals of measure(axis samples).
template <typename Measure>
double mean_over_signals(const Generator& gen, SignalKind kind, size_t axis, Measure measure) {
    std::vector<float> signal(gen.values_per_signal());
    double sum = 0.0;
    for (uint32_t i = 0; i < gen.count(kind); ++i) {
        gen.generate(kind, i, signal);
        sum += measure(axis_of(signal, gen.spec().axes, axis));
    }
    return sum / gen.count(kind);
}

}  // namespace

TEST_CASE("a regular machine's strongest line is the shaft speed") {
    const Generator gen(long_spec(Fault::outer_race));
    const double shaft = gen.machine().shaft_hz;
    std::vector<float> signal(gen.values_per_signal());
    for (uint32_t i = 0; i < gen.count(SignalKind::regular); ++i) {
        gen.generate(SignalKind::regular, i, signal);
        const double f = strongest_frequency(axis_of(signal, 3, kHorizontal), 1600.0, 5.0, 700.0, 0.1);
        // Speed drifts by ~1 % between captures.
        CHECK(f == Approx(shaft).epsilon(0.03));
    }
}

TEST_CASE("the vertical axis reads gravity, the others about zero") {
    const Generator gen(long_spec(Fault::outer_race));
    auto mean = [](const std::vector<double>& x) {
        double s = 0.0;
        for (double v : x) s += v;
        return s / x.size();
    };
    CHECK(mean_over_signals(gen, SignalKind::regular, kVertical, mean) == Approx(1.0).margin(0.1));
    CHECK(mean_over_signals(gen, SignalKind::regular, kHorizontal, mean) == Approx(0.0).margin(0.1));
}

TEST_CASE("imbalance raises 1x in the radial directions much more than axially") {
    const Generator gen(long_spec(Fault::imbalance));
    const double f1 = gen.machine().shaft_hz;
    auto one_x = [&](const std::vector<double>& x) { return peak_near(x, 1600.0, f1, 0.6); };
    const double radial_regular = mean_over_signals(gen, SignalKind::regular, kHorizontal, one_x);
    const double radial_abnormal = mean_over_signals(gen, SignalKind::abnormal, kHorizontal, one_x);
    const double axial_abnormal = mean_over_signals(gen, SignalKind::abnormal, kAxial, one_x);
    CHECK(radial_abnormal > 1.5 * radial_regular);
    CHECK(axial_abnormal < 0.3 * radial_abnormal);
}

TEST_CASE("misalignment raises 2x, radially and even more axially") {
    const Generator gen(long_spec(Fault::misalignment));
    const double f1 = gen.machine().shaft_hz;
    for (size_t axis : {kHorizontal, kAxial}) {
        auto two_x_over_one_x = [&](const std::vector<double>& x) {
            return peak_near(x, 1600.0, 2 * f1, 1.2) / peak_near(x, 1600.0, f1, 0.6);
        };
        const double regular = mean_over_signals(gen, SignalKind::regular, axis, two_x_over_one_x);
        const double abnormal = mean_over_signals(gen, SignalKind::abnormal, axis, two_x_over_one_x);
        INFO("axis " << axis << ": 2x/1x regular " << regular << ", abnormal " << abnormal);
        CHECK(abnormal > 2.0 * regular);
    }
}

TEST_CASE("looseness adds half-harmonics and high harmonics") {
    const Generator gen(long_spec(Fault::looseness));
    const double f1 = gen.machine().shaft_hz;
    for (double order : {0.5, 1.5, 6.0}) {
        auto line = [&](const std::vector<double>& x) { return peak_near(x, 1600.0, order * f1, 0.4 * order + 0.3); };
        const double regular = mean_over_signals(gen, SignalKind::regular, kVertical, line);
        const double abnormal = mean_over_signals(gen, SignalKind::abnormal, kVertical, line);
        INFO("order " << order << ": regular " << regular << ", abnormal " << abnormal);
        CHECK(abnormal > 3.0 * regular);
    }
}

TEST_CASE("an outer-race fault's envelope spectrum peaks at BPFO") {
    for (double rate : {1600.0, 12000.0}) {
        SynthSpec spec = long_spec(Fault::outer_race);
        spec.rate_hz = rate;
        spec.length = rate > 2000.0 ? 16384 : 4096;
        const Generator gen(spec);
        const double bpfo = gen.machine().bearing_hz.bpfo;
        std::vector<float> signal(gen.values_per_signal());
        for (uint32_t i = 0; i < gen.count(SignalKind::abnormal); ++i) {
            gen.generate(SignalKind::abnormal, i, signal);
            const auto envelope = squared_envelope(axis_of(signal, 3, kVertical));
            const double f = strongest_frequency(envelope, rate, 0.5 * gen.machine().shaft_hz, 300.0, 0.1);
            INFO("rate " << rate << ", signal " << i << ": envelope peak " << f << " Hz, BPFO " << bpfo);
            CHECK(f == Approx(bpfo).epsilon(0.03));
        }
        auto at_bpfo = [&](const std::vector<double>& x) { return peak_near(squared_envelope(x), rate, bpfo, 1.5); };
        CHECK(mean_over_signals(gen, SignalKind::abnormal, kVertical, at_bpfo) >
              5.0 * mean_over_signals(gen, SignalKind::regular, kVertical, at_bpfo));
    }
}

TEST_CASE("an inner-race fault's envelope shows BPFI with 1x sidebands") {
    const Generator gen(long_spec(Fault::inner_race));
    const double bpfi = gen.machine().bearing_hz.bpfi, f1 = gen.machine().shaft_hz;
    std::vector<float> signal(gen.values_per_signal());
    for (uint32_t i = 0; i < gen.count(SignalKind::abnormal); ++i) {
        gen.generate(SignalKind::abnormal, i, signal);
        const auto envelope = squared_envelope(axis_of(signal, 3, kVertical));
        // The load zone modulates the impacts at 1x: BPFI comes with sidebands at +- f_r that
        // can be as strong as itself, so the strongest line is one of the three.
        const double f = strongest_frequency(envelope, 1600.0, 100.0, 300.0, 0.1);
        const double nearest = std::min({std::abs(f - bpfi), std::abs(f - bpfi + f1), std::abs(f - bpfi - f1)});
        INFO("signal " << i << ": envelope peak " << f << " Hz, BPFI " << bpfi << ", f_r " << f1);
        CHECK(nearest < 0.03 * bpfi);
        // Between the lines (3.7 x: away from k f_r and from BPFI +- k f_r = (5.415 +- k) f_r).
        const double floor = peak_near(envelope, 1600.0, 3.7 * f1, 1.5);
        CHECK(peak_near(envelope, 1600.0, bpfi, 1.5) > 2.0 * floor);
        CHECK(peak_near(envelope, 1600.0, bpfi - f1, 1.5) > 2.0 * floor);
        CHECK(peak_near(envelope, 1600.0, f1, 1.0) > 2.0 * floor);
    }
}

TEST_CASE("motor current: a line at 50 Hz, and faults as sidebands at f_line +- k f_r") {
    struct Case {
        Fault fault;
        double sideband_order;  // k
    };
    for (Case c : {Case{Fault::imbalance, 1.0}, Case{Fault::misalignment, 2.0}, Case{Fault::looseness, 1.0}}) {
        const Generator gen(long_spec(c.fault, Machine::current));
        const double line = gen.machine().line_hz, f1 = gen.machine().shaft_hz;
        auto fundamental = [&](const std::vector<double>& x) { return strongest_frequency(x, 1600.0, 5.0, 700.0, 0.2); };
        CHECK(mean_over_signals(gen, SignalKind::regular, 0, fundamental) == Approx(line).margin(0.5));
        for (double side : {-1.0, 1.0}) {
            // f_line - 2 f_r is near 1 Hz on a 4-pole motor, where the AC-coupled clamp is deaf.
            if (line + side * c.sideband_order * f1 < 10.0) continue;
            auto sideband = [&](const std::vector<double>& x) {
                return peak_near(x, 1600.0, line + side * c.sideband_order * f1, 0.6);
            };
            const double regular = mean_over_signals(gen, SignalKind::regular, 0, sideband);
            const double abnormal = mean_over_signals(gen, SignalKind::abnormal, 0, sideband);
            INFO(to_string(c.fault) << " sideband " << line + side * c.sideband_order * f1 << " Hz: regular " << regular
                                    << ", abnormal " << abnormal);
            CHECK(abnormal > 3.0 * regular);
        }
    }
    const Generator gen(long_spec(Fault::outer_race, Machine::current));
    const double line = gen.machine().line_hz, bpfo = gen.machine().bearing_hz.bpfo;
    auto sideband = [&](const std::vector<double>& x) { return peak_near(x, 1600.0, line + bpfo, 1.5); };
    CHECK(mean_over_signals(gen, SignalKind::abnormal, 0, sideband) >
          3.0 * mean_over_signals(gen, SignalKind::regular, 0, sideband));
}

TEST_CASE("motor current phases are 120 degrees apart") {
    const Generator gen(long_spec(Fault::imbalance, Machine::current));
    std::vector<float> signal(gen.values_per_signal());
    gen.generate(SignalKind::regular, 0, signal);
    // Balanced three-phase currents sum to (almost) zero at every instant.
    double sum_rms = 0.0, phase_rms = 0.0;
    for (size_t n = 0; n < gen.spec().length; ++n) {
        const double a = signal[3 * n], b = signal[3 * n + 1], c = signal[3 * n + 2];
        sum_rms += (a + b + c) * (a + b + c);
        phase_rms += a * a;
    }
    CHECK(sum_rms < 0.05 * phase_rms);
}

TEST_CASE("severity 0 gives an abnormal file like the regular one") {
    SynthSpec spec = long_spec(Fault::imbalance);
    spec.severity = 0.0;
    const Generator gen(spec);
    const double f1 = gen.machine().shaft_hz;
    auto one_x = [&](const std::vector<double>& x) { return peak_near(x, 1600.0, f1, 0.6); };
    CHECK(mean_over_signals(gen, SignalKind::abnormal, kHorizontal, one_x) ==
          Approx(mean_over_signals(gen, SignalKind::regular, kHorizontal, one_x)).epsilon(0.3));
}

// The spectrum and process kinds of the generator and of `vigil synth --kind`: shape,
// determinism, what a regular line looks like, what each fault changes, and the refusals.
#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_run.hpp"
#include "temp_dir.hpp"
#include "vigil/engine/synth/generator.hpp"
#include "vigil/engine/synth/report.hpp"
#include "vigil/engine/synth/writer.hpp"

using namespace vigil::engine::synth;
using synth_test::TempDir;
using synth_test::Run;
using synth_test::run_vigil;
using synth_test::read_all;

namespace {

SynthSpec small(Machine machine, Fault fault) {
    SynthSpec s = defaults_for(machine);
    s.fault = fault;
    s.signals = 60;
    s.abnormal_signals = 60;
    s.seed = 7;
    return s;
}

// Mean over the file's lines of f(line).
template <class F>
double mean_over(const Generator& gen, SignalKind kind, F f) {
    std::vector<float> line(gen.values_per_signal());
    double sum = 0.0;
    for (uint32_t i = 0; i < gen.count(kind); ++i) {
        gen.generate(kind, i, line);
        sum += f(line);
    }
    return sum / gen.count(kind);
}

double slope(const std::vector<float>& line, uint32_t axes, uint32_t channel) {
    const size_t n = line.size() / axes;
    double st = 0, sv = 0, stt = 0, stv = 0;
    for (size_t t = 0; t < n; ++t) {
        const double v = line[t * axes + channel];
        st += double(t), sv += v, stt += double(t * t), stv += double(t) * v;
    }
    return (n * stv - st * sv) / (n * stt - st * st);
}

double correlation(const std::vector<float>& line, uint32_t axes, uint32_t a, uint32_t b) {
    const size_t n = line.size() / axes;
    double ma = 0, mb = 0;
    for (size_t t = 0; t < n; ++t) ma += line[t * axes + a], mb += line[t * axes + b];
    ma /= double(n), mb /= double(n);
    double sab = 0, saa = 0, sbb = 0;
    for (size_t t = 0; t < n; ++t) {
        const double x = line[t * axes + a] - ma, y = line[t * axes + b] - mb;
        sab += x * y, saa += x * x, sbb += y * y;
    }
    return sab / std::sqrt(saa * sbb);
}

}  // namespace

TEST_CASE("kinds: defaults and faults of each kind, another kind's fault refused naming the field") {
    CHECK(defaults_for(Machine::spectrum).axes == 1);
    CHECK(defaults_for(Machine::spectrum).length == 256);
    CHECK(defaults_for(Machine::spectrum).fault == Fault::band);
    CHECK(defaults_for(Machine::process).axes == 4);
    CHECK(defaults_for(Machine::process).length == 32);
    CHECK(defaults_for(Machine::process).fault == Fault::drift);
    CHECK(defaults_for(Machine::vibration).fault == Fault::outer_race);  // unchanged
    CHECK(defaults_for(Machine::vibration).axes == 3);
    SynthSpec s = defaults_for(Machine::spectrum);
    s.fault = Fault::drift;
    try {
        validate(s);
        FAIL("a process fault was accepted for the spectrum kind");
    } catch (const SpecError& e) {
        CHECK(e.parameter == "fault");
        CHECK_THAT(std::string(e.what()), Catch::Contains("band, harmonics"));
    }
    s = defaults_for(Machine::vibration);
    s.fault = Fault::band;
    CHECK_THROWS_AS(validate(s), SpecError);
    for (auto m : {Machine::vibration, Machine::current, Machine::spectrum, Machine::process})
        for (Fault f : faults_of(m)) {
            SynthSpec ok = defaults_for(m);
            ok.fault = f;
            CHECK_NOTHROW(validate(ok));
            CHECK(parse_fault(to_string(f)) == f);
        }
    CHECK(parse_machine("spectrum") == Machine::spectrum);
    CHECK(parse_machine("process") == Machine::process);
}

TEST_CASE("kinds: the same seed gives the same bytes, another seed other bytes, every spectrum value >= 0") {
    TempDir dir;
    for (auto m : {Machine::spectrum, Machine::process}) {
        for (Fault f : faults_of(m)) {
            const SynthSpec spec = small(m, f);
            const auto a = write_dataset(Generator(spec), dir.path() / "a");
            const auto b = write_dataset(Generator(spec), dir.path() / "b");
            INFO(to_string(m) << " " << to_string(f));
            CHECK(read_all(a.regular) == read_all(b.regular));
            CHECK(read_all(a.abnormal) == read_all(b.abnormal));
            SynthSpec other = spec;
            other.seed = 8;
            const auto c = write_dataset(Generator(other), dir.path() / "c");
            CHECK(read_all(c.abnormal) != read_all(a.abnormal));
            const std::string text = read_all(a.regular);
            CHECK(std::count(text.begin(), text.end(), '\n') == 60);
            const std::string first = text.substr(0, text.find('\n'));
            CHECK(size_t(std::count(first.begin(), first.end(), ' ') + 1) == size_t(spec.axes) * spec.length);
            if (m == Machine::spectrum) CHECK(text.find('-') == std::string::npos);
        }
    }
}

TEST_CASE("spectrum kind: a 1/f-ish floor, the shaft's 1x on top, line-to-line noise, and the faults add what they say") {
    const Generator regular(small(Machine::spectrum, Fault::band));
    const auto& machine = regular.machine();
    const double bin_hz = regular.spec().rate_hz / (2.0 * regular.spec().length);
    const size_t one_x = size_t(std::lround(machine.shaft_hz / bin_hz)) - 1;  // bins start at 1
    std::vector<float> a(regular.values_per_signal()), b(regular.values_per_signal());
    regular.generate(SignalKind::regular, 0, a);
    regular.generate(SignalKind::regular, 1, b);
    CHECK(a != b);
    const double low = std::accumulate(a.begin() + 30, a.begin() + 50, 0.0);
    const double high = std::accumulate(a.begin() + 200, a.begin() + 220, 0.0);
    CHECK(low > high);  // the floor falls with frequency
    CHECK(a[one_x] > 5.0 * a[one_x + 20]);

    // band: the floor around 0.42 x Nyquist rises, the rest stays.
    const size_t centre = size_t(0.42 * regular.spec().length);
    auto band_energy = [&](const std::vector<float>& l) {
        return std::accumulate(l.begin() + long(centre) - 5, l.begin() + long(centre) + 5, 0.0);
    };
    auto far_energy = [&](const std::vector<float>& l) { return std::accumulate(l.begin() + 220, l.begin() + 250, 0.0); };
    CHECK(mean_over(regular, SignalKind::abnormal, band_energy) > 1.3 * mean_over(regular, SignalKind::regular, band_energy));
    CHECK(mean_over(regular, SignalKind::abnormal, far_energy) ==
          Approx(mean_over(regular, SignalKind::regular, far_energy)).epsilon(0.15));

    // harmonics: new tones at BPFO.
    const Generator family(small(Machine::spectrum, Fault::harmonics));
    const size_t bpfo = size_t(std::lround(machine.bearing_hz.bpfo / bin_hz)) - 1;
    auto at_bpfo = [&](const std::vector<float>& l) { return double(l[bpfo]) + l[bpfo + 1] + l[bpfo - 1]; };
    CHECK(mean_over(family, SignalKind::abnormal, at_bpfo) > 1.5 * mean_over(family, SignalKind::regular, at_bpfo));

    // Severity 0: both files alike.
    SynthSpec none = small(Machine::spectrum, Fault::band);
    none.severity = 0.0;
    const Generator same(none);
    CHECK(mean_over(same, SignalKind::abnormal, band_energy) ==
          Approx(mean_over(same, SignalKind::regular, band_energy)).epsilon(0.15));
}

TEST_CASE("process kind: channels follow one operating point that moves between lines, and the faults do what they say") {
    const Generator drift(small(Machine::process, Fault::drift));
    std::vector<float> line(drift.values_per_signal());
    // Flow (2) and current (3) follow the same load: strongly correlated within a line.
    const double corr = mean_over(drift, SignalKind::regular, [](const std::vector<float>& l) { return correlation(l, 4, 2, 3); });
    CHECK(corr > 0.6);
    // The level moves between lines far more than within one.
    std::vector<double> means;
    double within = 0.0;
    for (uint32_t i = 0; i < 60; ++i) {
        drift.generate(SignalKind::regular, i, line);
        double m = 0, ss = 0;
        for (size_t t = 0; t < 32; ++t) m += line[t * 4 + 2];
        m /= 32;
        for (size_t t = 0; t < 32; ++t) ss += (line[t * 4 + 2] - m) * (line[t * 4 + 2] - m);
        means.push_back(m);
        within += std::sqrt(ss / 31) / 60;
    }
    const double mm = std::accumulate(means.begin(), means.end(), 0.0) / 60;
    double between = 0;
    for (double m : means) between += (m - mm) * (m - mm);
    CHECK(std::sqrt(between / 59) > 3.0 * within);

    auto temperature_slope = [](const std::vector<float>& l) { return slope(l, 4, 0); };
    CHECK(mean_over(drift, SignalKind::abnormal, temperature_slope) >
          mean_over(drift, SignalKind::regular, temperature_slope) + 0.02);

    const Generator decorrelated(small(Machine::process, Fault::decorrelation));
    auto flow_current = [](const std::vector<float>& l) { return correlation(l, 4, 2, 3); };
    CHECK(mean_over(decorrelated, SignalKind::abnormal, flow_current) <
          mean_over(decorrelated, SignalKind::regular, flow_current) - 0.1);  // 0.67 -> 0.50 at the default

    const Generator noisy(small(Machine::process, Fault::variance));
    auto jitter = [](const std::vector<float>& l) {  // mean |second difference| of the flow
        double s = 0;
        for (size_t t = 2; t < 32; ++t) s += std::fabs(l[t * 4 + 2] - 2 * l[(t - 1) * 4 + 2] + l[(t - 2) * 4 + 2]);
        return s;
    };
    CHECK(mean_over(noisy, SignalKind::abnormal, jitter) > 1.3 * mean_over(noisy, SignalKind::regular, jitter));

    const Generator stepped(small(Machine::process, Fault::step));
    auto pressure_slope = [](const std::vector<float>& l) { return slope(l, 4, 1); };
    CHECK(mean_over(stepped, SignalKind::abnormal, pressure_slope) < mean_over(stepped, SignalKind::regular, pressure_slope));
}

TEST_CASE("vigil synth --kind: spectrum and process with their defaults, --machine kept as its older name") {
    TempDir dir;
    const std::string out = "--out '" + (dir.path() / "s").string() + "' --signals 4";
    const Run spectrum = run_vigil("synth " + out + " --kind spectrum --json");
    INFO(spectrum.output);
    REQUIRE(spectrum.exit_code == 0);
    const auto j = nlohmann::json::parse(spectrum.output);
    CHECK(j["kind"] == "spectrum");
    CHECK(j["fault"] == "band");
    CHECK(j["axes"] == 1);
    CHECK(j["bins"] == 256);
    CHECK(j["severity"] == 0.5);
    CHECK(j["bin_hz"].get<double>() == Approx(1600.0 / 512.0));

    const Run process = run_vigil("synth --out '" + (dir.path() / "p").string() + "' --signals 4 --kind process --fault step --json");
    INFO(process.output);
    REQUIRE(process.exit_code == 0);
    const auto p = nlohmann::json::parse(process.output);
    CHECK(p["kind"] == "process");
    CHECK(p["fault"] == "step");
    CHECK(p["axes"] == 4);
    CHECK(p["readings_per_line"] == 32);
    CHECK(p["channels"].size() == 4);
    CHECK(p["channels"][0]["name"] == "temperature");

    const Run alias = run_vigil("synth --out '" + (dir.path() / "m").string() + "' --signals 4 --machine spectrum");
    REQUIRE(alias.exit_code == 0);
    CHECK(read_all(dir.path() / "m/regular.csv") == read_all(dir.path() / "s/regular.csv"));
    CHECK_THAT(alias.output, Catch::Contains("spectrum kind"));

    for (const std::string bad : {"--kind pump", "--kind spectrum --fault drift", "--kind process --fault outer-race",
                                  "--kind spectrum --machine process", "--kind process --shaft-hz 20"}) {
        const Run r = run_vigil("synth --out '" + (dir.path() / "bad").string() + "' " + bad);
        INFO(bad << "\n" << r.output);
        CHECK(r.exit_code == 64);
        CHECK_FALSE(std::filesystem::exists(dir.path() / "bad"));
    }
    const Run help = run_vigil("synth --help");
    CHECK_THAT(help.output, Catch::Contains("--kind") && Catch::Contains("spectrum") && Catch::Contains("process"));
}

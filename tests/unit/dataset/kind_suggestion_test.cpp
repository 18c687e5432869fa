// `vigil check`'s signal-kind suggestion (kind_suggestion.hpp) on the real recordings of
// ../shared/datasets (skipped with a message where absent), on spectra computed from them (as
// tests/bench/select/run does: |rfft| of each axis, mean removed, Hann window, bins 1..n/2),
// and on every kind `vigil synth` makes.
#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <filesystem>
#include <numbers>

#include "vigil/engine/dataset/check_report.hpp"
#include "vigil/engine/dataset/fft.hpp"
#include "vigil/engine/dataset/loader.hpp"
#include "vigil/engine/dataset/report_json.hpp"
#include "vigil/engine/dataset/report_text.hpp"
#include "vigil/engine/synth/generator.hpp"

using namespace vigil::engine::dataset;
using vigil::engine::selection::SignalKind;
namespace synth = vigil::engine::synth;

namespace {

bool available(const std::string& file) {
    if (std::filesystem::exists(file)) return true;
    WARN("SKIPPED: real dataset " << file << " is absent (VIGIL_SHARED_DATASETS=" << VIGIL_SHARED_DATASETS << ")");
    return false;
}

Dataset load(const std::string& file, size_t axes) {
    LoadResult r = load_signal_file(file, axes);
    REQUIRE_FALSE(r.error);
    return std::move(r.dataset);
}

// One magnitude spectrum per line and axis, interleaved like the input.
Dataset spectra_of(const Dataset& d) {
    const size_t n = d.length, bins = n / 2;
    Dataset out;
    out.signals = d.signals;
    out.axes = d.axes;
    out.length = bins;
    out.data.resize(out.signals * bins * d.axes);
    FftPlan plan(n);
    std::vector<std::complex<double>> x(n);
    for (size_t s = 0; s < d.signals; ++s) {
        out.source_lines.push_back(s + 1);
        for (size_t a = 0; a < d.axes; ++a) {
            double mean = 0.0;
            for (size_t t = 0; t < n; ++t) mean += d.at(s, t, a);
            mean /= double(n);
            for (size_t t = 0; t < n; ++t) {
                const double hann = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * double(t) / double(n - 1));
                x[t] = (d.at(s, t, a) - mean) * hann;
            }
            plan.forward(x);
            for (size_t k = 1; k <= bins; ++k) out.data[(s * bins + (k - 1)) * d.axes + a] = float(std::abs(x[k]));
        }
    }
    return out;
}

Dataset synthesized(synth::Machine machine, synth::SignalKind file) {
    synth::SynthSpec spec = synth::defaults_for(machine);
    spec.signals = spec.abnormal_signals = 120;
    const synth::Generator gen(spec);
    Dataset d;
    d.signals = spec.signals;
    d.axes = spec.axes;
    d.length = spec.length;
    d.data = gen.generate_all(file);
    for (size_t s = 0; s < d.signals; ++s) d.source_lines.push_back(s + 1);
    return d;
}

}  // namespace

TEST_CASE("kind suggestion: the real recordings and spectra computed from them") {
    const std::string root = std::string(VIGIL_SHARED_DATASETS) + "/";
    struct Case {
        std::string folder;
        size_t axes;
        std::optional<double> rate;
        SignalKind time_kind;
    };
    for (const Case& c : {Case{"fan", 3, 200.0, SignalKind::vibration}, Case{"bearing", 1, std::nullopt, SignalKind::vibration},
                          Case{"machine_temp", 1, std::nullopt, SignalKind::process}}) {
        for (const char* file : {"regular.csv", "abnormal.csv"}) {
            const std::string path = root + c.folder + "/" + file;
            if (!available(path)) continue;
            const Dataset d = load(path, c.axes);
            const KindSuggestion s = suggest_kind(d, c.rate);
            INFO(path << ": " << vigil::engine::selection::to_string(s.kind) << " (" << s.reason << ")");
            CHECK(s.kind == c.time_kind);
            CHECK_FALSE(s.reason.empty());
            CHECK(s.reason.find('\n') == std::string::npos);
            if (c.folder == "machine_temp") continue;
            const KindSuggestion spectrum = suggest_kind(spectra_of(d), std::nullopt);
            INFO("spectra of " << path << ": " << vigil::engine::selection::to_string(spectrum.kind) << " ("
                               << spectrum.reason << ")");
            CHECK(spectrum.kind == SignalKind::spectrum);
        }
    }
}

TEST_CASE("kind suggestion: every kind vigil synth makes, both files") {
    struct Case {
        synth::Machine machine;
        SignalKind expected;
    };
    for (const Case& c : {Case{synth::Machine::vibration, SignalKind::vibration},
                          Case{synth::Machine::spectrum, SignalKind::spectrum},
                          Case{synth::Machine::process, SignalKind::process}}) {
        for (auto file : {synth::SignalKind::regular, synth::SignalKind::abnormal}) {
            const KindSuggestion s = suggest_kind(synthesized(c.machine, file), std::nullopt);
            INFO(synth::to_string(c.machine) << ": " << vigil::engine::selection::to_string(s.kind) << " (" << s.reason << ")");
            CHECK(s.kind == c.expected);
        }
    }
    // Motor current at a known rate: its 50 Hz supply dominates.
    synth::SynthSpec spec = synth::defaults_for(synth::Machine::current);
    spec.signals = 60;
    spec.length = 512;
    const synth::Generator gen(spec);
    Dataset d;
    d.signals = spec.signals;
    d.axes = spec.axes;
    d.length = spec.length;
    d.data = gen.generate_all(synth::SignalKind::regular);
    const KindSuggestion current = suggest_kind(d, spec.rate_hz);
    INFO(current.reason);
    CHECK(current.kind == SignalKind::current);
}

TEST_CASE("kind suggestion in the report: JSON and text, the project's kind compared, never a warning") {
    const std::string path = std::string(VIGIL_SHARED_DATASETS) + "/machine_temp/regular.csv";
    if (!available(path)) return;
    CheckOptions o;
    o.project_kind = SignalKind::vibration;
    const CheckReport r = check_file(path, 1, o);
    REQUIRE(r.kind_suggestion);
    CHECK(r.kind_suggestion->disagrees());
    for (const auto& w : r.warnings) CHECK(w.kind.find("kind") == std::string::npos);
    const auto j = report_to_json(r);
    CHECK(j["kind_suggestion"]["kind"] == "process");
    CHECK(j["kind_suggestion"]["project_kind"] == "vibration");
    CHECK(j["kind_suggestion"]["disagrees"] == true);
    CHECK_FALSE(j["kind_suggestion"]["reason"].get<std::string>().empty());
    const std::string text = report_to_text(r, false);
    CHECK_THAT(text, Catch::Contains("kind: looks like process") && Catch::Contains("sensor.kind = vibration"));

    o.project_kind = SignalKind::process;
    const CheckReport agreeing = check_file(path, 1, o);
    CHECK_FALSE(agreeing.kind_suggestion->disagrees());
    CHECK_THAT(report_to_text(agreeing, false), Catch::Contains("as the project says"));
    o.project_kind = SignalKind::generic;  // generic never disagrees: it tries everything
    CHECK_FALSE(check_file(path, 1, o).kind_suggestion->disagrees());
    CHECK(report_to_json(check_file(path, 1, CheckOptions{}))["kind_suggestion"]["project_kind"].is_null());
}

TEST_CASE("kind suggestion: none for a file with an error, generic for lines too short to tell") {
    const CheckReport missing = check_file("/nonexistent/signals.csv", 1, CheckOptions{});
    CHECK_FALSE(missing.kind_suggestion);
    CHECK(report_to_json(missing)["kind_suggestion"].is_null());
    Dataset d;
    d.signals = 30;
    d.axes = 1;
    d.length = 4;
    d.data.assign(120, 1.0f);
    CHECK(suggest_kind(d, std::nullopt).kind == SignalKind::generic);
}

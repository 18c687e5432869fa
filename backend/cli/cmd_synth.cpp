// `vigil synth`: generates the project's example data, a regular and an abnormal file from
// one simulated machine (see engine/include/vigil/engine/synth/ and docs/synth.md).
#include <cstdio>
#include <optional>
#include <iostream>
#include <string>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "vigil/engine/synth/generator.hpp"
#include "vigil/engine/synth/report.hpp"
#include "vigil/engine/synth/spec.hpp"
#include "vigil/engine/synth/writer.hpp"

namespace vigil::cli {

namespace synth = vigil::engine::synth;

namespace {

const std::vector<OptionSpec> kOptions = {
    {"--out", true, false, "folder for regular.csv and abnormal.csv (created if needed)", "DIR"},
    {"--kind", true, false,
     "vibration (default), current, spectrum (lines of magnitude spectra) or process (slow process variables)",
     "KIND"},
    {"--axes", true, false, "axes (process: channels) per sample, 1 to 16 (default 3; spectrum 1, process 4)", "N"},
    {"--rate", true, false, "sampling rate in Hz (default 1600; spectrum: of the time signal it is computed from)",
     "HZ"},
    {"--length", true, false,
     "samples per axis in one signal (default 256; spectrum: bins, 256; process: readings, 32)", "N"},
    {"--signals", true, false, "signals in regular.csv (default 200)", "N"},
    {"--abnormal-signals", true, false, "signals in abnormal.csv (default: --signals)", "N"},
    {"--seed", true, false, "random seed; the same seed gives the same bytes (default 1)", "S"},
    {"--machine", true, false, "the older name of --kind", "KIND"},
    {"--fault", true, false,
     "vibration, current: imbalance, misalignment, looseness, outer-race (default), inner-race; spectrum: band "
     "(default), harmonics; process: drift (default), step, variance, decorrelation",
     "FAULT"},
    {"--severity", true, false, "fault strength from 0 (none) to 1 (default 0.5: calibrated per kind)", "X"},
    {"--shaft-hz", true, false, "shaft speed of the vibration and spectrum kinds (default: from rate and length)", "HZ"},
    {"--json", false, false, "print the parameters used as JSON"},
};

// The CLI name of a SynthSpec field, for errors the engine finds.
std::string option_of(const std::string& parameter) {
    if (parameter == "rate_hz") return "--rate";
    if (parameter == "abnormal_signals") return "--abnormal-signals";
    if (parameter == "shaft_hz") return "--shaft-hz";
    return "--" + parameter;
}

synth::SynthSpec spec_from(const Args& args) {
    // The kind first: its defaults (axes, length, fault) are what the other options change.
    std::optional<synth::Machine> kind;
    for (const char* option : {"--kind", "--machine"}) {
        if (auto m = args.value(option)) {
            auto machine = synth::parse_machine(*m);
            if (!machine) args.fail(std::string(option) + " must be vibration, current, spectrum or process, got '" + *m + "'");
            if (kind && *kind != *machine) args.fail("--kind and --machine name different kinds (--machine is the older name of --kind)");
            kind = machine;
        }
    }
    synth::SynthSpec spec = synth::defaults_for(kind.value_or(synth::Machine::vibration));
    spec.axes = static_cast<uint32_t>(args.integer_or("--axes", 1, synth::kMaxAxes, spec.axes));
    spec.rate_hz = args.number("--rate", synth::kMinRateHz, synth::kMaxRateHz).value_or(spec.rate_hz);
    spec.length = static_cast<uint32_t>(args.integer_or("--length", synth::kMinLength, synth::kMaxLength, spec.length));
    spec.signals = static_cast<uint32_t>(args.integer_or("--signals", 1, synth::kMaxSignals, spec.signals));
    spec.abnormal_signals =
        static_cast<uint32_t>(args.integer_or("--abnormal-signals", 1, synth::kMaxSignals, spec.signals));
    spec.seed = static_cast<uint64_t>(args.integer_or("--seed", 0, INT64_MAX, 1));
    if (auto f = args.value("--fault")) {
        auto fault = synth::parse_fault(*f);
        std::string accepted;
        for (synth::Fault k : synth::faults_of(spec.machine)) accepted += (accepted.empty() ? "" : ", ") + std::string(synth::to_string(k));
        if (!fault)
            args.fail("--fault must be one of the " + std::string(synth::to_string(spec.machine)) + " kind's faults (" +
                      accepted + "), got '" + *f + "'");
        spec.fault = *fault;
    }
    spec.severity = args.number("--severity", 0.0, 1.0).value_or(spec.severity);
    spec.shaft_hz = args.number("--shaft-hz", 0.1, synth::kMaxRateHz).value_or(0.0);
    try {
        synth::validate(spec);
    } catch (const synth::SpecError& e) {
        // The engine names the field; the user knows it by its option.
        std::string message = e.what();
        message.replace(0, e.parameter.size(), option_of(e.parameter));
        args.fail(message);
    }
    return spec;
}

void print_summary(const synth::Generator& gen, const synth::DatasetFiles& files) {
    const auto& s = gen.spec();
    const auto& m = gen.machine();
    std::printf("wrote %s (%u regular signals, %llu bytes)\n", files.regular.c_str(), s.signals,
                static_cast<unsigned long long>(files.regular_bytes));
    std::printf("wrote %s (%u abnormal signals, %llu bytes): %s fault, severity %g\n", files.abnormal.c_str(),
                s.abnormal_signals, static_cast<unsigned long long>(files.abnormal_bytes),
                std::string(synth::to_string(s.fault)).c_str(), s.severity);
    if (s.machine == synth::Machine::process) {
        std::printf("process kind: %u channels x %u readings (temperature, pressure, flow, current%s)\n", s.axes,
                    s.length, s.axes > 4 ? "; then a second unit" : "");
        return;
    }
    if (s.machine == synth::Machine::spectrum) {
        std::printf("spectrum kind: %u axes x %u bins of %g Hz (|rfft| of %u samples at %g Hz); shaft %.2f Hz, BPFO %.2f Hz\n",
                    s.axes, s.length, s.rate_hz / (2.0 * s.length), 2 * s.length, s.rate_hz, m.shaft_hz,
                    m.bearing_hz.bpfo);
        return;
    }
    std::printf("%s machine: %u axes x %u samples at %g Hz; shaft %.2f Hz (%.0f rpm)\n",
                std::string(synth::to_string(s.machine)).c_str(), s.axes, s.length, s.rate_hz, m.shaft_hz,
                m.shaft_hz * 60.0);
    if (s.machine == synth::Machine::vibration)
        std::printf("bearing 6205: BPFO %.2f Hz, BPFI %.2f Hz; resonance %.0f Hz\n", m.bearing_hz.bpfo,
                    m.bearing_hz.bpfi, m.resonance_hz);
    else
        std::printf("line %.0f Hz, load %.0f %%; bearing 6205: BPFO %.2f Hz, BPFI %.2f Hz\n", m.line_hz, m.load * 100.0,
                    m.bearing_hz.bpfo, m.bearing_hz.bpfi);
}

}  // namespace

int cmd_synth(const std::vector<std::string>& argv) {
    Args args("synth", kOptions, argv);
    if (args.help_requested()) {
        std::cout << args.usage("--out DIR [OPTIONS]");
        return 0;
    }
    args.expect_positionals(0, 0, "");
    const std::string out = args.required("--out");
    if (out.empty()) args.fail("--out must name a folder, got ''");
    const synth::SynthSpec spec = spec_from(args);

    const synth::Generator generator(spec);
    const synth::DatasetFiles files = synth::write_dataset(generator, out);
    if (args.flag("--json")) {
        nlohmann::json report = synth::describe(generator);
        report["files"] = {{"regular", files.regular.string()},
                           {"abnormal", files.abnormal.string()},
                           {"regular_bytes", files.regular_bytes},
                           {"abnormal_bytes", files.abnormal_bytes}};
        std::cout << report.dump(2) << "\n";
    } else {
        print_summary(generator, files);
    }
    return 0;
}

}  // namespace vigil::cli

// `vigil synth`: generates the project's example data, a regular and an abnormal file from
// one simulated machine (see engine/include/vigil/engine/synth/ and docs/synth.md).
#include <cstdio>
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
    {"--axes", true, false, "axes per sample, 1 to 16 (default 3)", "N"},
    {"--rate", true, false, "sampling rate in Hz (default 1600)", "HZ"},
    {"--length", true, false, "samples per axis in one signal (default 256)", "N"},
    {"--signals", true, false, "signals in regular.csv (default 200)", "N"},
    {"--abnormal-signals", true, false, "signals in abnormal.csv (default: --signals)", "N"},
    {"--seed", true, false, "random seed; the same seed gives the same bytes (default 1)", "S"},
    {"--machine", true, false, "vibration or current (default vibration)", "KIND"},
    {"--fault", true, false,
     "imbalance, misalignment, looseness, outer-race or inner-race (default outer-race)", "FAULT"},
    {"--severity", true, false, "fault strength from 0 (none) to 1 (default 0.5)", "X"},
    {"--shaft-hz", true, false, "shaft speed of the vibration machine (default: from rate and length)", "HZ"},
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
    synth::SynthSpec spec;
    spec.axes = static_cast<uint32_t>(args.integer_or("--axes", 1, synth::kMaxAxes, spec.axes));
    spec.rate_hz = args.number("--rate", synth::kMinRateHz, synth::kMaxRateHz).value_or(spec.rate_hz);
    spec.length = static_cast<uint32_t>(args.integer_or("--length", synth::kMinLength, synth::kMaxLength, spec.length));
    spec.signals = static_cast<uint32_t>(args.integer_or("--signals", 1, synth::kMaxSignals, spec.signals));
    spec.abnormal_signals =
        static_cast<uint32_t>(args.integer_or("--abnormal-signals", 1, synth::kMaxSignals, spec.signals));
    spec.seed = static_cast<uint64_t>(args.integer_or("--seed", 0, INT64_MAX, 1));
    if (auto m = args.value("--machine")) {
        auto machine = synth::parse_machine(*m);
        if (!machine) args.fail("--machine must be vibration or current, got '" + *m + "'");
        spec.machine = *machine;
    }
    if (auto f = args.value("--fault")) {
        auto fault = synth::parse_fault(*f);
        if (!fault)
            args.fail("--fault must be imbalance, misalignment, looseness, outer-race or inner-race, got '" + *f + "'");
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

// dataset/check and dataset/plot: `vigil check` as a request. The check's report is the same
// document as `vigil check --json` (docs/check.md); the plot is its statistics part.
// dataset/synth: `vigil synth` into a project folder (its example data).
#include <filesystem>
#include <system_error>

#include "engine_errors.hpp"
#include "paths.hpp"
#include "server.hpp"
#include "vigil/engine/dataset/check_report.hpp"
#include "vigil/engine/dataset/report_json.hpp"
#include "vigil/engine/selection/signal_kind.hpp"
#include "vigil/engine/synth/generator.hpp"
#include "vigil/engine/synth/report.hpp"
#include "vigil/engine/synth/spec.hpp"
#include "vigil/engine/synth/writer.hpp"

namespace vigil::daemon {

namespace ds = vigil::engine::dataset;
namespace proj = vigil::engine::project;
namespace synth = vigil::engine::synth;
using nlohmann::json;

namespace {

// Where dataset/synth writes when not told: beside the folders the import command fills.
constexpr const char* kExampleFolder = "signals/example";

struct FileRequest {
    std::filesystem::path path;
    size_t axes = 1;
    ds::CheckOptions options;
};

FileRequest read_file_request(const Call& call) {
    Params p(call.params);
    std::optional<std::filesystem::path> base;
    if (auto folder = p.optional_string("folder")) base = opened_folder(*call.connection, "folder", *folder);
    FileRequest r;
    r.path = confined_path(*call.connection, "path", p.string("path"), base);
    r.axes = size_t(p.integer("axes", 1, 1024));
    r.options.rate_hz = p.optional_number("rate", 1e-6, 1e12);
    // The kind the project says (its sensor.kind), for the kind suggestion to compare with, as
    // `vigil check --kind` (the client passes it, so both give the same document).
    if (auto k = p.optional_string("kind")) {
        r.options.project_kind = vigil::engine::selection::parse_signal_kind(*k);
        if (!r.options.project_kind) {
            std::string names;
            for (auto n : vigil::engine::selection::signal_kind_names()) names += (names.empty() ? "" : ", ") + std::string(n);
            throw invalid_params(p.name_of("kind"), names + ", got '" + *k + "'");
        }
    }
    p.done();
    return r;
}

// The param of dataset/synth that carries a SynthSpec field, for the engine's errors.
std::string param_of(const std::string& field) {
    if (field == "rate_hz") return "rate";
    if (field == "abnormal_signals") return "abnormalSignals";
    if (field == "shaft_hz") return "shaftHz";
    return field;
}

// The spec of dataset/synth: what the params say, and for what they leave out the project's
// own sensor (axes, sampling rate, motor current or vibration), so the example data is shaped
// like the user's.
synth::SynthSpec synth_spec(Params& p, const proj::Settings& settings) {
    // The kind: the `kind` param (or its older name `machine`), else the project's sensor.kind
    // when it is spectrum or process, else motor current for a current sensor, else vibration.
    std::optional<synth::Machine> kind;
    for (const char* name : {"kind", "machine"}) {
        if (auto m = p.optional_string(name)) {
            auto machine = synth::parse_machine(*m);
            if (!machine) throw invalid_params(p.name_of(name), "vibration, current, spectrum or process, got '" + *m + "'");
            if (kind && *kind != *machine)
                throw invalid_params(p.name_of(name), "kind and machine name different kinds (machine is the older name of kind)");
            kind = machine;
        }
    }
    if (!kind) {
        if (settings.kind == vigil::engine::selection::SignalKind::spectrum) kind = synth::Machine::spectrum;
        else if (settings.kind == vigil::engine::selection::SignalKind::process) kind = synth::Machine::process;
        else if (settings.sensor == proj::SensorType::current || settings.kind == vigil::engine::selection::SignalKind::current)
            kind = synth::Machine::current;
        else kind = synth::Machine::vibration;
    }
    synth::SynthSpec spec = synth::defaults_for(*kind);
    // The project's axes; a spectrum's bins and a process's readings keep the kind's length.
    spec.axes = settings.axes;
    if (settings.sampling_rate_hz && *settings.sampling_rate_hz >= synth::kMinRateHz &&
        *settings.sampling_rate_hz <= synth::kMaxRateHz)
        spec.rate_hz = *settings.sampling_rate_hz;
    if (auto v = p.optional_integer("axes", 1, synth::kMaxAxes)) spec.axes = uint32_t(*v);
    if (auto v = p.optional_number("rate", synth::kMinRateHz, synth::kMaxRateHz)) spec.rate_hz = *v;
    if (auto v = p.optional_integer("length", synth::kMinLength, synth::kMaxLength)) spec.length = uint32_t(*v);
    if (auto v = p.optional_integer("signals", 1, synth::kMaxSignals)) spec.signals = uint32_t(*v);
    spec.abnormal_signals = spec.signals;
    if (auto v = p.optional_integer("abnormalSignals", 1, synth::kMaxSignals)) spec.abnormal_signals = uint32_t(*v);
    if (auto v = p.optional_integer("seed", 0, INT64_MAX)) spec.seed = uint64_t(*v);
    if (auto f = p.optional_string("fault")) {
        auto fault = synth::parse_fault(*f);
        std::string accepted;
        for (synth::Fault k : synth::faults_of(spec.machine)) accepted += (accepted.empty() ? "" : ", ") + std::string(synth::to_string(k));
        if (!fault) throw invalid_params(p.name_of("fault"), accepted + ", got '" + *f + "'");
        spec.fault = *fault;
    }
    if (auto v = p.optional_number("severity", 0.0, 1.0)) spec.severity = *v;
    if (auto v = p.optional_number("shaftHz", 0.1, synth::kMaxRateHz)) spec.shaft_hz = *v;
    try {
        synth::validate(spec);
    } catch (const synth::SpecError& e) {
        std::string message = e.what();
        if (message.rfind(e.parameter, 0) == 0) message.erase(0, e.parameter.size());
        throw invalid_params(param_of(e.parameter), message.substr(message.find_first_not_of(" :")));
    }
    return spec;
}

}  // namespace

void bind_dataset_methods(Server& server) {
    server.bind("dataset/check", Runs::on_worker, [](const Call& call) {
        const FileRequest r = read_file_request(call);
        const ds::CheckReport report = ds::check_file(r.path.string(), r.axes, r.options);
        throw_if_cancelled(call.cancel);
        return ds::report_to_json(report);
    });
    server.bind("dataset/plot", Runs::on_worker, [](const Call& call) {
        const FileRequest r = read_file_request(call);
        const ds::CheckReport report = ds::check_file(r.path.string(), r.axes, r.options);
        throw_if_cancelled(call.cancel);
        json full = ds::report_to_json(report);
        if (!report.errors.empty()) throw file_error(report.errors.front());
        return json{{"file", full["file"]},     {"signals", full["signals"]}, {"length", full["length"]},
                    {"perAxis", full["stats"]["axes"]}, {"rateHz", full["rate_hz"]}};
    });
    server.bind("dataset/synth", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        const auto out = confined_path(*call.connection, "out", p.optional_string("out").value_or(kExampleFolder),
                                       project.root());
        const bool overwrite = p.optional_boolean("overwrite").value_or(false);
        const synth::SynthSpec spec = synth_spec(p, project.settings());
        p.done();
        // Never replace the user's recordings by accident: existing files need overwrite.
        for (const char* name : {"regular.csv", "abnormal.csv"}) {
            std::error_code ec;
            if (!overwrite && std::filesystem::exists(out / name, ec))
                throw invalid_params("out", (out / name).string() + " exists; pass overwrite: true to replace it");
        }
        throw_if_cancelled(call.cancel);
        const synth::Generator generator(spec);
        const synth::DatasetFiles files = synth::write_dataset(generator, out);
        return {{"regular", files.regular.string()},
                {"abnormal", files.abnormal.string()},
                {"regularBytes", files.regular_bytes},
                {"abnormalBytes", files.abnormal_bytes},
                {"synth", synth::describe(generator)}};
    });
}

}  // namespace vigil::daemon

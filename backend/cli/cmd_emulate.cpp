// `vigil emulate`: the library on the host, through the runtime's reentrant core (the code the
// device runs), on a benchmark's best recipe or a chosen one. Options apply in a fixed order:
// load knowledge, sensitivity, learn files, detect files, save knowledge (docs/bench.md).
// With --port, the detect files are replaced by the signals arriving on a serial port
// (engine/include/vigil/engine/emulation/port_emulation.hpp): the first --learn-lines of them
// are learned, every later one is detected and printed as it arrives, until --lines detections
// or Ctrl-C; then save knowledge.
// Exit codes: 0 ok, 2 refused input (file, recipe, knowledge, benchmark, port), 64 wrong arguments.
#include <cstdio>
#include <iostream>
#include <vector>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/project_dir.hpp"
#include "cli/record_progress.hpp"
#include "vigil/engine/emulation/port_emulation.hpp"
#include "vigil/engine/emulation/emulator_session.hpp"
#include "vigil/engine/project/project.hpp"
#include "vigil/engine/search/best_library.hpp"
#include "vigil/engine/selection/recipe_json.hpp"
#include "vigil/engine/util/atomic_file.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::cli {

namespace sel = vigil::engine::selection;
namespace proj = vigil::engine::project;
namespace emu = vigil::engine::emulation;

namespace {

const std::vector<OptionSpec> kOptions = {
    {"--project", true, false, "project folder (default ./vigil-project)", "DIR"},
    {"--benchmark", true, false, "use this benchmark's best library (default: the latest one with a best library, finished or stopped)", "ID"},
    {"--recipe", true, false, "use the recipe in this JSON file instead", "FILE"},
    {"--candidate", true, false, "use the recipe with this candidate key instead", "KEY"},
    {"--load-knowledge", true, false, "start from knowledge saved earlier", "FILE"},
    {"--sensitivity", true, false, "rescale the similarities (default 1)", "X"},
    {"--learn", true, true, "learn every signal of this file, in order", "FILE"},
    {"--detect", true, true, "detect every signal of this file", "FILE"},
    {"--port", true, false, "instead of --detect files: the signals arriving on this serial port, live", "DEV"},
    {"--baud", true, false, "with --port: the port's baud rate (default 115200)", "BAUD"},
    {"--learn-lines", true, false, "with --port: learn the first K signals from the port, then detect", "K"},
    {"--lines", true, false, "with --port: stop after M detections (default: until Ctrl-C)", "M"},
    {"--per-line", true, false, "with --port: signal, sample or auto (as vigil record)", "WHAT"},
    {"--save-knowledge", true, false, "write the knowledge at the end (atomic)", "FILE"},
    {"--json", false, false, "print the result as JSON (schema in docs/bench.md)"},
};

// The recipe to emulate and where it came from, for the output.
std::pair<vigil_recipe, std::string> choose_recipe(const Args& args) {
    const int chosen = int(bool(args.value("--recipe"))) + int(bool(args.value("--candidate"))) +
                       int(bool(args.value("--benchmark")));
    if (chosen > 1) args.fail("give at most one of --benchmark, --recipe and --candidate");
    if (auto file = args.value("--recipe")) {
        try {
            return {sel::recipe_from_json_text(vigil::engine::util::read_file(*file)), *file};
        } catch (const sel::RecipeJsonError& e) {
            throw std::runtime_error(*file + ": " + e.what());
        }
    }
    if (auto key = args.value("--candidate")) {
        auto r = sel::recipe_from_key(*key);
        if (!r) args.fail("--candidate: '" + *key + "' is not a candidate key (96 hex digits of a valid recipe)");
        return {*r, "candidate " + *key};
    }
    auto project = proj::Project::open(project_dir(args.value("--project")));
    const auto best = vigil::engine::search::best_library(project, args.integer("--benchmark", 1, INT64_MAX));
    return {best.recipe, "benchmark " + std::to_string(best.benchmark)};
}

}  // namespace

int cmd_emulate(const std::vector<std::string>& argv) {
    Args args("emulate", kOptions, argv);
    if (args.help_requested()) {
        std::cout << args.usage(
            "[--project DIR] [--benchmark ID | --recipe FILE | --candidate KEY] [--load-knowledge F] "
            "[--sensitivity X] [--learn FILE ...] [--detect FILE ... | --port DEV [--baud B] [--learn-lines K] "
            "[--lines M] [--per-line signal|sample|auto]] [--save-knowledge F] [--json]");
        return 0;
    }
    args.expect_positionals(0, 0, "no positional argument");
    const auto sensitivity = args.number("--sensitivity", 0, 1e6);
    const auto port = args.value("--port");
    if (port && !args.values("--detect").empty()) args.fail("give --detect files or --port, not both");
    if (!port) {
        for (const char* o : {"--baud", "--learn-lines", "--lines", "--per-line"})
            if (args.value(o)) args.fail(std::string(o) + " goes with --port");
    }
    emu::PortEmulationOptions port_options;
    if (port) {
        port_options.stream.port = *port;
        port_options.stream.baud = uint32_t(args.integer_or("--baud", 1, 4000000, 115200));
        port_options.learn_signals = uint64_t(args.integer_or("--learn-lines", 0, INT64_MAX, 0));
        port_options.detect_signals = uint64_t(args.integer_or("--lines", 1, INT64_MAX, 0));
        if (auto m = args.value("--per-line")) {
            auto mode = vigil::engine::record::mode_from_name(*m);
            if (!mode) args.fail("--per-line must be signal, sample or auto, not '" + *m + "'");
            port_options.stream.mode = *mode;
        }
    }
    // (named, not a structured binding: the lambdas below capture them, which Clang 14, the
    // sanitizer build's compiler, does not accept for bindings)
    const auto chosen = choose_recipe(args);
    const vigil_recipe& recipe = chosen.first;
    const std::string& source = chosen.second;

    emu::EmulatorSession session(recipe);

    nlohmann::json out = {{"recipe_source", source}, {"key", sel::recipe_key(recipe)}, {"min_learn", recipe.min_learn}};
    if (auto file = args.value("--load-knowledge")) {
        session.load_knowledge(vigil::engine::util::read_file(*file), *file);
        out["loaded_knowledge"] = *file;
    }
    if (sensitivity) {
        try {
            session.set_sensitivity(*sensitivity);
        } catch (const vigil::engine::util::ParameterError& e) {
            args.fail(std::string("--sensitivity: ") + e.what());
        }
    }
    out["sensitivity"] = session.sensitivity();

    nlohmann::json learned = nlohmann::json::array();
    for (const auto& file : args.values("--learn"))
        learned.push_back({{"file", file}, {"signals", session.learn(emu::load_signals(file, recipe), file)}});
    out["learned"] = std::move(learned);
    out["learn_count"] = session.learn_count();

    nlohmann::json detected = nlohmann::json::array();
    size_t nominal = 0, anomalies = 0;
    int status = 0;  // 2 when the port closed before --lines detections
    for (const auto& file : args.values("--detect")) {
        nlohmann::json signals = nlohmann::json::array();
        for (const auto& d : session.detect(emu::load_signals(file, recipe), file)) {
            (d.anomaly ? anomalies : nominal)++;
            signals.push_back({{"line", d.line}, {"similarity", d.similarity}, {"exact", d.exact},
                               {"status", d.anomaly ? "anomaly" : "nominal"}});
        }
        detected.push_back({{"file", file}, {"signals", std::move(signals)}});
    }
    if (port) {
        const bool json = args.flag("--json");
        // The progress line counts every signal kept from the port, learned ones included.
        RecordProgress progress(stderr, port_options.detect_signals == 0
                                            ? 0
                                            : port_options.learn_signals + port_options.detect_signals);
        InterruptFlag interrupt;
        nlohmann::json signals = nlohmann::json::array();
        vigil::engine::record::RecordSummary summary;
        try {
            summary = emu::emulate_from_port(
                session, port_options,
                [&](const emu::PortResult& r) {
                    if (r.learned) {
                        if (!json) {
                            progress.clear();
                            std::printf("%s:%llu: learned (learn call %u)\n", port->c_str(),
                                        (unsigned long long)r.first_line, r.learn_count);
                        }
                        return;
                    }
                    const auto& d = r.detection;
                    (d.anomaly ? anomalies : nominal)++;
                    signals.push_back({{"line", d.line}, {"similarity", d.similarity}, {"exact", d.exact},
                                       {"status", d.anomaly ? "anomaly" : "nominal"}});
                    if (!json) {
                        progress.clear();
                        std::printf("%s:%llu: %-7s similarity %u\n", port->c_str(), (unsigned long long)d.line,
                                    d.anomaly ? "anomaly" : "nominal", unsigned(d.similarity));
                    }
                    std::fflush(stdout);
                },
                [&](const vigil::engine::record::RecordEvent& e) {
                    // Once the plan is accepted and the port open: which library, how much it knows.
                    if (e.kind == vigil::engine::record::EventKind::started && !json) {
                        std::printf("library: %s (min_learn %u), sensitivity %g, %u learn call(s) before the port\n",
                                    source.c_str(), recipe.min_learn, session.sensitivity(), session.learn_count());
                        std::fflush(stdout);
                    }
                    progress.update(e);
                },
                interrupt.flag());
        } catch (const vigil::engine::util::ParameterError& e) {
            args.fail("--" + e.parameter + ": " + e.what());
        }
        out["learned"].push_back(
            {{"port", *port}, {"signals", std::min<uint64_t>(port_options.learn_signals, summary.counters.kept)}});
        out["learn_count"] = session.learn_count();
        detected.push_back({{"port", *port}, {"signals", std::move(signals)}});
        out["port"] = vigil::engine::record::to_json(summary);
        if (summary.stop == vigil::engine::record::StopReason::port_closed) {
            std::fprintf(stderr, "vigil emulate: %s closed after %llu lines\n", port->c_str(),
                         (unsigned long long)summary.counters.lines);
            status = 2;
        }
    }
    out["detected"] = std::move(detected);
    out["nominal"] = nominal;
    out["anomalies"] = anomalies;

    if (auto file = args.value("--save-knowledge")) {
        vigil::engine::util::write_file_atomically(*file, session.save_knowledge());
        out["saved_knowledge"] = *file;
    }

    if (args.flag("--json")) {
        std::cout << out.dump(2) << "\n";
        return status;
    }
    if (port) {  // every result was printed as it arrived
        std::printf("%zu nominal, %zu anomalies\n", nominal, anomalies);
        return status;
    }
    std::printf("library: %s (min_learn %u), sensitivity %g, %u learn call(s)\n", source.c_str(), recipe.min_learn,
                out["sensitivity"].get<double>(), out["learn_count"].get<unsigned>());
    for (const auto& d : out["detected"]) {
        for (const auto& s : d["signals"])
            std::printf("%s:%llu: %-7s similarity %u\n", d["file"].get<std::string>().c_str(),
                        s["line"].get<unsigned long long>(), s["status"].get<std::string>().c_str(),
                        s["similarity"].get<unsigned>());
    }
    std::printf("%zu nominal, %zu anomalies\n", nominal, anomalies);
    return 0;
}

}  // namespace vigil::cli

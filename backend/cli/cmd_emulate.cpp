// `vigil emulate`: the library on the host, through the runtime's reentrant core (the code the
// device runs), on a benchmark's best recipe or a chosen one. Options apply in a fixed order:
// load knowledge, sensitivity, learn files, detect files, save knowledge (docs/bench.md).
// Exit codes: 0 ok, 2 refused input (file, recipe, knowledge, benchmark), 64 wrong arguments.
#include <cstdio>
#include <iostream>
#include <vector>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/project_dir.hpp"
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
            "[--sensitivity X] [--learn FILE ...] [--detect FILE ...] [--save-knowledge F] [--json]");
        return 0;
    }
    args.expect_positionals(0, 0, "no positional argument");
    const auto sensitivity = args.number("--sensitivity", 0, 1e6);
    const auto [recipe, source] = choose_recipe(args);

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
    for (const auto& file : args.values("--detect")) {
        nlohmann::json signals = nlohmann::json::array();
        for (const auto& d : session.detect(emu::load_signals(file, recipe), file)) {
            (d.anomaly ? anomalies : nominal)++;
            signals.push_back({{"line", d.line}, {"similarity", d.similarity}, {"exact", d.exact},
                               {"status", d.anomaly ? "anomaly" : "nominal"}});
        }
        detected.push_back({{"file", file}, {"signals", std::move(signals)}});
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
        return 0;
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

// `vigil emulate`: the library on the host, through the runtime's reentrant core (the code the
// device runs), on a benchmark's best recipe or a chosen one. Options apply in a fixed order:
// load knowledge, sensitivity, learn files, detect files, save knowledge (docs/bench.md).
// Exit codes: 0 ok, 2 refused input (file, recipe, knowledge, benchmark), 64 wrong arguments.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/project_dir.hpp"
#include "vigil/engine/dataset/loader.hpp"
#include "vigil/engine/project/benchmark_store.hpp"
#include "vigil/engine/project/project.hpp"
#include "vigil/engine/selection/recipe_json.hpp"
#include "vigil/engine/util/atomic_file.hpp"
#include "vigil_core.h"

namespace vigil::cli {

namespace sel = vigil::engine::selection;
namespace proj = vigil::engine::project;
namespace ds = vigil::engine::dataset;

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

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot read");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The recipe to emulate and where it came from, for the output.
std::pair<vigil_recipe, std::string> choose_recipe(const Args& args) {
    const int chosen = int(bool(args.value("--recipe"))) + int(bool(args.value("--candidate"))) +
                       int(bool(args.value("--benchmark")));
    if (chosen > 1) args.fail("give at most one of --benchmark, --recipe and --candidate");
    if (auto file = args.value("--recipe")) {
        try {
            return {sel::recipe_from_json_text(read_all(*file)), *file};
        } catch (const sel::RecipeJsonError& e) {
            throw std::runtime_error(*file + ": " + e.what());
        }
    }
    if (auto key = args.value("--candidate")) {
        auto r = sel::recipe_from_key(*key);
        if (!r) args.fail("--candidate: '" + *key + "' is not a candidate key (96 hex digits of a valid recipe)");
        return {*r, "candidate " + *key};
    }
    const auto dir = project_dir(args.value("--project"));
    auto project = proj::Project::open(dir);
    proj::BenchmarkStore store(project.store());
    std::optional<int64_t> id = args.integer("--benchmark", 1, INT64_MAX);
    if (!id) id = store.latest_with_best();
    if (!id) throw std::runtime_error(dir.string() + " has no finished benchmark (run 'vigil bench', or give --recipe)");
    const auto row = store.find(*id);
    if (!row) throw std::runtime_error("no benchmark " + std::to_string(*id) + " in " + dir.string());
    if (!row->result || (*row->result)["best"].is_null())
        throw std::runtime_error("benchmark " + std::to_string(*id) + " has no best library (state " + row->state + ")");
    return {sel::recipe_from_json((*row->result)["best"]["recipe"]), "benchmark " + std::to_string(*id)};
}

// The loader only, not the dataset checks: a handful of signals is a fine thing to emulate
// (the checks' minimum count is about benchmarking), but a malformed file is still refused.
ds::Dataset load_signals(const std::string& path, const vigil_recipe& recipe) {
    ds::LoadResult report = ds::load_signal_file(path, recipe.axes, /*min_signals=*/1);
    if (report.error) {
        const auto& e = *report.error;
        throw std::runtime_error(e.file + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) +
                                 ": error: " + e.message + (e.hint.empty() ? "" : " (" + e.hint + ")"));
    }
    if (report.dataset.length != recipe.length)
        throw std::runtime_error(path + ": signals of " + std::to_string(report.dataset.length) +
                                 " samples per axis, the library expects " + std::to_string(recipe.length));
    return std::move(report.dataset);
}

std::string status_text(vigil_status s) {
    switch (s) {
        case VIGIL_OK: return "ok";
        case VIGIL_NOT_INITIALIZED: return "not initialized";
        case VIGIL_LEARNING_IN_PROGRESS: return "learning in progress";
        case VIGIL_LEARNING_DONE: return "learning done";
        case VIGIL_BAD_ARGUMENT: return "bad argument";
        case VIGIL_BAD_KNOWLEDGE: return "bad knowledge";
    }
    return "unknown status";
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

    // One state block, 8-byte aligned as the core requires.
    std::vector<uint64_t> state((vigil_model_state_size(&recipe) + 7) / 8);
    if (vigil_model_init(state.data(), state.size() * 8, &recipe) != VIGIL_OK)
        throw std::runtime_error(source + ": the runtime refused the recipe");

    nlohmann::json out = {{"recipe_source", source}, {"key", sel::recipe_key(recipe)}, {"min_learn", recipe.min_learn}};
    if (auto file = args.value("--load-knowledge")) {
        const std::string blob = read_all(*file);
        const vigil_status s = vigil_model_knowledge_load(state.data(), blob.data(), blob.size());
        if (s != VIGIL_OK)
            throw std::runtime_error(*file + ": not knowledge of this library (" + status_text(s) + ")");
        out["loaded_knowledge"] = *file;
    }
    if (sensitivity && vigil_model_set_sensitivity(state.data(), float(*sensitivity)) != VIGIL_OK)
        args.fail("--sensitivity " + std::to_string(*sensitivity) + " is refused by the runtime");
    out["sensitivity"] = vigil_model_get_sensitivity(state.data());

    nlohmann::json learned = nlohmann::json::array();
    for (const auto& file : args.values("--learn")) {
        const ds::Dataset data = load_signals(file, recipe);
        for (size_t i = 0; i < data.signals; ++i) {
            const vigil_status s = vigil_model_learn(state.data(), data.row(i).data());
            if (s != VIGIL_LEARNING_IN_PROGRESS && s != VIGIL_LEARNING_DONE)
                throw std::runtime_error(file + ":" + std::to_string(data.source_lines[i]) + ": learn refused (" +
                                         status_text(s) + ")");
        }
        learned.push_back({{"file", file}, {"signals", data.signals}});
    }
    out["learned"] = std::move(learned);
    out["learn_count"] = vigil_model_learn_count(state.data());

    nlohmann::json detected = nlohmann::json::array();
    size_t nominal = 0, anomalies = 0;
    for (const auto& file : args.values("--detect")) {
        const ds::Dataset data = load_signals(file, recipe);
        nlohmann::json signals = nlohmann::json::array();
        for (size_t i = 0; i < data.signals; ++i) {
            uint8_t similarity = 0;
            float exact = 0;
            vigil_status s = vigil_model_detect(state.data(), data.row(i).data(), &similarity);
            if (s == VIGIL_OK) s = vigil_model_similarity(state.data(), data.row(i).data(), &exact);
            if (s == VIGIL_NOT_INITIALIZED)
                throw std::runtime_error("detect needs " + std::to_string(recipe.min_learn) +
                                         " learn calls first, the library has " +
                                         std::to_string(vigil_model_learn_count(state.data())) +
                                         " (add --learn FILE or --load-knowledge FILE)");
            if (s != VIGIL_OK)
                throw std::runtime_error(file + ":" + std::to_string(data.source_lines[i]) + ": detect refused (" +
                                         status_text(s) + ")");
            const bool anomaly = similarity < VIGIL_SIMILARITY_THRESHOLD;
            (anomaly ? anomalies : nominal)++;
            signals.push_back({{"line", data.source_lines[i]}, {"similarity", similarity}, {"exact", exact},
                               {"status", anomaly ? "anomaly" : "nominal"}});
        }
        detected.push_back({{"file", file}, {"signals", std::move(signals)}});
    }
    out["detected"] = std::move(detected);
    out["nominal"] = nominal;
    out["anomalies"] = anomalies;

    if (auto file = args.value("--save-knowledge")) {
        std::string blob(vigil_model_knowledge_size(state.data()), '\0');
        const vigil_status s = vigil_model_knowledge_save(state.data(), blob.data(), blob.size());
        if (s != VIGIL_OK) throw std::runtime_error("cannot save the knowledge: " + status_text(s));
        vigil::engine::util::write_file_atomically(*file, blob);
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

// `vigil bench`: search the candidate space of a project for the best library on groups of
// signals (regular/abnormal couples), with checkpoints and --resume (docs/bench.md).
// Exit codes: 0 finished or stopped (the state says which), 2 refused input, 64 wrong arguments.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "cli/project_dir.hpp"
#include "vigil/engine/dataset/report_text.hpp"
#include "vigil/engine/project/benchmark_store.hpp"
#include "vigil/engine/project/project.hpp"
#include "vigil/engine/search/benchmark_plan.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::cli {

namespace search = vigil::engine::search;
namespace proj = vigil::engine::project;

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_sigint(int) { g_stop.store(true); }

const std::vector<OptionSpec> kOptions = {
    {"--project", true, false, "project folder (default ./vigil-project, made with defaults if missing)", "DIR"},
    {"--regular", true, true, "file of regular signals; one per group, paired in order with --abnormal", "FILE"},
    {"--abnormal", true, true, "file of abnormal signals of the same group", "FILE"},
    {"--axes", true, false, "values per sample; must match the project's sensor.axes", "N"},
    {"--jobs", true, false, "threads (default: all cores)", "N"},
    {"--time-limit", true, false, "stop after S seconds keeping the best so far (state 'stopped')", "S"},
    {"--seed", true, false, "seed of splits and randomised models (default 1)", "S"},
    {"--resume", true, false, "continue an interrupted benchmark, skipping what it evaluated", "ID"},
    {"--json", false, false, "print the result as JSON (schema in docs/bench.md)"},
    {"--space-limit", true, false, "for tests: benchmark an evenly spaced subset of N candidates", "N"},
    {"--max-splits", true, false, "splits behind the final figures (default 9)", "N"},
};

double pct(double x) { return 100.0 * x; }

void print_summary(const nlohmann::json& r) {
    std::printf("benchmark %lld %s in %.1f s (%u jobs, %.1f evaluations/s)\n", r["benchmark"].get<long long>(),
                r["state"].get<std::string>().c_str(), r["elapsed_s"].get<double>(), r["jobs"].get<unsigned>(),
                r["candidates_per_s"].get<double>());
    const auto& c = r["counts"];
    std::printf("space: %zu candidates, %zu over the RAM limit, %zu over the flash limit, %zu benchmarked, %zu evaluations\n",
                c["space"].get<size_t>(), c["filtered_by_ram"].get<size_t>(), c.value("filtered_by_flash", size_t{0}),
                c["candidates"].get<size_t>(), c["evaluated"].get<size_t>());
    for (const auto& s : c["stages"])
        std::printf("  stage %u: %zu/%zu candidates with %u split(s)\n", s["stage"].get<unsigned>(),
                    s["evaluated"].get<size_t>(), s["planned"].get<size_t>(), s["splits"].get<unsigned>());
    if (r["best"].is_null()) {
        std::printf("no candidate was evaluated\n");
        return;
    }
    const auto& b = r["best"];
    const auto& i = b["indicators"];
    std::printf("best: %s\n  key %s\n", b["summary"].get<std::string>().c_str(), b["key"].get<std::string>().c_str());
    std::printf("  balanced accuracy %.1f %%, confidence %.1f %%, RAM %zu B, flash %zu B, ~%.0f instructions/detect\n",
                pct(i["balanced_accuracy"].get<double>()), i["confidence"].get<double>(), i["ram_bytes"].get<size_t>(),
                i["flash_bytes"].get<size_t>(), i["instructions_per_detect"].get<double>());
    if (!r["learning_curve"].is_null())
        std::printf("  minimum learn calls: %u (learning curve)\n",
                    r["learning_curve"]["recommended_min_learn"].get<unsigned>());
    if (!r["held_out"].is_null())
        std::printf("  held-out check: %s%s\n", r["held_out"]["warning"].get<bool>() ? "WARNING: " : "",
                    r["held_out"]["message"].get<std::string>().c_str());
    // instr/detect: the estimate for the project's core (docs/selection.md): soft-float cores pay
    // per float operation, which is what the fixed-point variants ("fixed") avoid.
    std::printf("top %zu (= : within the best's split-to-split noise, smallest RAM first; instr/detect: "
                "estimate for the project's core):\n"
                "   #  BA %%   conf %%  RAM B  instr/detect  stage  recipe\n",
                r["top"].size());
    for (const auto& t : r["top"])
        std::printf(" %s%2zu  %5.1f  %5.1f  %6zu  %12.0f  %5u  %s\n", t.value("tied_with_best", false) ? "=" : " ",
                    t["rank"].get<size_t>(), pct(t["indicators"]["balanced_accuracy"].get<double>()),
                    t["indicators"]["confidence"].get<double>(), t["indicators"]["ram_bytes"].get<size_t>(),
                    t["indicators"].value("instructions_per_detect", 0.0), t["stage"].get<unsigned>(),
                    t["summary"].get<std::string>().c_str());
}

}  // namespace

int cmd_bench(const std::vector<std::string>& argv) {
    Args args("bench", kOptions, argv);
    if (args.help_requested()) {
        std::cout << args.usage(
            "[--project DIR] --regular FILE --abnormal FILE [--regular FILE --abnormal FILE ...] --axes N "
            "[--jobs N] [--time-limit S] [--seed S] [--resume ID] [--json]");
        return 0;
    }
    args.expect_positionals(0, 0, "no positional argument");
    const auto regular = args.values("--regular");
    const auto abnormal = args.values("--abnormal");
    if (regular.size() != abnormal.size())
        args.fail("--regular and --abnormal come in couples (one group of signals each): got " +
                  std::to_string(regular.size()) + " --regular and " + std::to_string(abnormal.size()) + " --abnormal");
    const auto resume = args.integer("--resume", 1, INT64_MAX);
    const auto axes_option = args.integer("--axes", 1, 1024);
    const auto project_dir_option = args.value("--project");
    if (!resume && !axes_option && !is_project(project_dir(project_dir_option)))
        args.fail("missing required option --axes N (values per sample)");
    const unsigned jobs = unsigned(args.integer_or("--jobs", 1, 1024, std::max(1u, std::thread::hardware_concurrency())));
    const auto time_limit = args.number("--time-limit", 0, 1e9);
    const bool json = args.flag("--json");

    const auto dir = project_dir(args.value("--project"));
    const bool existed = is_project(dir);
    if (resume && !existed) throw std::runtime_error(dir.string() + " is not a Vigil project: nothing to resume");

    std::optional<proj::Project> project;
    if (existed) project.emplace(proj::Project::open(dir));
    if (!resume && regular.empty() && (!project || project->settings().signals.empty()))
        args.fail("missing --regular FILE --abnormal FILE (at least one couple, or \"signals\" in the project's vigil.json)");
    search::BenchmarkRequest request;
    for (size_t g = 0; g < regular.size(); ++g) request.files.push_back({regular[g], abnormal[g]});
    request.resume = resume;
    if (auto seed = args.integer("--seed", 0, INT64_MAX)) request.seed = uint64_t(*seed);
    if (auto limit = args.integer("--space-limit", 1, INT64_MAX)) request.space_limit = size_t(*limit);
    if (auto splits = args.integer("--max-splits", 1, 1000)) request.max_splits = uint32_t(*splits);
    const size_t axes = axes_option ? size_t(*axes_option) : project->settings().axes;

    // Every file is checked before anything starts: a blocking error changes nothing.
    search::BenchmarkPlan plan;
    try {
        plan = search::plan_benchmark(project ? &*project : nullptr, request, axes);
    } catch (const vigil::engine::util::ParameterError& e) {
        if (e.parameter == "axes") throw std::runtime_error("--" + std::string(e.what()));
        throw std::runtime_error(e.what());
    }
    const search::LoadedInputs& inputs = plan.inputs;
    if (inputs.blocking) {
        std::cerr << vigil::engine::dataset::report_to_text(inputs.reports[*inputs.blocking], false);
        return 2;
    }
    size_t warnings = 0;
    for (const auto& r : inputs.reports) warnings += r.warnings.size();
    if (warnings && !json)
        std::fprintf(stderr, "note: the files have %zu data warning(s); 'vigil check FILE --axes %zu' lists them\n",
                     warnings, axes);

    if (!project) {
        proj::Settings defaults;
        defaults.name = "vigil-project";
        defaults.axes = uint32_t(axes);
        project.emplace(proj::Project::create(dir, defaults));
        std::fprintf(stderr, "made project %s with default settings (edit its vigil.json to change them)\n",
                     project->root().string().c_str());
    }

    search::RunControl control;
    control.jobs = jobs;
    control.time_limit_s = time_limit;
    control.stop = &g_stop;
    ProgressBar bar(stderr);
    if (::isatty(STDERR_FILENO) == 1) control.on_progress = [&](const search::ProgressEvent& e) { bar.update(e); };
    g_stop = false;
    struct sigaction action {};
    action.sa_handler = on_sigint;
    sigaction(SIGINT, &action, nullptr);

    const search::BenchmarkOutcome outcome = search::run_plan(*project, plan, control);
    signal(SIGINT, SIG_DFL);
    if (json) std::cout << outcome.result.dump(2) << "\n";
    else print_summary(outcome.result);
    if (outcome.state == "stopped" && !json)
        std::fprintf(stderr, "stopped: 'vigil bench --project %s --resume %lld' continues it\n", dir.string().c_str(),
                     (long long)outcome.id);
    return 0;
}

}  // namespace vigil::cli

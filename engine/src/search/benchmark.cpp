#include "vigil/engine/search/benchmark.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "search_driver.hpp"
#include "vigil/engine/project/benchmark_store.hpp"
#include "result_json.hpp"
#include "vigil/engine/selection/candidate_space.hpp"
#include "vigil/engine/selection/held_out.hpp"
#include "vigil/engine/selection/learning_curve.hpp"
#include "vigil/engine/selection/recipe_json.hpp"
#include "vigil_version.h"

namespace vigil::engine::search {

namespace sel = vigil::engine::selection;

namespace {

// The project's core (vigil.json) as a cross-build variant for the flash figures. Cortex-M0
// and M0+ share the ARMv6-M instruction set, so M0 uses the M0+ build.
sel::Core flash_core(project::Core core) {
    switch (core) {
        case project::Core::cortex_m0:
        case project::Core::cortex_m0plus: return sel::Core::m0plus;
        case project::Core::cortex_m3: return sel::Core::m3;
        case project::Core::cortex_m4: return sel::Core::m4;
        case project::Core::cortex_m7: return sel::Core::m7;
        case project::Core::cortex_m33: return sel::Core::m33;
    }
    return sel::Core::m4;
}

constexpr uint16_t kPreferredMinLearn = 16;  // the learning curve then refines it

// An evenly spaced subset of `n` indices out of `total`, in order (the hidden --space-limit).
std::vector<uint32_t> spaced_subset(size_t total, size_t n) {
    std::vector<uint32_t> out;
    if (n >= total) {
        for (uint32_t i = 0; i < total; ++i) out.push_back(i);
        return out;
    }
    for (size_t k = 0; k < n; ++k) out.push_back(uint32_t(k * total / n));
    return out;
}

BenchmarkOutcome execute(project::Project& project, int64_t id, const LoadedInputs& inputs,
                         const SearchSettings& search, const RunControl& control) {
    project::BenchmarkStore store(project.store());
    const auto& settings = project.settings();

    sel::HeldOutOptions held_out_options;
    held_out_options.seed = search.seed;
    const sel::HeldOutSplit held_out = sel::split_held_out(inputs.groups, held_out_options);
    sel::EvaluationOptions evaluation_options;
    evaluation_options.seed = search.seed;
    const sel::Evaluator evaluator(held_out.selection, evaluation_options);

    const uint32_t learn_signals = evaluator.learn_signals();
    if (learn_signals < VIGIL_MIN_LEARN_FLOOR)
        throw std::runtime_error("too few regular signals: each split learns " + std::to_string(learn_signals) +
                                 " of them, a library needs at least " + std::to_string(VIGIL_MIN_LEARN_FLOOR) +
                                 " (give more signals in the --regular files)");

    const auto& first = inputs.groups.front().regular.data;
    sel::SpaceOptions space_options;
    space_options.axes = uint16_t(first->axes);
    space_options.length = uint16_t(first->length);
    space_options.sampling_rate_hz = settings.sampling_rate_hz;
    space_options.max_ram_bytes = size_t(settings.max_ram_kb * 1024.0);
    if (settings.max_flash_kb) space_options.max_flash_bytes = size_t(*settings.max_flash_kb * 1024.0);
    space_options.core = flash_core(settings.core);
    space_options.min_learn = uint16_t(std::min<uint32_t>(kPreferredMinLearn, learn_signals));
    space_options.seed = uint32_t(search.seed);
    space_options.kind = settings.kind;
    const sel::CandidateSpace space = sel::build_candidate_space(space_options);

    std::vector<const sel::Candidate*> chosen;
    size_t over_ram = 0;
    for (uint32_t i : spaced_subset(space.candidates.size(), search.space_limit.value_or(space.candidates.size()))) {
        const auto& c = space.candidates[i];
        // The space already dropped these; never run one even if that changes.
        if (c.footprint.ram_bytes > space_options.max_ram_bytes) {
            ++over_ram;
            continue;
        }
        chosen.push_back(&c);
    }

    SearchDriver driver(evaluator, std::move(chosen), search.schedule, store, id);
    driver.preload(store.candidates(id));
    const bool complete = driver.run(control);
    const std::string state = complete ? "finished" : "stopped";

    ResultInputs r;
    r.id = id;
    r.state = state;
    r.seed = search.seed;
    r.jobs = std::max(1u, control.jobs);
    r.top = search.top;
    r.space_generated = space.generated;
    r.space_filtered_by_ram = space.filtered_by_ram + over_ram;
    r.space_filtered_by_flash = space.filtered_by_flash;
    r.space_candidates = space.candidates.size();
    r.elapsed_s = driver.elapsed_s();
    r.evaluated_this_session = driver.evaluated_this_session();
    r.core = space_options.core;
    r.max_splits = driver.stages().empty() ? 0 : driver.stages().back().total_splits;
    const nlohmann::json result = build_result(driver, evaluator, held_out, held_out_options, complete, r);
    store.save_result(id, state, result);
    if (control.on_progress) {
        ProgressEvent e;
        e.kind = ProgressEvent::Kind::end;
        e.benchmark = id;
        e.state = state;
        e.evaluated = driver.evaluated();
        e.total = planned_evaluations(driver.stages());
        e.elapsed_s = driver.elapsed_s();
        e.jobs = r.jobs;
        control.on_progress(e);
    }
    return {id, state, result};
}

}  // namespace

nlohmann::json settings_json(const project::Settings& settings, const SearchSettings& search) {
    // The project's file list is not a setting of the search (the benchmark records its inputs),
    // nor is its board beyond the core it sets (which stays). The sensor's kind (sensor.kind)
    // narrows the candidate space, so it is recorded: a resume under another kind is refused.
    nlohmann::json project_settings = project::to_json(settings);
    project_settings.erase("signals");
    project_settings.erase("board");
    // The runtime computes every similarity the search ranks: statistics checkpointed by one
    // runtime must not be mixed with another's (its calibration, its arithmetic) on a resume.
    return {{"runtime", VIGIL_RUNTIME_VERSION_STRING},
            {"project", std::move(project_settings)},
            {"search",
             {{"seed", search.seed},
              {"max_splits", search.schedule.max_splits},
              {"growth", search.schedule.growth},
              {"top_few", search.schedule.top_few},
              {"space_limit", search.space_limit ? nlohmann::json(*search.space_limit) : nlohmann::json(nullptr)},
              {"top", search.top}}}};
}

SearchSettings search_settings_from(const nlohmann::json& settings) {
    const auto& s = settings.at("search");
    SearchSettings out;
    out.seed = s.at("seed").get<uint64_t>();
    out.schedule.max_splits = s.at("max_splits").get<uint32_t>();
    out.schedule.growth = s.at("growth").get<uint32_t>();
    out.schedule.top_few = s.at("top_few").get<uint32_t>();
    if (!s.at("space_limit").is_null()) out.space_limit = s.at("space_limit").get<size_t>();
    out.top = s.at("top").get<size_t>();
    return out;
}

BenchmarkOutcome run_benchmark(project::Project& project, const LoadedInputs& inputs, const SearchSettings& search,
                               const RunControl& control) {
    if (inputs.blocking) throw std::invalid_argument("run_benchmark: the inputs have a blocking error");
    project::BenchmarkStore store(project.store());
    const int64_t id = store.create(search.seed, inputs.json, settings_json(project.settings(), search));
    try {
        return execute(project, id, inputs, search, control);
    } catch (...) {
        store.set_state(id, "failed");
        throw;
    }
}

BenchmarkOutcome resume_benchmark(project::Project& project, int64_t id, const LoadedInputs& inputs,
                                  const SearchSettings& search, const RunControl& control) {
    if (inputs.blocking) throw std::invalid_argument("resume_benchmark: the inputs have a blocking error");
    project::BenchmarkStore store(project.store());
    const auto row = store.find(id);
    if (!row) throw std::runtime_error("no benchmark " + std::to_string(id) + " in " + project.root().string());
    if (row->state == "finished")
        throw std::runtime_error("benchmark " + std::to_string(id) + " is already finished (its result is stored)");
    verify_same_inputs(row->inputs, inputs.json, id);
    const nlohmann::json now = settings_json(project.settings(), search);
    // A benchmark recorded before the runtime version was recorded (2026-11-30) cannot be
    // checked: it resumes, as before.
    if (row->settings.contains("runtime") && row->settings["runtime"] != now["runtime"])
        throw std::runtime_error("benchmark " + std::to_string(id) + " was evaluated by runtime " +
                                 row->settings["runtime"].get<std::string>() + " and this vigil has runtime " +
                                 now["runtime"].get<std::string>() +
                                 ": its similarities would not be comparable; start a new benchmark instead of resuming");
    // A benchmark recorded before sensor.kind existed ran as generic (the default).
    nlohmann::json recorded_project = row->settings.at("project");
    if (recorded_project.contains("sensor") && recorded_project["sensor"].is_object() &&
        !recorded_project["sensor"].contains("kind"))
        recorded_project["sensor"]["kind"] = std::string(sel::to_string(sel::SignalKind::generic));
    if (recorded_project != now.at("project"))
        throw std::runtime_error("the project settings (vigil.json) changed since benchmark " + std::to_string(id) +
                                 " started; start a new benchmark instead of resuming");
    if (row->settings.at("search") != now.at("search"))
        throw std::runtime_error("benchmark " + std::to_string(id) + " ran with search settings " +
                                 row->settings.at("search").dump() + ", not " + now.at("search").dump() +
                                 " (resume with the same --seed and options)");
    store.set_state(id, "running");
    try {
        return execute(project, id, inputs, search, control);
    } catch (...) {
        store.set_state(id, "failed");
        throw;
    }
}

}  // namespace vigil::engine::search

// A benchmark: the search over the candidate space of a project for groups of signals, with
// checkpoints in the project store and a JSON result (schema: docs/bench.md).
//
// Search: successive halving (schedule.hpp). Within a stage, candidates run on `jobs` threads
// in space order, so candidates sharing a preprocessing share its features (FeatureCache).
// Which candidates go on to the next stage depends only on the completed stage's statistics,
// ranked by selection::ranks_before with its key tie-break: the result does not depend on the
// number of jobs, on timing, or on interruptions followed by a resume.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/engine/project/project.hpp"
#include "vigil/engine/search/inputs.hpp"
#include "vigil/engine/search/progress.hpp"
#include "vigil/engine/search/schedule.hpp"

namespace vigil::engine::search {

// What decides the result; recorded with the benchmark and required equal on resume.
struct SearchSettings {
    uint64_t seed = 1;
    ScheduleOptions schedule;
    std::optional<size_t> space_limit;  // keep an evenly spaced subset of this many candidates
    size_t top = 20;                    // rows of the result's candidates table
};

// How this session runs; free to differ between a run and its resume.
struct RunControl {
    unsigned jobs = 1;
    std::optional<double> time_limit_s;             // of this session; then state 'stopped'
    const std::atomic<bool>* stop = nullptr;        // set (e.g. by SIGINT): stop within ~1 s
    std::function<void(const ProgressEvent&)> on_progress;
    double checkpoint_interval_s = 0.1;             // batch inserts at most this often
};

struct BenchmarkOutcome {
    int64_t id = 0;
    std::string state;       // finished or stopped
    nlohmann::json result;   // also stored in the benchmarks row
};

// The benchmark's record of the settings (project settings + SearchSettings).
nlohmann::json settings_json(const project::Settings& settings, const SearchSettings& search);

// The SearchSettings recorded in a settings document (for `--resume ID` without options).
SearchSettings search_settings_from(const nlohmann::json& settings);

// Starts a new benchmark on loaded inputs (load_inputs without a blocking error).
BenchmarkOutcome run_benchmark(project::Project& project, const LoadedInputs& inputs, const SearchSettings& search,
                               const RunControl& control);

// Resumes benchmark `id`: the inputs must be the recorded files unchanged (verify_same_inputs)
// and the settings the recorded ones; checkpointed evaluations are skipped. Throws
// std::runtime_error naming what differs, or for an unknown or finished benchmark.
BenchmarkOutcome resume_benchmark(project::Project& project, int64_t id, const LoadedInputs& inputs,
                                  const SearchSettings& search, const RunControl& control);

}  // namespace vigil::engine::search

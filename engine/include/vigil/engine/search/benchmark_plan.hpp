// What `vigil bench` and the daemon's benchmark/start and benchmark/resume share before the
// search runs: the settings (recorded ones on resume, then explicit overrides), the files
// (recorded ones on resume when none are given), and every file loaded and checked, so a
// blocking error refuses the benchmark before anything is written.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "vigil/engine/project/project.hpp"
#include "vigil/engine/search/benchmark.hpp"
#include "vigil/engine/search/inputs.hpp"

namespace vigil::engine::search {

struct BenchmarkRequest {
    std::vector<InputGroup> files;   // none: the recorded ones (resume), else the project's "signals"
    std::optional<int64_t> resume;   // continue this benchmark
    std::optional<uint64_t> seed;
    std::optional<size_t> space_limit;
    std::optional<uint32_t> max_splits;
};

struct BenchmarkPlan {
    std::optional<int64_t> resume;
    SearchSettings settings;
    LoadedInputs inputs;  // check `inputs.blocking` before running
};

// `project` may be null (the CLI before it made a project: no resume then). `axes` must match
// the project's sensor.axes (util::ParameterError "axes"); an unknown benchmark to resume is a
// util::ParameterError "benchmark".
BenchmarkPlan plan_benchmark(project::Project* project, const BenchmarkRequest& request, size_t axes);

// Runs or resumes the plan (inputs without a blocking error).
BenchmarkOutcome run_plan(project::Project& project, const BenchmarkPlan& plan, const RunControl& control);

}  // namespace vigil::engine::search

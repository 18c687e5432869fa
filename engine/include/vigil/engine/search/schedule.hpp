// The successive-halving schedule of a benchmark: every candidate gets one split first (cheap),
// then the top third of each stage goes on with three times the splits, until the survivors
// have all `max_splits` splits. The plan depends only on the number of candidates, so it is
// known before anything runs (progress totals) and identical on resume.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vigil::engine::search {

struct ScheduleOptions {
    uint32_t max_splits = 9;  // splits behind the final figures of the survivors
    uint32_t growth = 3;      // splits x growth and candidates / growth at each stage
    uint32_t top_few = 5;     // never keep fewer than this many candidates (if there are that many)
};

struct Stage {
    uint32_t index = 0;
    uint32_t first_split = 0;  // this stage evaluates splits [first_split, total_splits)
    uint32_t total_splits = 0; // cumulative splits of a candidate after this stage
    size_t candidates = 0;     // how many candidates this stage evaluates
};

// Throws std::invalid_argument for max_splits == 0 or growth < 2.
std::vector<Stage> plan_stages(size_t candidates, const ScheduleOptions& options);

// Sum of the stages' candidates: the evaluations of a complete benchmark.
size_t planned_evaluations(const std::vector<Stage>& stages);

}  // namespace vigil::engine::search

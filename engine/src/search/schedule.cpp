#include "vigil/engine/search/schedule.hpp"

#include <algorithm>
#include <stdexcept>

namespace vigil::engine::search {

std::vector<Stage> plan_stages(size_t candidates, const ScheduleOptions& options) {
    if (options.max_splits == 0) throw std::invalid_argument("schedule: max_splits must be at least 1");
    if (options.growth < 2) throw std::invalid_argument("schedule: growth must be at least 2");
    std::vector<Stage> stages;
    if (candidates == 0) return stages;
    Stage s{0, 0, 1, candidates};
    stages.push_back(s);
    while (s.total_splits < options.max_splits) {
        const uint32_t splits = std::min<uint64_t>(options.max_splits, uint64_t{s.total_splits} * options.growth);
        const size_t third = (s.candidates + options.growth - 1) / options.growth;
        const size_t keep = std::min(s.candidates, std::max<size_t>(options.top_few, third));
        s = Stage{s.index + 1, s.total_splits, splits, keep};
        stages.push_back(s);
    }
    return stages;
}

size_t planned_evaluations(const std::vector<Stage>& stages) {
    size_t n = 0;
    for (const auto& s : stages) n += s.candidates;
    return n;
}

}  // namespace vigil::engine::search

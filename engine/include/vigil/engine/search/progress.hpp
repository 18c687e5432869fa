// Structured progress of a benchmark. The CLI draws a terminal bar from it; the daemon forwards
// it as JSON-RPC `$/progress` (begin/report/end).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "vigil/engine/selection/indicators.hpp"

namespace vigil::engine::search {

struct BestSoFar {
    std::string key;
    std::string summary;  // recipe_summary
    uint32_t stage = 0;
    selection::Indicators indicators;
};

struct ProgressEvent {
    enum class Kind { begin, report, end } kind = Kind::report;
    int64_t benchmark = 0;
    uint32_t stage = 0, stages = 0;
    size_t evaluated = 0;            // evaluations done, all sessions (a resume starts above 0)
    size_t total = 0;                // evaluations of the complete plan
    unsigned jobs = 1;
    double elapsed_s = 0;            // this session
    double per_job_per_s = 0;        // evaluations per second per job, this session
    std::optional<double> eta_s;     // estimate of the remaining time (once there is a rate)
    std::optional<BestSoFar> best;
    std::string state;               // "running", then "finished" or "stopped" with Kind::end
};

}  // namespace vigil::engine::search

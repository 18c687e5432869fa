// The successive-halving driver behind run_benchmark: stages, worker threads, checkpoint
// batches and the best so far. Internal to engine/src/search.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vigil/engine/project/benchmark_store.hpp"
#include "vigil/engine/search/benchmark.hpp"
#include "vigil/engine/selection/candidate_space.hpp"
#include "vigil/engine/selection/evaluation.hpp"
#include "vigil/engine/selection/indicators.hpp"

namespace vigil::engine::search {

struct Evaluated {
    selection::EvaluationStats stats;  // cumulative over the stages so far
    selection::Indicators indicators;
};

struct EvolutionPoint {
    double elapsed_s = 0;
    size_t evaluated = 0;
    std::string key;
    selection::Indicators indicators;
};

// One candidate at the deepest stage it reached.
struct Ranked {
    uint32_t candidate = 0;  // index into SearchDriver::candidates()
    uint32_t stage = 0;
    const Evaluated* result = nullptr;
    // Within the measured noise of the best (the tie rule: these lead, smallest first).
    bool tied_with_best = false;
};

class SearchDriver {
public:
    SearchDriver(const selection::Evaluator& evaluator, std::vector<const selection::Candidate*> candidates,
                 const ScheduleOptions& schedule, project::BenchmarkStore& store, int64_t benchmark);

    // Loads checkpointed evaluations (records of other candidates are ignored).
    void preload(const std::vector<project::CandidateRecord>& records);

    // Runs the remaining stages; returns true when complete, false when stopped.
    bool run(const RunControl& control);

    const std::vector<Stage>& stages() const { return stages_; }
    const std::vector<const selection::Candidate*>& candidates() const { return candidates_; }
    // Every evaluated candidate once, at its deepest stage: deeper first, then ranks_before.
    std::vector<Ranked> ranking() const;
    std::vector<size_t> evaluated_per_stage() const;
    size_t evaluated() const;
    size_t evaluated_this_session() const { return session_evaluated_; }
    double elapsed_s() const;
    const std::vector<EvolutionPoint>& evolution() const { return evolution_; }

private:
    bool run_stage(uint32_t stage, const std::vector<uint32_t>& members, const RunControl& control);
    std::vector<uint32_t> survivors(uint32_t stage) const;  // of `stage`, for stage + 1
    bool better(uint32_t stage_a, uint32_t a, uint32_t stage_b, uint32_t b) const;
    void note_result(uint32_t stage, uint32_t candidate);
    void flush(std::vector<project::CandidateRecord>& batch);
    ProgressEvent event(ProgressEvent::Kind kind, uint32_t stage) const;

    const selection::Evaluator& evaluator_;
    std::vector<const selection::Candidate*> candidates_;
    std::map<std::string, uint32_t> index_of_key_;
    std::vector<Stage> stages_;
    std::vector<std::map<uint32_t, Evaluated>> results_;  // [stage] candidate -> result
    project::BenchmarkStore& store_;
    int64_t benchmark_;
    std::chrono::steady_clock::time_point started_;
    size_t session_evaluated_ = 0;
    unsigned jobs_ = 1;
    std::optional<std::pair<uint32_t, uint32_t>> best_;  // (stage, candidate)
    std::vector<EvolutionPoint> evolution_;
};

}  // namespace vigil::engine::search

// Benchmark persistence in the project store: the benchmarks row (inputs, settings, state,
// result JSON) and the checkpointed candidates. Candidates are written in batches, one
// transaction per batch, so a killed benchmark keeps every batch that committed and
// `vigil bench --resume ID` skips them (docs/bench.md).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/engine/project/store.hpp"

namespace vigil::engine::project {

struct BenchmarkRow {
    int64_t id = 0;
    std::string created_at;
    std::string state;  // running, stopped, finished, failed
    uint64_t seed = 0;
    nlohmann::json inputs;    // files and their content hashes
    nlohmann::json settings;  // project settings and search options that decide the result
    std::optional<nlohmann::json> result;
};

// One evaluated (candidate, stage): indicators after the stage and the cumulative statistics.
struct CandidateRecord {
    std::string key;
    uint32_t stage = 0;
    std::vector<uint8_t> recipe;  // vigil_recipe_encode bytes
    double balanced_accuracy = 0;
    double confidence = 0;
    int64_t ram_bytes = 0;
    int64_t flash_bytes = 0;
    std::optional<int64_t> instructions_per_detect;
    std::string stats_json;
};

// What a list of benchmarks shows of one: id, date, state, inputs, counts and the best
// library's indicators (the full result is `benchmark/result` / `vigil bench --json`).
nlohmann::json benchmark_summary_json(const BenchmarkRow& row);

class BenchmarkStore {
public:
    explicit BenchmarkStore(Store& store) : store_(store) {}

    // A new benchmark in state 'running'; returns its id.
    int64_t create(uint64_t seed, const nlohmann::json& inputs, const nlohmann::json& settings);
    std::optional<BenchmarkRow> find(int64_t id) const;
    // Every benchmark, oldest first (with results: a few kB each).
    std::vector<BenchmarkRow> list() const;
    // The most recent benchmark that ended with a best library: finished, or stopped (by a
    // time limit or Ctrl-C) after evaluating something. The default for emulate and compile.
    std::optional<int64_t> latest_with_best() const;

    void set_state(int64_t id, const std::string& state);
    // Writes the result and the state together (one statement).
    void save_result(int64_t id, const std::string& state, const nlohmann::json& result);

    // One transaction for the whole batch; an existing (benchmark, key, stage) is replaced.
    void insert_candidates(int64_t id, std::span<const CandidateRecord> records);
    std::vector<CandidateRecord> candidates(int64_t id) const;
    size_t candidate_count(int64_t id) const;

private:
    Store& store_;
};

}  // namespace vigil::engine::project

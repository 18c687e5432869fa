// Evaluation = what the device will do. For split s, in every group: vigil_model_init on a
// fresh state, vigil_model_learn_features on the learn part of the regular signals in file
// order, then vigil_model_similarity_features on the rest of the regular signals and on every
// abnormal signal; a signal is called abnormal below similarity 90 (VIGIL_SIMILARITY_THRESHOLD).
// The features come from the runtime itself (FeatureCache), so this is the device's code path.
//
// Statistics are kept per (split, group) as counts and sums, so the statistics of split ranges
// merge exactly: the search can give promising candidates more splits (successive halving).
// Thread-safe: evaluate() may run on any number of threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "vigil/engine/selection/feature_cache.hpp"
#include "vigil/engine/selection/signal_groups.hpp"
#include "vigil/engine/selection/splits.hpp"
#include "vigil_recipe.h"

namespace vigil::engine::selection {

struct EvaluationOptions {
    double learn_fraction = 0.6;  // of each group's regular rows, per split
    uint64_t seed = 1;
    size_t feature_cache_bytes = size_t{512} << 20;
};

// One (split, group): counts and margin sums (margins: docs/selection.md, "Confidence").
struct GroupStats {
    uint32_t regular = 0, regular_ok = 0;    // detected regular signals, of which >= 90
    uint32_t abnormal = 0, abnormal_ok = 0;  // detected abnormal signals, of which < 90
    double regular_margin = 0, abnormal_margin = 0;
    // Counts one detection: the signal's true class and the similarity the device gave it.
    void add(bool abnormal, float similarity);
    bool operator==(const GroupStats&) const = default;
};

struct SplitStats {
    uint32_t split = 0;
    std::vector<GroupStats> groups;
    bool operator==(const SplitStats&) const = default;
};

struct EvaluationStats {
    std::vector<SplitStats> splits;  // ascending split index, no repeats
    // Set when the runtime refused the candidate (init, learn or detect status): the candidate
    // then ranks last. Text names the call, status, group and file:line.
    std::string failure;
    bool failed() const { return !failure.empty(); }
    // Adds the splits of `other`; throws std::invalid_argument if a split is in both.
    void merge(const EvaluationStats& other);
    bool operator==(const EvaluationStats&) const = default;
};

// A similarity of one detected signal, for the similarity plot (regular vs abnormal, line 90).
struct SignalSimilarity {
    std::string file;   // SignalFile::path
    uint64_t line = 0;  // 1-based line in that file
    uint32_t group = 0;
    bool abnormal = false;
    float similarity = 0;
};

class Evaluator {
public:
    // Validates the groups (validate_groups) and options; throws std::invalid_argument.
    Evaluator(std::vector<SignalGroup> groups, EvaluationOptions options = {});

    const std::vector<SignalGroup>& groups() const { return groups_; }
    const EvaluationOptions& options() const { return options_; }
    FeatureCache& features() const { return cache_; }

    // The learn/detect rows of one group for one split (make_split on its regular rows).
    Split split(uint32_t group, uint32_t split_index) const;
    // Smallest learn part over groups: a recipe's min_learn must not exceed it.
    uint32_t learn_signals() const;

    // Splits [first, first + count). Throws std::invalid_argument for an invalid recipe or one
    // whose min_learn exceeds learn_signals(); a runtime refusal is reported in `failure`.
    EvaluationStats evaluate(const vigil_recipe& recipe, uint32_t first, uint32_t count) const;

    // As evaluate, but learning only the first `learn_calls` signals of each learn part (the
    // learning curve); learn_calls >= recipe.min_learn.
    EvaluationStats evaluate_with_learn_calls(const vigil_recipe& recipe, uint32_t first,
                                              uint32_t count, uint32_t learn_calls) const;

    // Every detected signal of split `split_index` with its similarity, groups in order,
    // regular then abnormal, file order. Throws std::runtime_error on a runtime refusal.
    std::vector<SignalSimilarity> similarities(const vigil_recipe& recipe,
                                               uint32_t split_index) const;

private:
    std::vector<SignalGroup> groups_;
    EvaluationOptions options_;
    mutable FeatureCache cache_;
};

// Margin of one similarity (docs/selection.md): the position of s relative to the threshold,
// scaled by the room on its side, d(s) = (s - 90) / 10 for s >= 90 and (s - 90) / 90 below
// (so d(100) = 1, d(90) = 0, d(0) = -1); a regular signal's margin is d(s), an abnormal
// signal's -d(s).
double regular_margin(double similarity);
double abnormal_margin(double similarity);

// The device path on explicit features, shared by the evaluator, the held-out check and the
// tests: init, learn `learn` rows in order, score `detect` rows. Returns "" or the failure.
// `state` is reused across calls (grown as needed, 8-byte aligned).
struct DetectTarget {
    const FileFeatures* features;
    std::span<const uint32_t> rows;
    bool abnormal;
};
std::string run_device(const vigil_recipe& recipe, uint16_t dim, const FileFeatures& learn_features,
                       std::span<const uint32_t> learn_rows, std::span<const DetectTarget> targets,
                       std::vector<uint64_t>& state,
                       const std::function<void(const DetectTarget&, uint32_t row, float)>& on_similarity);

}  // namespace vigil::engine::selection

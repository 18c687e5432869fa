// The indicators of a candidate and the ranking (formulas: docs/selection.md).
//
// Balanced accuracy = (TNR on regular + TPR on abnormal) / 2 per (split, group), averaged
// over splits and groups (a group without abnormal signals contributes its TNR).
// Confidence = 100 (1 + M) / 2 %, M = mean over (split, group) of the mean of the two class
// mean margins (margins: evaluation.hpp): 100 exactly when every regular signal scores 100 and
// every abnormal one 0, 0 exactly when every regular signal scores 0 and every abnormal one
// 100, 50 when everything sits on the threshold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "vigil/engine/selection/evaluation.hpp"
#include "vigil/engine/selection/footprint.hpp"

namespace vigil::engine::selection {

struct Indicators {
    double balanced_accuracy = 0;  // 0..1
    double confidence = 0;         // 0..100 %
    double tnr = 0, tpr = 0;       // averaged like balanced_accuracy (tpr = 1 without abnormal)
    uint32_t splits = 0;           // splits behind the figures
    size_t ram_bytes = 0;
    size_t flash_bytes = 0;
    double instructions_per_detect = 0;
    bool failed = false;           // the runtime refused the candidate: everything 0
    // Split-to-split uncertainty: the standard error of the per-split balanced accuracy and
    // confidence (sample standard deviation / sqrt(splits)); 0 with fewer than 2 splits.
    double balanced_accuracy_se = 0;
    double confidence_se = 0;
};

Indicators compute_indicators(const EvaluationStats& stats, const Footprint& footprint);

// Confidence (0..100) and balanced accuracy (0..1) of one set of similarities (one group, one
// split) — the formulas applied to raw similarities, for tests and the held-out report.
double confidence_of(std::span<const float> regular, std::span<const float> abnormal);
double balanced_accuracy_of(std::span<const float> regular, std::span<const float> abnormal);

// THE ranking: balanced accuracy desc, then confidence desc, then RAM asc, then key asc (a
// deterministic tie-break). A failed candidate ranks after every other. Strict weak order.
bool ranks_before(const Indicators& a, std::string_view key_a, const Indicators& b,
                  std::string_view key_b);

// Whether `other` is within the measured noise of `leader`: its balanced accuracy and its
// confidence are each no more than one of the leader's standard errors below the leader's.
bool within_noise_of(const Indicators& leader, const Indicators& other);

// The tie rule (docs/selection.md, "Ties prefer the smaller library"): given candidates in
// ranks_before order and the stage each was measured at, the order to present them in. The
// candidates of the leader's stage that are within the leader's noise come first, smallest RAM
// first (then flash, then their rank); the others follow in rank order. Returns indexes into
// `ranked`, and `tied` (when given) gets how many lead as ties.
std::vector<size_t> order_with_ties(std::span<const Indicators* const> ranked, std::span<const uint32_t> stages,
                                    size_t* tied = nullptr);

}  // namespace vigil::engine::selection

// The held-out check: a seeded part of every file that selection never sees. After selection
// the chosen recipe learns the selection's regular signals of each group in file order and
// detects that group's held-out regular and abnormal signals; the result is reported apart,
// with a warning when its balanced accuracy falls more than `warn_drop` below the selection's.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "vigil/engine/selection/evaluation.hpp"
#include "vigil/engine/selection/signal_groups.hpp"

namespace vigil::engine::selection {

struct HeldOutOptions {
    double fraction = 0.2;   // of each file's rows
    uint32_t min_rows = 3;   // held out per file at least (if the file keeps >= 2 selection rows)
    uint64_t seed = 1;
    double warn_drop = 0.05; // balanced accuracy below selection's by more than this: warning
};

struct RowPartition {
    std::vector<uint32_t> selection;  // ascending
    std::vector<uint32_t> held_out;   // ascending, disjoint from selection
};

// Partitions `rows` (ascending). `stream` separates files (group index x 2 + abnormal).
RowPartition partition_rows(std::span<const uint32_t> rows, const HeldOutOptions& options,
                            uint64_t stream);

struct HeldOutSplit {
    std::vector<SignalGroup> selection;  // give these to the Evaluator
    std::vector<SignalGroup> held_out;   // same groups, the held-out rows
};

// Throws std::invalid_argument (validate_groups) for unusable groups.
HeldOutSplit split_held_out(const std::vector<SignalGroup>& groups, const HeldOutOptions& options);

struct HeldOutReport {
    double balanced_accuracy = 0, tnr = 0, tpr = 0, confidence = 0;
    double selection_balanced_accuracy = 0;
    uint32_t regular_signals = 0, abnormal_signals = 0;  // held-out signals detected
    bool warning = false;
    std::string message;  // the warning text, or a one-line summary
    std::vector<SignalSimilarity> similarities;
};

// Throws std::runtime_error if the runtime refuses the recipe on this data.
HeldOutReport check_held_out(const HeldOutSplit& split, const vigil_recipe& recipe,
                             double selection_balanced_accuracy, const HeldOutOptions& options = {});

}  // namespace vigil::engine::selection

// Warnings about a dataset that parsed: nothing here blocks, each finding says where it was
// seen and what to do. The thresholds below are part of the documented behaviour
// (docs/check.md); change them together.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vigil/engine/dataset/dataset.hpp"
#include "vigil/engine/dataset/issue.hpp"
#include "vigil/engine/dataset/stats.hpp"
#include "vigil/engine/selection/signal_kind.hpp"

namespace vigil::engine::dataset {

struct CheckOptions {
    std::optional<double> rate_hz;  // enables the spectral checks
    // The project's sensor.kind, when known: the kind suggestion says when the data disagrees.
    std::optional<selection::SignalKind> project_kind;
};

namespace thresholds {
inline constexpr size_t kRecommendedMinSignals = 50;  // below: few_signals (100+ recommended)
inline constexpr double kRepetitionFraction = 0.10;   // repeated successive samples, file-wide
inline constexpr double kOutlierRobustZ = 6.0;        // modified z-score (median / MAD)
inline constexpr double kLowVarianceRatio = 0.01;     // between-signal / total variance
inline constexpr double kClippingFraction = 0.005;    // values of an axis at its extreme
inline constexpr double kClippingPileUp = 2.0;        // ... vs the next level inwards
inline constexpr double kNyquistBand = 0.9;           // top 10% of the band
inline constexpr double kNyquistEnergy = 0.20;        // energy there: aliasing risk
inline constexpr double kOversamplingBand = 0.1;      // bottom 10% of the band
inline constexpr double kOversamplingEnergy = 0.99;   // energy there: oversampling
}  // namespace thresholds

// All warnings, in a fixed order (the order of docs/check.md).
std::vector<Issue> run_checks(const Dataset& dataset, const Stats& stats, const std::string& file,
                              const CheckOptions& options);

}  // namespace vigil::engine::dataset

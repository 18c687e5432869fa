// What kind of signal a file's lines look like (vigil.json "sensor.kind"), guessed from the data
// for `vigil check`: an informational suggestion with its reason in one line, never a warning
// and never blocking. The rules and their measured values are in docs/check.md.
#pragma once

#include <optional>
#include <string>

#include "vigil/engine/dataset/dataset.hpp"
#include "vigil/engine/selection/signal_kind.hpp"

namespace vigil::engine::dataset {

// The measures the rules read, medians over (a sample of) lines, then over axes.
struct KindMeasures {
    bool non_negative = false;  // every value of every axis is >= 0
    double peak_ratio = 0;      // a line's max |value| over its median |value|
    double variation = 0;       // a line's standard deviation over |its mean|
    double smoothness = 0;      // lag-1 correlation of a line with its mean removed
    double decay = 0;           // mean |value| of a line's first quarter over its last quarter's
    double low_share = 0;       // share of a line's (mean-removed) power in its lowest tenth of frequencies
    double level_moves = 0;     // standard deviation of line means over the median within-line spread
    double tone_share = 0;      // share of a line's power in its strongest frequency bin
    double tone_hz = 0;         // that bin's frequency (with a rate; else 0)
};

struct KindSuggestion {
    selection::SignalKind kind = selection::SignalKind::generic;
    std::string reason;                                  // one line
    std::optional<selection::SignalKind> project_kind;   // the project's sensor.kind, when known
    KindMeasures measures;

    // The project names a kind other than generic and other than the suggestion.
    bool disagrees() const {
        return project_kind && *project_kind != selection::SignalKind::generic && *project_kind != kind;
    }
};

namespace kind_thresholds {
inline constexpr size_t kMaxLines = 256;          // lines measured (evenly spaced over the file)
inline constexpr size_t kMinLength = 8;           // shorter lines: no suggestion (generic)
inline constexpr double kSpectrumPeakRatio = 4.0;
inline constexpr double kSpectrumVariation = 0.5;
inline constexpr double kSpectrumSmoothness = 0.3;
inline constexpr double kSpectrumDecay = 2.0;
inline constexpr double kProcessLowShare = 0.4;
inline constexpr double kProcessLevelMoves = 1.0;
inline constexpr double kCurrentToneShare = 0.5;  // with a rate: a 50/60 Hz tone this strong
inline constexpr double kLineHzTolerance = 0.05;
inline constexpr double kAcousticMinRateHz = 8000.0;
}  // namespace kind_thresholds

KindSuggestion suggest_kind(const Dataset& data, std::optional<double> rate_hz);

}  // namespace vigil::engine::dataset

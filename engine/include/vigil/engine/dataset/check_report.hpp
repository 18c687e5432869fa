// `vigil check` as one engine call: load a signal file, and when it parses, compute the
// statistics and the warnings. The CLI prints the result, the daemon returns it as JSON, and
// the benchmark takes `dataset` from it (the float32 matrix it trains on).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vigil/engine/dataset/checks.hpp"
#include "vigil/engine/dataset/dataset.hpp"
#include "vigil/engine/dataset/issue.hpp"
#include "vigil/engine/dataset/kind_suggestion.hpp"
#include "vigil/engine/dataset/signal_parser.hpp"
#include "vigil/engine/dataset/stats.hpp"

namespace vigil::engine::dataset {

enum class CheckStatus { ok, warnings, errors };

struct CheckReport {
    std::string file;
    size_t axes = 0;
    std::optional<double> rate_hz;
    TextFormat format;
    std::vector<Issue> errors;     // at most one: parsing stops at the first blocking error
    std::vector<Issue> warnings;
    Dataset dataset;               // empty when there are errors
    std::optional<Stats> stats;    // only when there are no errors
    // What the lines look like (sensor.kind): informational, never a warning; only when the
    // file parses.
    std::optional<KindSuggestion> kind_suggestion;

    CheckStatus status() const {
        if (!errors.empty()) return CheckStatus::errors;
        return warnings.empty() ? CheckStatus::ok : CheckStatus::warnings;
    }
};

CheckReport check_file(const std::string& path, size_t axes, const CheckOptions& options);

// The `vigil check` exit codes (docs/check.md): 0 clean, 1 warnings only, 2 blocking errors.
int exit_code(CheckStatus status);

}  // namespace vigil::engine::dataset

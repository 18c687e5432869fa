// The JSON form of a check report: the schema of docs/check.md ("vigil.check/1"), shared by
// `vigil check --json` and the daemon. Stable: add fields, never rename or remove one.
#pragma once

#include <nlohmann/json.hpp>

#include "vigil/engine/dataset/check_report.hpp"

namespace vigil::engine::dataset {

inline constexpr const char* kCheckSchema = "vigil.check/1";

nlohmann::json issue_to_json(const Issue& issue);
nlohmann::json kind_suggestion_to_json(const KindSuggestion& suggestion);
nlohmann::json report_to_json(const CheckReport& report);

}  // namespace vigil::engine::dataset

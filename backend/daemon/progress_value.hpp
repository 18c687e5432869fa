// A benchmark's ProgressEvent as the `value` of LSP's `$/progress` (WorkDoneProgressBegin /
// Report / End: kind, title, message, percentage) plus Vigil's own fields: evaluated, planned,
// stage, candidates per second and the best library so far.
#pragma once

#include <nlohmann/json.hpp>

#include "vigil/engine/search/progress.hpp"

namespace vigil::daemon {

nlohmann::json progress_value(const engine::search::ProgressEvent& event);

}  // namespace vigil::daemon

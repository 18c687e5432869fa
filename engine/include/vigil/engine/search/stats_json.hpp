// Evaluation statistics as JSON for the checkpoint. Doubles are written in nlohmann's
// shortest round-trip form, so a resumed benchmark merges bit-identical numbers and ranks
// exactly as an uninterrupted one.
#pragma once

#include <nlohmann/json.hpp>

#include "vigil/engine/selection/evaluation.hpp"

namespace vigil::engine::search {

nlohmann::json stats_to_json(const selection::EvaluationStats& stats);
// Throws std::invalid_argument for a document stats_to_json did not produce.
selection::EvaluationStats stats_from_json(const nlohmann::json& json);

}  // namespace vigil::engine::search

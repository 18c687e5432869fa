// A recipe as readable JSON and as a stable text key. Results, `vigil emulate` and `vigil
// compile` all speak this form, so it is strict: every field is required, unknown fields are
// errors, and an error names the field (a JSON-pointer-like path such as "model.k").
//
//   {"version":1,"axes":3,"length":256,"min_learn":16,"seed":1,
//    "preprocessing":{"detrend":"mean","scaling":"per_signal","decimation":2,"window":"hann",
//                     "features":["stats","bands_log"],"log_magnitude":true,"bands":16,
//                     "standardize":true},
//    "model":{"family":"kmeans","k":8,"rate":0,"radius_floor":0.1}}
//
// Hyperparameter names per family are the ones of docs/selection.md (from each family's module
// header in device_runtime/src/family_*.c).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "vigil_recipe.h"

namespace vigil::engine::selection {

// A JSON recipe that cannot be used. `field` is the path of the offending field ("model.k",
// "preprocessing.features[1]", "" for the whole document).
struct RecipeJsonError : std::invalid_argument {
    RecipeJsonError(std::string field, const std::string& message)
        : std::invalid_argument(field.empty() ? message : field + ": " + message),
          field(std::move(field)) {}
    std::string field;
};

// Throws std::invalid_argument if the recipe does not pass vigil_recipe_validate.
nlohmann::json recipe_to_json(const vigil_recipe& recipe);

// Strict parse; the result always passes vigil_recipe_validate. Throws RecipeJsonError.
vigil_recipe recipe_from_json(const nlohmann::json& json);
vigil_recipe recipe_from_json_text(std::string_view text);  // also reports JSON syntax errors

// The stable candidate key: lowercase hex of the 48-byte vigil_recipe_encode payload (96
// characters). Equal keys <=> equal recipes; sorting keys is a deterministic tie-break.
std::string recipe_key(const vigil_recipe& recipe);
// The inverse; std::nullopt for a malformed key or an invalid recipe.
std::optional<vigil_recipe> recipe_from_key(std::string_view key);

// Stable names ("gaussian", ... as vigil_family_get()->name) and their inverse.
std::string_view family_name(uint8_t family);
std::optional<uint8_t> family_from_name(std::string_view name);

// One line for humans: "kmeans(k=8 rate=0 radius_floor=0.1) | mean per_signal /2 hann stats+bands_log(16) log std"
std::string recipe_summary(const vigil_recipe& recipe);

}  // namespace vigil::engine::selection

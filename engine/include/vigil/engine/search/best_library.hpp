// Which library a command means when it names a benchmark, or none: the best recipe of
// benchmark ID, by default of the project's latest benchmark with a best library (finished,
// or stopped after evaluating something). `vigil emulate`, `vigil compile` and the daemon's
// emulator/open and library/compile all resolve it here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "vigil/engine/project/project.hpp"
#include "vigil_recipe.h"

namespace vigil::engine::search {

struct BestLibrary {
    int64_t benchmark = 0;
    vigil_recipe recipe{};
    nlohmann::json indicators;  // the benchmark's indicators of that recipe (or null)
};

// Throws std::runtime_error naming the project and what is missing (no benchmark at all, no
// benchmark ID, or one without a best library yet).
BestLibrary best_library(project::Project& project, std::optional<int64_t> benchmark);

}  // namespace vigil::engine::search

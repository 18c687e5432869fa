// The one generated C file of a compiled library (the baked-recipe contract of
// device_runtime/include/vigil_baked.h): the recipe as const data, the vigil_info that
// vigil_get_info returns, and the state buffer in .bss. Pure text, deterministic.
#pragma once

#include <cstdint>
#include <string>

#include "vigil_recipe.h"

namespace vigil::engine::packaging {

inline constexpr const char* kBakedSourceName = "vigil_baked_recipe.c";

// "vigil-" + the recipe id in 8 lowercase hex digits: the name vigil_get_info()->id reports.
std::string library_id(const vigil_recipe& recipe);

// Throws std::invalid_argument for an invalid recipe. Floats are written as C99 hex literals,
// so the baked bits are exactly the recipe's.
std::string baked_source(const vigil_recipe& recipe, uint32_t flash_bytes);

}  // namespace vigil::engine::packaging

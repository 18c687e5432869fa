// The measured stack table (internal; see stack_table.cpp for its origin and its bound).
#pragma once

#include <cstddef>
#include <cstdint>

#include "vigil_recipe.h"

namespace vigil::engine::selection {

// An upper bound of the deepest stack any vigil_* call of `recipe`'s compiled library uses on
// the core at `core_index` in kAllCores: max(family part, feature part) + the core's margin.
size_t stack_table_bound(size_t core_index, const vigil_recipe& recipe);

}  // namespace vigil::engine::selection

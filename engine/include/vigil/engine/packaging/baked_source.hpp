// The one generated C file of a compiled library (the baked-recipe contract of
// device_runtime/include/vigil_baked.h): the recipe as const data, the vigil_info that
// vigil_get_info returns, and the state buffer in .bss. Pure text, deterministic.
#pragma once

#include <cstdint>
#include <string>

#include "vigil_recipe.h"

namespace vigil::engine::packaging {

inline constexpr const char* kBakedSourceName = "vigil_baked_recipe.c";
inline constexpr const char* kBakedFamilySourceName = "vigil_baked_family.c";
// The runtime's registry of every family, which a library replaces with baked_family_source.
inline constexpr const char* kRegistrySourceName = "families.c";

// "vigil-" + the recipe id in 8 lowercase hex digits: the name vigil_get_info()->id reports.
std::string library_id(const vigil_recipe& recipe);

// Throws std::invalid_argument for an invalid recipe. Floats are written as C99 hex literals,
// so the baked bits are exactly the recipe's.
std::string baked_source(const vigil_recipe& recipe, uint32_t flash_bytes);

// A registry (vigil_family_get) that knows only the recipe's family, in place of the runtime's
// families.c: the registry of all seven references every family, so the linker would keep
// all of them; with this one it keeps the one the library runs (about half the flash).
// Throws std::invalid_argument for an invalid recipe.
std::string baked_family_source(const vigil_recipe& recipe);

}  // namespace vigil::engine::packaging

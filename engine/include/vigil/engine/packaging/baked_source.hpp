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
// so the baked bits are exactly the recipe's. flash_bytes and stack_bytes are what the compile
// step measured for this library (vigil_info reports them; ram_bytes = state + stack).
std::string baked_source(const vigil_recipe& recipe, uint32_t flash_bytes, uint32_t stack_bytes = 0);

// The library's vigil_config.h (device_runtime/include/vigil_config.h says what it controls):
// exactly this recipe, its plan, the model's hyperparameters, the FFT's twiddle table and the
// band edges, all as the host's runtime computes them (vigil_library_plan_of, vigil_twiddles),
// floats as hex literals. It replaces the runtime's own vigil_config.h in the library's sources.
// Throws std::invalid_argument for an invalid recipe.
inline constexpr const char* kBakedConfigName = "include/vigil_config.h";
std::string baked_config_source(const vigil_recipe& recipe);

// A registry (vigil_family_get) that knows only the recipe's family, in place of the runtime's
// families.c: the registry of all eight references every family, so the linker would keep
// all of them; with this one it keeps the one the library runs (about half the flash).
// Throws std::invalid_argument for an invalid recipe.
std::string baked_family_source(const vigil_recipe& recipe);

}  // namespace vigil::engine::packaging

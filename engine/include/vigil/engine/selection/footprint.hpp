// What a candidate costs on the device: RAM (the exact state + a measured bound of the stack),
// flash (a bound fitted to measured libraries) and instructions per detect (an estimate from the
// families' documented costs).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "vigil_recipe.h"

namespace vigil::engine::selection {

// The cross-build variants of docs/targets.md.
enum class Core { m0plus, m3, m4, m4_soft, m7, m7_soft, m33 };
inline constexpr Core kAllCores[] = {Core::m0plus, Core::m3,      Core::m4, Core::m4_soft,
                                     Core::m7,     Core::m7_soft, Core::m33};
std::string_view core_name(Core core);  // "m0plus", "m4-soft", ...
std::optional<Core> core_from_name(std::string_view name);

struct Footprint {
    size_t ram_bytes = 0;                // state (in 8-byte words, as compiled) + stack: what ranking uses
    size_t flash_bytes = 0;              // bound of the compiled library's flash for the core (flash_model.cpp)
    double instructions_per_detect = 0;  // estimate for the core (docs/selection.md, "Cost model")
    size_t state_bytes = 0;              // vigil_model_state_size: exact
    size_t stack_bytes = 0;              // bound of the deepest vigil_* call for the core (stack_table.cpp)
};

// Throws std::invalid_argument if the recipe is invalid.
Footprint footprint(const vigil_recipe& recipe, Core core);
// Instructions per detect on `core` (soft-float cores pay per float operation); without a core,
// a core with an FPU (Cortex-M4F).
double estimate_instructions_per_detect(const vigil_recipe& recipe, Core core);
// Bound of the flash the recipe's compiled library adds to a program on `core` (`vigil compile`
// measures the exact figure: metadata.json's flash_bytes).
size_t flash_bytes_bound(const vigil_recipe& recipe, Core core);
// Upper bound of the deepest stack any vigil_* call of the recipe's compiled library uses on
// `core` (`vigil compile` measures the exact figure: metadata.json's stack_bytes).
size_t stack_bytes_bound(const vigil_recipe& recipe, Core core);
double estimate_instructions_per_detect(const vigil_recipe& recipe);
// 1 for the cores that run float arithmetic in hardware (m4, m7, m33; not m0plus, m3 and the
// soft-float ABI variants m4-soft, m7-soft).
bool core_has_fpu(Core core);

}  // namespace vigil::engine::selection

// What a candidate costs on the device: RAM (exact), flash (from measured per-module code
// sizes) and instructions per detect (an estimate from the families' documented costs).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "vigil_recipe.h"

namespace vigil::engine::selection {

// The cross-build variants of docs/targets.md.
enum class Core { m0plus, m3, m4, m4_soft, m7, m7_soft, m33 };
inline constexpr Core kAllCores[] = {Core::m0plus, Core::m3,      Core::m4, Core::m4_soft,
                                     Core::m7,     Core::m7_soft, Core::m33};
std::string_view core_name(Core core);  // "m0plus", "m4-soft", ...
std::optional<Core> core_from_name(std::string_view name);

// Runtime source modules (device_runtime/src/<name>.c) a recipe links into the library: the
// core modules always, then the preprocessing steps it uses, then its family.
std::span<const std::string_view> core_modules();
// Appends the modules of `recipe` (core + steps + family) to `out`; returns how many.
size_t recipe_modules(const vigil_recipe& recipe, std::string_view out[], size_t capacity);

// Measured `.text + .data` bytes of one module for one core (table in flash_table.cpp, with the
// command that produced it); std::nullopt for an unknown module.
std::optional<size_t> module_flash_bytes(Core core, std::string_view module);

struct Footprint {
    size_t ram_bytes = 0;                // vigil_model_state_size: exact
    size_t flash_bytes = 0;              // sum of the recipe's modules for the core
    double instructions_per_detect = 0;  // estimate for the core (docs/selection.md, "Cost model")
};

// Throws std::invalid_argument if the recipe is invalid.
Footprint footprint(const vigil_recipe& recipe, Core core);
// Instructions per detect on `core` (soft-float cores pay per float operation); without a core,
// a core with an FPU (Cortex-M4F).
double estimate_instructions_per_detect(const vigil_recipe& recipe, Core core);
double estimate_instructions_per_detect(const vigil_recipe& recipe);
// 1 for the cores that run float arithmetic in hardware (m4, m7, m33; not m0plus, m3 and the
// soft-float ABI variants m4-soft, m7-soft).
bool core_has_fpu(Core core);

}  // namespace vigil::engine::selection

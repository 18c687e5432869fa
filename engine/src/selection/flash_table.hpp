// The measured per-module flash table (internal; see flash_table.cpp for its origin).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace vigil::engine::selection {

// Bytes of `module` for the core at `core_index` in kAllCores; nullopt if unknown.
std::optional<size_t> flash_table_lookup(size_t core_index, std::string_view module);
size_t flash_table_modules();

}  // namespace vigil::engine::selection

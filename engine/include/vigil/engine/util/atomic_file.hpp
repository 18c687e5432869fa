// Writes a whole file or nothing (DESIGN.md, principle 6: a killed process loses nothing
// finished and leaves nothing half-written): write a temporary sibling, flush it to disk,
// then rename it over the target.
#pragma once

#include <filesystem>
#include <string_view>

namespace vigil::engine::util {

// Throws std::runtime_error naming the path on any failure; the target is then unchanged.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace vigil::engine::util

// Writes a whole file or nothing (DESIGN.md, principle 6: a killed process loses nothing
// finished and leaves nothing half-written): write a temporary sibling, flush it to disk,
// then rename it over the target.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace vigil::engine::util {

// Throws std::runtime_error naming the path on any failure; the target is then unchanged.
// Safe from several threads at once (the daemon): each write has its own temporary file.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// The whole file's bytes; std::runtime_error "PATH: cannot read" when it cannot be opened.
std::string read_file(const std::filesystem::path& path);

}  // namespace vigil::engine::util

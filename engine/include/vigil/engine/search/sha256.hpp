// SHA-256 of a file's bytes, so `vigil bench --resume` can tell that an input changed
// (FIPS 180-4; no crypto library is among our dependencies, and this is all we need).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace vigil::engine::search {

// Lowercase hex digest of `bytes`.
std::string sha256_hex(std::string_view bytes);
// Lowercase hex digest of the file's content; throws std::runtime_error naming an unreadable file.
std::string sha256_file(const std::filesystem::path& file);

}  // namespace vigil::engine::search

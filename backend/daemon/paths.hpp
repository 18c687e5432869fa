// Every path a client sends is confined to the project folders it opened in this session:
// resolved (symlinks included) and required to stay inside one of them, so neither `..` nor a
// symlink can reach the rest of the machine. The error names the parameter and the path.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "connection.hpp"

namespace vigil::daemon {

// A project folder given to project/create or project/open: absolute, and under one of
// `allowed_roots` when there are any (vigild --root). Returns it normalised (symlinks resolved
// for the part that exists).
std::filesystem::path project_folder(const std::string& parameter, const std::string& folder,
                                     const std::vector<std::filesystem::path>& allowed_roots);

// A folder parameter of any other method: must be a project folder this connection opened.
std::filesystem::path opened_folder(const Connection& connection, const std::string& parameter,
                                    const std::string& folder);

// A file path: relative paths are relative to `base` (the method's project folder) when
// there is one; the result must lie inside a folder this connection opened.
std::filesystem::path confined_path(const Connection& connection, const std::string& parameter, const std::string& path,
                                    const std::optional<std::filesystem::path>& base);

}  // namespace vigil::daemon

// Where `vigil bench` and `vigil emulate` find the project: --project DIR, else ./vigil-project
// (docs/bench.md). Shared by those commands only.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace vigil::cli {

inline constexpr const char* kDefaultProjectDir = "vigil-project";

inline std::filesystem::path project_dir(const std::optional<std::string>& option) {
    return option ? std::filesystem::path(*option) : std::filesystem::path(kDefaultProjectDir);
}

inline bool is_project(const std::filesystem::path& dir) {
    return std::filesystem::exists(dir / "vigil.json");
}

}  // namespace vigil::cli

// `vigil compile` and the daemon's library/compile as one engine call: pick the recipe (a
// benchmark's best, a stored library's, or one given), resolve the target, compile, archive
// the zip in the project store and write it where asked. Nothing is written unless everything
// succeeded, and a cancelled compile stops before archiving.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "vigil/engine/packaging/library_build.hpp"
#include "vigil/engine/packaging/library_store.hpp"
#include "vigil/engine/project/project.hpp"
#include "vigil/engine/util/cancel.hpp"

namespace vigil::engine::packaging {

struct ProjectCompileRequest {
    // At most one source; none means the latest benchmark with a best library.
    std::optional<int64_t> benchmark;
    std::optional<int64_t> library;      // the recipe of a stored library (default: its core and ABI)
    std::optional<vigil_recipe> recipe;  // a recipe given as such
    std::optional<std::string> core;     // default: the project's
    std::optional<std::string> float_abi;
    std::optional<std::filesystem::path> out;  // default: <project>/<name>.zip
    util::CancelFlag cancel = nullptr;
};

struct ProjectCompileResult {
    CompiledLibrary library;
    LibraryRecord record;
    std::filesystem::path out;
};

// Throws util::ParameterError ("benchmark", "library", "out"), TargetError ("core",
// "float_abi"), ToolchainError, CompileError, util::Cancelled, std::runtime_error.
ProjectCompileResult compile_for_project(project::Project& project, const ProjectCompileRequest& request);

// The host emulator bundled in every zip: VIGIL_EMULATOR, else beside the running program
// (build tree: backend/emulator/vigil-emulator; installed: vigil-emulator beside it).
std::filesystem::path find_emulator();

}  // namespace vigil::engine::packaging

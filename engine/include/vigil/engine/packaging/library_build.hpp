// `vigil compile`'s engine: one recipe + one target -> the library zip a firmware engineer
// drops into a project (docs/compile.md). Runs the real arm-none-eabi-gcc on the embedded
// runtime sources with the flags of probes/ and measures the library's flash; everything
// happens in a private temporary folder, and the result is bytes in memory, so a failed
// compile writes nothing anywhere. Same inputs give the same zip, byte for byte.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "vigil/engine/packaging/target.hpp"
#include "vigil/engine/util/cancel.hpp"
#include "vigil_recipe.h"

namespace vigil::engine::packaging {

// A compiler or archiver step failed: the message holds the command and its output.
struct CompileError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Where the recipe came from; recorded in metadata.json.
struct LibraryOrigin {
    std::optional<int64_t> benchmark_id;
    nlohmann::json indicators;  // the benchmark's indicators of this recipe, or null
};

struct CompileRequest {
    vigil_recipe recipe{};
    Target target;
    LibraryOrigin origin;
    std::filesystem::path emulator;     // the generic host emulator executable to bundle
    std::filesystem::path scratch_dir;  // parent of the temporary build folder (default: system temp)
    unsigned parallel_jobs = 2;         // compiler processes at once
    util::CancelFlag cancel = nullptr;  // polled between compiler runs (util::Cancelled)
};

struct CompiledLibrary {
    std::string id;         // "vigil-3f9a12c0"
    std::string name;       // "vigil-3f9a12c0-cortex-m4-hard": the zip's top folder
    std::string zip;        // the archive's bytes
    std::string sha256;     // of `zip`
    nlohmann::json metadata;  // metadata.json as shipped
    vigil_recipe recipe{};
    Target target;
    std::optional<int64_t> benchmark_id;
};

// The zip's layout (under the top folder `name`):
//   README.md, metadata.json, recipe.bin, libvigil.a, include/{vigil.h,vigil.hpp,vigil_types.h},
//   source/{vigil_baked_recipe.c, include/*.h, src/*.c|h}, example/main.c, emulator/vigil-emulator
// Throws ToolchainError (toolchain missing), CompileError, std::invalid_argument (bad recipe),
// std::runtime_error (unreadable emulator, temporary folder).
CompiledLibrary compile_library(const CompileRequest& request);

// What compile_library measures of the library it builds for a recipe and a target
// (metadata.json's flash_bytes, stack_bytes, stack_bytes_per_call), without building the zip:
// what the selection's stack table is measured with (engine/src/selection/stack_table.cpp).
struct LibraryMeasure {
    uint32_t flash_bytes = 0;
    uint32_t stack_bytes = 0;  // the deepest of stack_bytes_per_call
    std::map<std::string, uint32_t> stack_bytes_per_call;
};
// Throws like compile_library.
LibraryMeasure measure_library(const vigil_recipe& recipe, const Target& target,
                               const std::filesystem::path& scratch_dir = {}, unsigned parallel_jobs = 2);

// The entry names above, for tests and docs (without the top folder).
inline constexpr const char* kRecipeFile = "recipe.bin";
inline constexpr const char* kMetadataFile = "metadata.json";
inline constexpr const char* kEmulatorPath = "emulator/vigil-emulator";

}  // namespace vigil::engine::packaging

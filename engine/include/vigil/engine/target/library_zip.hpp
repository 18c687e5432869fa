// A library zip as `vigil compile` wrote it (docs/compile.md), read for the target test: its
// libvigil.a and headers (the very bytes the user ships, never rebuilt), its recipe for the
// emulator, and the core and float ABI metadata.json says it was built for.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/engine/boards/catalog.hpp"
#include "vigil_recipe.h"

namespace vigil::engine::target {

struct LibraryZip {
    std::filesystem::path path;
    std::string top;        // the zip's top folder: "vigil-3f9a12c0-cortex-m4-hard"
    std::string id;         // "vigil-3f9a12c0"
    std::string recipe_id;  // 8 hex digits, as metadata.json gives it
    nlohmann::json metadata;
    vigil_recipe recipe{};  // recipe.bin, decoded
    std::string core;       // "cortex-m4"
    std::string float_abi;  // "hard" or "soft"
    std::string fpu;        // "fpv4-sp-d16"; empty for soft float
    std::vector<std::string> cpu_flags;          // the -m... flags the library was compiled with
    std::string archive;                         // libvigil.a
    std::map<std::string, std::string> headers;  // file name -> bytes (include/ and source/include/)
};

// Throws util::LocatedError naming the zip when it is not a readable library zip (not a zip,
// damaged, metadata.json or libvigil.a missing, recipe.bin not the metadata's recipe).
LibraryZip read_library_zip(const std::filesystem::path& zip);

// Whether the library can run on the board, checked before anything is built or flashed:
// same core (Cortex-M0 and M0+ builds are interchangeable: both ARMv6-M), and a hard-float
// library only on a board with that FPU (single-precision fpv5-sp-d16 also runs on fpv5-d16).
// Throws util::ParameterError("library") saying what to compile instead; returns a note for
// the report when the pair is accepted as compatible but not identical, else "".
std::string check_library_fits(const LibraryZip& library, const boards::Board& board);

// The core and float ABI to compile a library for this board: the board's core, hard float
// when the board's FPU is the one `vigil compile` targets for that core, else soft.
std::pair<std::string, std::string> library_target_for(const boards::Board& board);

}  // namespace vigil::engine::target

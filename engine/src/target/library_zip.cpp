#include "vigil/engine/target/library_zip.hpp"

#include <cstdio>

#include "vigil/engine/packaging/target.hpp"
#include "vigil/engine/packaging/zip_reader.hpp"
#include "vigil/engine/util/atomic_file.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::engine::target {

namespace fs = std::filesystem;
using util::LocatedError;
using util::ParameterError;

namespace {

std::string hex32(uint32_t v) {
    char buf[9];
    std::snprintf(buf, sizeof buf, "%08x", v);
    return buf;
}

bool armv6m(const std::string& core) { return core == "cortex-m0" || core == "cortex-m0plus"; }

std::string describe(const std::string& core, const std::string& abi, const std::string& fpu) {
    return core + " (" + abi + " float" + (fpu.empty() ? "" : ", " + fpu) + ")";
}

}  // namespace

LibraryZip read_library_zip(const fs::path& path) {
    const std::string where = path.string();
    std::string bytes;
    try {
        bytes = util::read_file(path);
    } catch (const std::runtime_error&) {
        throw LocatedError(where, 0, 0, "cannot read the library zip");
    }
    std::vector<packaging::ZipFileEntry> entries;
    try {
        entries = packaging::read_zip(bytes);
    } catch (const packaging::ZipFormatError& e) {
        throw LocatedError(where, 0, 0, std::string("not a library zip: ") + e.what());
    }
    LibraryZip lib;
    lib.path = path;
    std::map<std::string, std::string> files;  // path under the top folder -> bytes
    for (auto& e : entries) {
        const size_t slash = e.name.find('/');
        if (slash == std::string::npos || e.name.ends_with("/")) continue;
        const std::string top = e.name.substr(0, slash);
        if (lib.top.empty()) lib.top = top;
        if (top != lib.top)
            throw LocatedError(where, 0, 0, "not a library zip of vigil compile: two top folders (" + lib.top + ", " + top + ")");
        files[e.name.substr(slash + 1)] = std::move(e.content);
    }
    const auto need = [&](const std::string& name) -> const std::string& {
        auto it = files.find(name);
        if (it == files.end())
            throw LocatedError(where, 0, 0, "not a library zip of vigil compile: " + lib.top + "/" + name + " is missing");
        return it->second;
    };
    try {
        lib.metadata = nlohmann::json::parse(need("metadata.json"));
        lib.id = lib.metadata.at("library").get<std::string>();
        lib.recipe_id = lib.metadata.at("recipe_id").get<std::string>();
        const auto& t = lib.metadata.at("target");
        lib.core = t.at("core").get<std::string>();
        lib.float_abi = t.at("float_abi").get<std::string>();
        lib.fpu = t.at("fpu").is_null() ? "" : t.at("fpu").get<std::string>();
        for (const auto& f : lib.metadata.value("flags", nlohmann::json::array()))
            if (f.is_string() && f.get<std::string>().starts_with("-m")) lib.cpu_flags.push_back(f.get<std::string>());
    } catch (const nlohmann::json::exception& e) {
        throw LocatedError(where, 0, 0, lib.top + "/metadata.json: " + e.what());
    }
    if (lib.cpu_flags.empty()) {
        try {
            lib.cpu_flags = packaging::resolve_target(lib.core, lib.float_abi).cpu_flags;
        } catch (const packaging::TargetError& e) {
            throw LocatedError(where, 0, 0, lib.top + "/metadata.json: " + e.what());
        }
    }
    const std::string& recipe = need("recipe.bin");
    if (vigil_recipe_decode_sized(reinterpret_cast<const uint8_t*>(recipe.data()), recipe.size(), &lib.recipe) != VIGIL_OK)
        throw LocatedError(where, 0, 0, lib.top + "/recipe.bin: not a valid encoded recipe");
    if (hex32(vigil_recipe_id(&lib.recipe)) != lib.recipe_id)
        throw LocatedError(where, 0, 0, lib.top + "/recipe.bin is recipe " + hex32(vigil_recipe_id(&lib.recipe)) +
                                            ", metadata.json says " + lib.recipe_id);
    lib.archive = need("libvigil.a");
    // source/include holds every runtime header (vigil_core.h, vigil_baked.h: the test
    // firmware reads the exact similarity through them); include/ the three a user includes.
    for (const char* dir : {"source/include/", "include/"})
        for (const auto& [name, content] : files)
            if (name.starts_with(dir) && name.find('/', std::string_view(dir).size()) == std::string::npos)
                lib.headers[name.substr(std::string_view(dir).size())] = content;
    for (const char* h : {"vigil.h", "vigil_core.h", "vigil_baked.h"})
        if (!lib.headers.count(h))
            throw LocatedError(where, 0, 0, "not a library zip of vigil compile: no " + std::string(h) +
                                                " in include/ or source/include/");
    return lib;
}

std::string check_library_fits(const LibraryZip& lib, const boards::Board& board) {
    const std::string board_core(project::to_string(board.core));
    const std::string board_fpu = board.fpu.value_or("");
    const auto [core, abi] = library_target_for(board);
    const std::string fix = " (compile it for this board: `vigil compile --core " + core + " --float-abi " + abi +
                            "`, or use `vigil target test --benchmark ID`, which compiles for the board)";
    const std::string what = "library " + lib.path.string() + " is built for " + describe(lib.core, lib.float_abi, lib.fpu);
    std::string note;
    if (lib.core != board_core) {
        if (!(armv6m(lib.core) && armv6m(board_core)))
            throw ParameterError("library", what + "; board " + board.id + " has a " + board_core + fix);
        note = lib.core + " library on a " + board_core + " board: the same ARMv6-M instruction set";
    }
    if (lib.float_abi == "hard") {
        const bool same = lib.fpu == board_fpu;
        const bool subset = lib.fpu == "fpv5-sp-d16" && board_fpu == "fpv5-d16";
        if (!same && !subset)
            throw ParameterError("library", what + "; board " + board.id + " has " +
                                                (board_fpu.empty() ? std::string("no FPU") : "a " + board_fpu + " FPU") + fix);
    }
    return note;
}

std::pair<std::string, std::string> library_target_for(const boards::Board& board) {
    const std::string core(project::to_string(board.core));
    const packaging::Target best = packaging::resolve_target(core);
    if (best.float_abi == "hard" && board.fpu && *board.fpu == best.fpu) return {core, "hard"};
    return {core, "soft"};
}

}  // namespace vigil::engine::target

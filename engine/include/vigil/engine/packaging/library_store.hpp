// Compiled libraries in the project store: the `libraries` table of .vigil/vigil.db plus the
// zip itself under .vigil/libraries/, so `vigil libraries` can list them and a user can
// download one again (DESIGN.md, principle 6).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/engine/packaging/library_build.hpp"
#include "vigil/engine/project/project.hpp"

namespace vigil::engine::packaging {

struct LibraryRecord {
    int64_t id = 0;
    std::optional<int64_t> benchmark_id;
    std::string created_at;  // UTC, ISO 8601 (the store's date; the zip holds none)
    std::string core;
    std::string float_abi;
    std::vector<uint8_t> recipe;  // vigil_recipe_encode bytes
    std::string archive_path;     // relative to the project root
    std::string sha256;           // of the zip
    nlohmann::json metadata;      // metadata.json as shipped

    std::string library() const { return metadata.value("library", ""); }  // "vigil-3f9a12c0"
    std::string recipe_id() const { return metadata.value("recipe_id", ""); }
};

inline constexpr const char* kLibrariesDir = "libraries";  // under .vigil/

class LibraryStore {
public:
    explicit LibraryStore(project::Project& project) : project_(project) {}

    // Writes the zip to .vigil/libraries/<name>-<sha256 prefix>.zip (atomically; the name
    // depends on the content, so an existing file already holds these bytes) and inserts its
    // row. If the row cannot be written, the file it added is removed. Returns the record.
    LibraryRecord archive(const CompiledLibrary& library);

    std::vector<LibraryRecord> list() const;  // oldest first
    std::optional<LibraryRecord> find(int64_t id) const;
    // Deletes the row, then its zip unless another row names the same file (same bytes). The
    // row goes first: a crash in between leaves an unlisted file, never a row without its zip.
    // false when there is no such library.
    bool remove(int64_t id);

    // How `vigil libraries --json` and the daemon's library/list show a record.
    nlohmann::json to_json(const LibraryRecord& record) const;

private:
    project::Project& project_;
};

}  // namespace vigil::engine::packaging

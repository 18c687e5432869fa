#include "vigil/engine/packaging/library_store.hpp"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <stdexcept>

#include "vigil/engine/util/atomic_file.hpp"
#include "vigil_recipe.h"

namespace vigil::engine::packaging {

namespace fs = std::filesystem;

namespace {

std::string utc_now() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// A prepared statement that finalizes itself.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK) fail();
    }
    ~Statement() { sqlite3_finalize(st_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    sqlite3_stmt* get() const { return st_; }
    [[noreturn]] void fail() const {
        throw std::runtime_error(std::string("project store (libraries): ") + sqlite3_errmsg(db_));
    }

private:
    sqlite3* db_;
    sqlite3_stmt* st_ = nullptr;
};

std::string text(sqlite3_stmt* st, int col) {
    const auto* p = sqlite3_column_text(st, col);
    return p ? reinterpret_cast<const char*>(p) : "";
}

LibraryRecord read_row(sqlite3_stmt* st) {
    LibraryRecord r;
    r.id = sqlite3_column_int64(st, 0);
    if (sqlite3_column_type(st, 1) != SQLITE_NULL) r.benchmark_id = sqlite3_column_int64(st, 1);
    r.created_at = text(st, 2);
    r.core = text(st, 3);
    r.float_abi = text(st, 4);
    const auto* blob = static_cast<const uint8_t*>(sqlite3_column_blob(st, 5));
    r.recipe.assign(blob, blob + sqlite3_column_bytes(st, 5));
    r.archive_path = text(st, 6);
    r.sha256 = text(st, 7);
    r.metadata = nlohmann::json::parse(text(st, 8), nullptr, false);
    return r;
}

constexpr const char* kColumns =
    "SELECT id, benchmark_id, created_at, core, float_abi, recipe, archive_path, sha256, metadata_json FROM libraries ";

}  // namespace

LibraryRecord LibraryStore::archive(const CompiledLibrary& library) {
    const fs::path dir = project_.data_dir() / kLibrariesDir;
    fs::create_directories(dir);
    const std::string file_name = library.name + "-" + library.sha256.substr(0, 12) + ".zip";
    const fs::path file = dir / file_name;
    const bool existed = fs::exists(file);
    util::write_file_atomically(file, library.zip);

    LibraryRecord r;
    r.created_at = utc_now();
    const auto& meta = library.metadata;
    r.benchmark_id = library.benchmark_id;
    r.core = library.target.core;
    r.float_abi = library.target.float_abi;
    r.recipe.resize(VIGIL_RECIPE_ENCODED_SIZE);
    if (vigil_recipe_encode(&library.recipe, r.recipe.data()) != VIGIL_OK)
        throw std::invalid_argument("library " + library.name + ": its recipe is not valid");
    r.archive_path = (fs::path(project::Project::kDataDir) / kLibrariesDir / file_name).generic_string();
    r.sha256 = library.sha256;
    r.metadata = meta;
    try {
        sqlite3* db = project_.store().handle();
        Statement st(db,
                     "INSERT INTO libraries (benchmark_id, created_at, core, float_abi, recipe, archive_path, sha256, "
                     "metadata_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        if (r.benchmark_id) sqlite3_bind_int64(st.get(), 1, *r.benchmark_id);
        else sqlite3_bind_null(st.get(), 1);
        sqlite3_bind_text(st.get(), 2, r.created_at.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st.get(), 3, r.core.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st.get(), 4, r.float_abi.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_blob(st.get(), 5, r.recipe.data(), static_cast<int>(r.recipe.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(st.get(), 6, r.archive_path.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st.get(), 7, r.sha256.c_str(), -1, SQLITE_TRANSIENT);
        const std::string json = meta.dump();
        sqlite3_bind_text(st.get(), 8, json.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st.get()) != SQLITE_DONE) st.fail();
        r.id = sqlite3_last_insert_rowid(db);
    } catch (...) {
        if (!existed) fs::remove(file);
        throw;
    }
    return r;
}

std::vector<LibraryRecord> LibraryStore::list() const {
    Statement st(project_.store().handle(), (std::string(kColumns) + "ORDER BY id").c_str());
    std::vector<LibraryRecord> out;
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) out.push_back(read_row(st.get()));
    if (rc != SQLITE_DONE) st.fail();
    return out;
}

std::optional<LibraryRecord> LibraryStore::find(int64_t id) const {
    Statement st(project_.store().handle(), (std::string(kColumns) + "WHERE id = ?").c_str());
    sqlite3_bind_int64(st.get(), 1, id);
    const int rc = sqlite3_step(st.get());
    if (rc == SQLITE_ROW) return read_row(st.get());
    if (rc != SQLITE_DONE) st.fail();
    return std::nullopt;
}

bool LibraryStore::remove(int64_t id) {
    const auto record = find(id);
    if (!record) return false;
    sqlite3* db = project_.store().handle();
    {
        Statement st(db, "DELETE FROM libraries WHERE id = ?");
        sqlite3_bind_int64(st.get(), 1, id);
        if (sqlite3_step(st.get()) != SQLITE_DONE) st.fail();
    }
    Statement others(db, "SELECT COUNT(*) FROM libraries WHERE archive_path = ?");
    sqlite3_bind_text(others.get(), 1, record->archive_path.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(others.get()) != SQLITE_ROW) others.fail();
    if (sqlite3_column_int64(others.get(), 0) == 0) {
        std::error_code ec;  // an already missing file is fine: the row was what listed it
        fs::remove(project_.root() / record->archive_path, ec);
    }
    return true;
}

nlohmann::json LibraryStore::to_json(const LibraryRecord& r) const {
    return {{"id", r.id},
            {"library", r.library()},
            {"created_at", r.created_at},
            {"core", r.core},
            {"float_abi", r.float_abi},
            {"benchmark", r.benchmark_id ? nlohmann::json(*r.benchmark_id) : nlohmann::json(nullptr)},
            {"recipe_id", r.recipe_id()},
            {"recipe_summary", r.metadata.value("recipe_summary", "")},
            {"ram_bytes", r.metadata.value("ram_bytes", nlohmann::json(nullptr))},
            {"flash_bytes", r.metadata.value("flash_bytes", nlohmann::json(nullptr))},
            {"path", (project_.root() / r.archive_path).string()},
            {"sha256", r.sha256}};
}

}  // namespace vigil::engine::packaging

// The project store, `.vigil/vigil.db` (SQLite): benchmarks, evaluated candidates and compiled
// libraries. WAL journal, so a process killed mid-benchmark loses nothing already committed.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

struct sqlite3;

namespace vigil::engine::project {

class Store {
public:
    // Opens (creating if needed) and migrates the schema. Throws std::runtime_error naming the
    // file when it cannot be opened or is not a Vigil store of a version we know.
    explicit Store(const std::filesystem::path& file);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    static constexpr int kSchemaVersion = 2;  // 2: candidates.stats_json
    int schema_version() const;
    sqlite3* handle() const { return db_; }

    // Runs SQL without results; throws with SQLite's message on failure.
    void exec(const std::string& sql) const;

private:
    static constexpr int kBusyTimeoutMs = 5000;
    void migrate();
    // Runs `sql`, retrying while another connection holds the lock (up to kBusyTimeoutMs).
    void retry_while_busy(const char* sql) const;
    std::filesystem::path file_;
    sqlite3* db_ = nullptr;
};

}  // namespace vigil::engine::project

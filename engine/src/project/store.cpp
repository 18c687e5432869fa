#include "vigil/engine/project/store.hpp"

#include <sqlite3.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace vigil::engine::project {

namespace {

// Version 1. Candidates are keyed by (benchmark, recipe key, stage) so a resumed benchmark
// can tell exactly what was already evaluated.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS benchmarks (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('running', 'stopped', 'finished', 'failed')),
  seed INTEGER NOT NULL,
  inputs_json TEXT NOT NULL,
  settings_json TEXT NOT NULL,
  result_json TEXT
);
CREATE TABLE IF NOT EXISTS candidates (
  benchmark_id INTEGER NOT NULL REFERENCES benchmarks(id),
  recipe_key TEXT NOT NULL,
  stage INTEGER NOT NULL,
  recipe BLOB NOT NULL,
  balanced_accuracy REAL NOT NULL,
  confidence REAL NOT NULL,
  ram_bytes INTEGER NOT NULL,
  flash_bytes INTEGER NOT NULL,
  instructions_per_detect INTEGER,
  evaluated_at TEXT NOT NULL,
  PRIMARY KEY (benchmark_id, recipe_key, stage)
);
CREATE TABLE IF NOT EXISTS libraries (
  id INTEGER PRIMARY KEY,
  benchmark_id INTEGER REFERENCES benchmarks(id),
  created_at TEXT NOT NULL,
  core TEXT NOT NULL,
  float_abi TEXT NOT NULL,
  recipe BLOB NOT NULL,
  archive_path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  metadata_json TEXT NOT NULL
);
)sql";

// Version 2: each checkpointed candidate keeps its cumulative per-split statistics (JSON), so a
// resumed benchmark merges further splits into exactly what was stored.
constexpr const char* kMigrationV2 = R"sql(
ALTER TABLE candidates ADD COLUMN stats_json TEXT;
)sql";

}  // namespace

Store::Store(const std::filesystem::path& file) : file_(file) {
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw std::runtime_error("cannot open the project store " + file.string() + ": " + msg);
    }
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    try {
        // Switching a new file to WAL while another process opens it can answer SQLITE_BUSY
        // at once, without the busy handler: retry it ourselves for the same timeout.
        retry_while_busy("PRAGMA journal_mode=WAL;");
        exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        migrate();
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

Store::~Store() { sqlite3_close(db_); }

void Store::retry_while_busy(const char* sql) const {
    constexpr int kStepMs = 10;
    for (int waited = 0;; waited += kStepMs) {
        const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
        if (rc == SQLITE_OK) return;
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) break;
        if (waited >= kBusyTimeoutMs) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(kStepMs));
    }
    throw std::runtime_error(file_.string() + ": " + sqlite3_errmsg(db_));
}

void Store::exec(const std::string& sql) const {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw std::runtime_error(file_.string() + ": " + msg);
    }
}

int Store::schema_version() const {
    sqlite3_stmt* st = nullptr;
    int version = 0;
    if (sqlite3_prepare_v2(db_, "SELECT value FROM meta WHERE key='schema_version'", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return version;
}

void Store::migrate() {
    // Several processes may open a new store at the same moment (a benchmark and whoever
    // watches it): the version is read and upgraded under one write lock (BEGIN IMMEDIATE,
    // others wait through the busy timeout), so exactly one of them migrates, and the whole
    // upgrade commits or none of it does. A store already at this version needs no lock: the
    // daemon opens the store for every request, and a write lock each time would queue its
    // light requests behind a running benchmark's checkpoints.
    if (schema_version() == kSchemaVersion) return;
    retry_while_busy("BEGIN IMMEDIATE;");
    try {
        exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
        const int version = schema_version();
        if (version > kSchemaVersion)
            throw std::runtime_error(file_.string() + ": made by a newer Vigil (store version " +
                                     std::to_string(version) + ", this one knows " +
                                     std::to_string(kSchemaVersion) + ")");
        if (version < 1)
            exec(std::string(kSchemaV1) + "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '1');");
        if (version < 2)
            exec(std::string(kMigrationV2) + "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '2');");
        exec("COMMIT;");
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
        throw;
    }
}

}  // namespace vigil::engine::project

#include "vigil/engine/project/benchmark_store.hpp"

#include <sqlite3.h>

#include <ctime>
#include <stdexcept>

namespace vigil::engine::project {

namespace {

// A prepared statement that finalizes itself, so every early return and throw is clean.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("project store: ") + sqlite3_errmsg(db));
    }
    ~Statement() { sqlite3_finalize(st_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    void bind(int i, int64_t v) { check(sqlite3_bind_int64(st_, i, v)); }
    void bind(int i, double v) { check(sqlite3_bind_double(st_, i, v)); }
    void bind(int i, const std::string& v) {
        check(sqlite3_bind_text(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT));
    }
    void bind_blob(int i, const std::vector<uint8_t>& v) {
        // An empty vector has no data pointer, which SQLite would bind as NULL.
        if (v.empty()) return check(sqlite3_bind_zeroblob(st_, i, 0));
        check(sqlite3_bind_blob(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT));
    }
    void bind_null(int i) { check(sqlite3_bind_null(st_, i)); }
    // true: a row is available.
    bool step() {
        const int rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw std::runtime_error(std::string("project store: ") + sqlite3_errmsg(db_));
    }
    void reset() {
        sqlite3_reset(st_);
        sqlite3_clear_bindings(st_);
    }
    int64_t integer(int c) const { return sqlite3_column_int64(st_, c); }
    double real(int c) const { return sqlite3_column_double(st_, c); }
    bool null(int c) const { return sqlite3_column_type(st_, c) == SQLITE_NULL; }
    std::string text(int c) const {
        const auto* p = sqlite3_column_text(st_, c);
        return p ? std::string(reinterpret_cast<const char*>(p), size_t(sqlite3_column_bytes(st_, c))) : std::string();
    }
    std::vector<uint8_t> blob(int c) const {
        const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(st_, c));
        return p ? std::vector<uint8_t>(p, p + sqlite3_column_bytes(st_, c)) : std::vector<uint8_t>();
    }

private:
    void check(int rc) const {
        if (rc != SQLITE_OK) throw std::runtime_error(std::string("project store: ") + sqlite3_errmsg(db_));
    }
    sqlite3* db_;
    sqlite3_stmt* st_ = nullptr;
};

std::string now_utc() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

int64_t BenchmarkStore::create(uint64_t seed, const nlohmann::json& inputs, const nlohmann::json& settings) {
    Statement st(store_.handle(),
                 "INSERT INTO benchmarks(created_at, state, seed, inputs_json, settings_json) VALUES(?, 'running', ?, ?, ?)");
    st.bind(1, now_utc());
    st.bind(2, int64_t(seed));
    st.bind(3, inputs.dump());
    st.bind(4, settings.dump());
    st.step();
    return sqlite3_last_insert_rowid(store_.handle());
}

namespace {

constexpr const char* kBenchmarkColumns =
    "SELECT id, created_at, state, seed, inputs_json, settings_json, result_json FROM benchmarks ";

BenchmarkRow read_benchmark(const Statement& st) {
    BenchmarkRow row;
    row.id = st.integer(0);
    row.created_at = st.text(1);
    row.state = st.text(2);
    row.seed = uint64_t(st.integer(3));
    row.inputs = nlohmann::json::parse(st.text(4));
    row.settings = nlohmann::json::parse(st.text(5));
    if (!st.null(6)) row.result = nlohmann::json::parse(st.text(6));
    return row;
}

}  // namespace

std::optional<BenchmarkRow> BenchmarkStore::find(int64_t id) const {
    Statement st(store_.handle(), (std::string(kBenchmarkColumns) + "WHERE id = ?").c_str());
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_benchmark(st);
}

std::vector<BenchmarkRow> BenchmarkStore::list() const {
    Statement st(store_.handle(), (std::string(kBenchmarkColumns) + "ORDER BY id").c_str());
    std::vector<BenchmarkRow> rows;
    while (st.step()) rows.push_back(read_benchmark(st));
    return rows;
}

nlohmann::json benchmark_summary_json(const BenchmarkRow& row) {
    nlohmann::json out = {{"id", row.id}, {"created_at", row.created_at}, {"state", row.state},
                          {"seed", row.seed}, {"inputs", row.inputs}, {"best", nullptr}};
    if (row.result) {
        const auto& r = *row.result;
        for (const char* key : {"elapsed_s", "candidates_per_s", "jobs", "counts"})
            if (r.contains(key)) out[key] = r[key];
        if (r.contains("best") && !r["best"].is_null())
            out["best"] = {{"summary", r["best"].value("summary", "")}, {"key", r["best"].value("key", "")},
                           {"indicators", r["best"].value("indicators", nlohmann::json(nullptr))}};
        if (r.contains("learning_curve") && !r["learning_curve"].is_null())
            out["recommended_min_learn"] = r["learning_curve"].value("recommended_min_learn", nlohmann::json(nullptr));
    }
    return out;
}

std::optional<int64_t> BenchmarkStore::latest_with_best() const {
    Statement st(store_.handle(),
                 "SELECT id FROM benchmarks WHERE state IN ('finished', 'stopped') AND result_json IS NOT NULL "
                 "AND json_type(result_json, '$.best') = 'object' ORDER BY id DESC LIMIT 1");
    if (!st.step()) return std::nullopt;
    return st.integer(0);
}

void BenchmarkStore::set_state(int64_t id, const std::string& state) {
    Statement st(store_.handle(), "UPDATE benchmarks SET state = ? WHERE id = ?");
    st.bind(1, state);
    st.bind(2, id);
    st.step();
}

void BenchmarkStore::save_result(int64_t id, const std::string& state, const nlohmann::json& result) {
    Statement st(store_.handle(), "UPDATE benchmarks SET state = ?, result_json = ? WHERE id = ?");
    st.bind(1, state);
    st.bind(2, result.dump());
    st.bind(3, id);
    st.step();
}

void BenchmarkStore::insert_candidates(int64_t id, std::span<const CandidateRecord> records) {
    if (records.empty()) return;
    const std::string at = now_utc();
    store_.exec("BEGIN IMMEDIATE;");
    try {
        Statement st(store_.handle(),
                     "INSERT OR REPLACE INTO candidates(benchmark_id, recipe_key, stage, recipe, balanced_accuracy, "
                     "confidence, ram_bytes, flash_bytes, instructions_per_detect, evaluated_at, stats_json) "
                     "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (const auto& r : records) {
            st.bind(1, id);
            st.bind(2, r.key);
            st.bind(3, int64_t(r.stage));
            st.bind_blob(4, r.recipe);
            st.bind(5, r.balanced_accuracy);
            st.bind(6, r.confidence);
            st.bind(7, r.ram_bytes);
            st.bind(8, r.flash_bytes);
            if (r.instructions_per_detect) st.bind(9, *r.instructions_per_detect); else st.bind_null(9);
            st.bind(10, at);
            st.bind(11, r.stats_json);
            st.step();
            st.reset();
        }
        store_.exec("COMMIT;");
    } catch (...) {
        try { store_.exec("ROLLBACK;"); } catch (...) {}
        throw;
    }
}

std::vector<CandidateRecord> BenchmarkStore::candidates(int64_t id) const {
    Statement st(store_.handle(),
                 "SELECT recipe_key, stage, recipe, balanced_accuracy, confidence, ram_bytes, flash_bytes, "
                 "instructions_per_detect, stats_json FROM candidates WHERE benchmark_id = ? ORDER BY stage, recipe_key");
    st.bind(1, id);
    std::vector<CandidateRecord> out;
    while (st.step()) {
        CandidateRecord r;
        r.key = st.text(0);
        r.stage = uint32_t(st.integer(1));
        r.recipe = st.blob(2);
        r.balanced_accuracy = st.real(3);
        r.confidence = st.real(4);
        r.ram_bytes = st.integer(5);
        r.flash_bytes = st.integer(6);
        if (!st.null(7)) r.instructions_per_detect = st.integer(7);
        r.stats_json = st.text(8);
        out.push_back(std::move(r));
    }
    return out;
}

size_t BenchmarkStore::candidate_count(int64_t id) const {
    Statement st(store_.handle(), "SELECT COUNT(*) FROM candidates WHERE benchmark_id = ?");
    st.bind(1, id);
    st.step();
    return size_t(st.integer(0));
}

}  // namespace vigil::engine::project

#include <catch2/catch.hpp>

#include <filesystem>

#include "vigil/engine/project/benchmark_store.hpp"

using namespace vigil::engine::project;
namespace fs = std::filesystem;

namespace {
fs::path fresh_store_file(const char* name) {
    const fs::path dir = fs::temp_directory_path() / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir / "vigil.db";
}
}  // namespace

TEST_CASE("benchmarks: create, checkpoint in batches, read back, finish") {
    Store store(fresh_store_file("vigil_bench_store_test"));
    CHECK(store.schema_version() == 2);
    BenchmarkStore b(store);
    const int64_t id = b.create(7, {{"files", 1}}, {{"search", {{"seed", 7}}}});
    auto row = b.find(id);
    REQUIRE(row);
    CHECK(row->state == "running");
    CHECK(row->seed == 7);
    CHECK(row->inputs["files"] == 1);
    CHECK_FALSE(row->result);
    CHECK_FALSE(b.latest_with_best());

    std::vector<CandidateRecord> batch(3);
    const char* keys[] = {"k0", "k1", "k2"};
    for (size_t i = 0; i < batch.size(); ++i) {
        batch[i].key = keys[i];
        batch[i].stage = uint32_t(i % 2);
        batch[i].recipe = {1, 2, uint8_t(i)};
        batch[i].balanced_accuracy = 0.5 + 0.1 * double(i);
        batch[i].confidence = 60;
        batch[i].ram_bytes = 100 * int64_t(i);
        batch[i].flash_bytes = 2000;
        batch[i].stats_json = "{}";
    }
    batch[1].instructions_per_detect = 1234;
    b.insert_candidates(id, batch);
    CHECK(b.candidate_count(id) == 3);
    // Re-inserting the same (key, stage) replaces it: a resumed batch never duplicates.
    b.insert_candidates(id, std::span(batch).subspan(0, 1));
    const auto back = b.candidates(id);
    REQUIRE(back.size() == 3);
    CHECK(back[0].key == "k0");
    CHECK(back[0].recipe == batch[0].recipe);
    CHECK(back.back().key == "k1");  // ordered by stage, then key
    CHECK(back.back().instructions_per_detect == 1234);
    CHECK_FALSE(back[0].instructions_per_detect);

    b.save_result(id, "finished", {{"best", nullptr}});
    row = b.find(id);
    CHECK(row->state == "finished");
    CHECK(row->result->contains("best"));
    CHECK_FALSE(b.latest_with_best());  // finished, but nothing to compile
    b.save_result(id, "stopped", {{"best", {{"recipe", {}}}}});
    CHECK(b.latest_with_best() == id);  // a time-limited benchmark still has a best library
    const int64_t later = b.create(8, {{"files", 1}}, {{"search", {{"seed", 8}}}});
    CHECK(b.latest_with_best() == id);  // still running: not a candidate for compile
    b.save_result(later, "finished", {{"best", {{"recipe", {}}}}});
    CHECK(b.latest_with_best() == later);
    CHECK_FALSE(b.find(later + 1));
}

TEST_CASE("a version 1 store migrates to version 2 keeping its rows") {
    const fs::path file = fresh_store_file("vigil_bench_store_migration");
    {
        Store store(file);
        // Roll back to what a version-1 store looked like.
        store.exec("INSERT INTO benchmarks(created_at, state, seed, inputs_json, settings_json) VALUES('t', 'stopped', 1, '[]', '{}');"
                   "ALTER TABLE candidates DROP COLUMN stats_json; UPDATE meta SET value='1' WHERE key='schema_version';");
        CHECK(store.schema_version() == 1);
    }
    Store store(file);
    CHECK(store.schema_version() == 2);
    BenchmarkStore b(store);
    CHECK(b.find(1)->state == "stopped");
    CandidateRecord r;
    r.key = "x";
    r.stats_json = "{\"a\":1}";
    b.insert_candidates(1, std::span(&r, 1));
    CHECK(b.candidates(1).at(0).stats_json == "{\"a\":1}");
}

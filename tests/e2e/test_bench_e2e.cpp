// `vigil bench` and `vigil emulate` end to end, on data made by `vigil synth`. Timing is never
// asserted: interruptions are triggered by what the store shows, and checked by state.
#include <signal.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "process.hpp"
#include "vigil/engine/project/benchmark_store.hpp"

using namespace vigil::e2e;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A fresh folder with a small synthetic couple of files (1 axis, 128 samples).
struct Workspace {
    fs::path dir;
    explicit Workspace(const std::string& name) {
        dir = fs::temp_directory_path() / ("vigil_e2e_" + name);
        fs::remove_all(dir);
        fs::create_directories(dir);
        const auto r = run({"synth", "--out", "data", "--axes", "1", "--length", "128", "--signals", "60", "--seed", "5"}, dir);
        REQUIRE(r.exit_code == 0);
    }
    std::vector<std::string> bench(const std::string& project, std::vector<std::string> extra = {}) const {
        std::vector<std::string> a{"bench", "--project", project, "--regular", "data/regular.csv",
                                   "--abnormal", "data/abnormal.csv", "--axes", "1", "--json"};
        a.insert(a.end(), extra.begin(), extra.end());
        return a;
    }
    size_t stored_candidates(const std::string& project, int64_t id = 1) const {
        const fs::path db = dir / project / ".vigil" / "vigil.db";
        if (!fs::exists(db)) return 0;
        vigil::engine::project::Store store(db);
        return vigil::engine::project::BenchmarkStore(store).candidate_count(id);
    }
    std::string state(const std::string& project, int64_t id = 1) const {
        vigil::engine::project::Store store(dir / project / ".vigil" / "vigil.db");
        return vigil::engine::project::BenchmarkStore(store).find(id)->state;
    }
    // Polls the store until the benchmark has checkpointed n candidates. The bound is a
    // safety net against a benchmark that died early (the test then fails instead of hanging),
    // not a claim about speed: even a sanitizer build gets there in a few seconds.
    void wait_for_candidates(const std::string& project, size_t n) const {
        for (int polls = 0; stored_candidates(project) < n; ++polls) {
            if (polls == 6000) FAIL("the benchmark in " << project << " never checkpointed " << n << " candidates");
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
};

json parse_result(const Finished& f) {
    INFO("stderr: " << f.err);
    REQUIRE(f.exit_code == 0);
    return json::parse(f.out);
}

// What must not depend on jobs or interruptions: the best library and the final ranking.
json decisive(const json& r) {
    json top = json::array();
    for (const auto& t : r["top"]) top.push_back({t["key"], t["stage"], t["indicators"]});
    return {{"best", r["best"]["key"]}, {"candidate", r["best"]["candidate_key"]}, {"top", top}};
}

std::vector<std::string> file_lines(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

const std::vector<std::string> kSmall = {"--space-limit", "40", "--max-splits", "3"};

}  // namespace

TEST_CASE("bench is deterministic across runs and numbers of jobs, emulate reproduces its similarities") {
    Workspace w("determinism");
    auto args = w.bench("p1", kSmall);
    args.insert(args.end(), {"--jobs", "1"});
    const json one = parse_result(run(args, w.dir));
    CHECK(one["state"] == "finished");
    REQUIRE_FALSE(one["best"].is_null());
    CHECK(one["counts"]["evaluated"].get<size_t>() > 40);  // later stages ran
    CHECK_FALSE(one["learning_curve"].is_null());
    CHECK(one["best"]["recipe"]["min_learn"] == one["learning_curve"]["recommended_min_learn"]);
    CHECK_FALSE(one["held_out"].is_null());

    auto args2 = w.bench("p2", kSmall);
    args2.insert(args2.end(), {"--jobs", "2"});
    const json two = parse_result(run(args2, w.dir));
    CHECK(decisive(one) == decisive(two));
    // A second run in the same project: same result again.
    const json again = parse_result(run(args, w.dir));
    CHECK(again["benchmark"] == 2);
    CHECK(decisive(again) == decisive(one));

    SECTION("emulate on the benchmark's split gives the benchmark's similarities") {
        const auto& sims = one["similarities"];
        const auto regular = file_lines(w.dir / "data/regular.csv");
        const auto abnormal = file_lines(w.dir / "data/abnormal.csv");
        // One detect file, regular signals then abnormal ones: the signal parser refuses files
        // of fewer than 20 signals, and the regular part of one split may be smaller.
        std::ofstream learn(w.dir / "learn.csv"), detect(w.dir / "detect.csv");
        for (const auto& l : sims["learned"][0]["lines"]) learn << regular.at(l.get<size_t>() - 1) << "\n";
        std::vector<float> expected;
        for (bool abnormal_part : {false, true}) {
            for (const auto& s : sims["signals"]) {
                if (s["abnormal"].get<bool>() != abnormal_part) continue;
                const size_t line = s["line"].get<size_t>();
                detect << (abnormal_part ? abnormal : regular).at(line - 1) << "\n";
                expected.push_back(s["similarity"].get<float>());
            }
        }
        learn.close();
        detect.close();
        const json e = parse_result(run({"emulate", "--project", "p1", "--benchmark", "1", "--learn", "learn.csv",
                                         "--detect", "detect.csv", "--json"}, w.dir));
        REQUIRE(e["detected"].size() == 1);
        std::vector<float> got;
        for (const auto& s : e["detected"][0]["signals"]) got.push_back(s["exact"].get<float>());
        CHECK(got == expected);
        CHECK(e["nominal"].get<size_t>() + e["anomalies"].get<size_t>() == expected.size());

        // Knowledge saved after learning, loaded into a fresh library: the same detections.
        const json saved = parse_result(run({"emulate", "--project", "p1", "--learn", "learn.csv", "--save-knowledge",
                                             "k.bin", "--detect", "detect.csv", "--json"}, w.dir));
        const json loaded = parse_result(run({"emulate", "--project", "p1", "--load-knowledge", "k.bin", "--detect",
                                              "detect.csv", "--json"}, w.dir));
        CHECK(saved["detected"] == loaded["detected"]);
        CHECK(loaded["detected"] == e["detected"]);
        // Detect before learning is refused with the reason.
        const auto refused = run({"emulate", "--project", "p1", "--detect", "detect.csv"}, w.dir);
        CHECK(refused.exit_code == 2);
        CHECK_THAT(refused.err, Catch::Contains("learn calls"));
    }
}

TEST_CASE("a benchmark killed with -9 resumes and ends as an uninterrupted one") {
    Workspace w("resume");
    const std::vector<std::string> opts = {"--space-limit", "3000", "--max-splits", "3", "--jobs", "1"};
    Started victim(w.bench("killed", opts), w.dir);
    w.wait_for_candidates("killed", 20);
    victim.signal(SIGKILL);
    victim.wait();
    const size_t before = w.stored_candidates("killed");
    INFO("checkpointed before the kill: " << before);
    CHECK(w.state("killed") == "running");

    std::vector<std::string> resume{"bench", "--project", "killed", "--resume", "1", "--json", "--jobs", "2"};
    const json resumed = parse_result(run(resume, w.dir));
    CHECK(resumed["state"] == "finished");
    CHECK(resumed["counts"]["evaluated_this_session"].get<size_t>() + before == resumed["counts"]["evaluated"].get<size_t>());

    const json straight = parse_result(run(w.bench("straight", opts), w.dir));
    CHECK(decisive(resumed) == decisive(straight));

    SECTION("resume refuses changed files and a finished benchmark") {
        const auto finished = run(resume, w.dir);
        CHECK(finished.exit_code == 2);
        CHECK_THAT(finished.err, Catch::Contains("already finished"));
        Started again(w.bench("changed", opts), w.dir);
        w.wait_for_candidates("changed", 1);
        again.signal(SIGKILL);
        again.wait();
        std::ofstream(w.dir / "data/regular.csv", std::ios::app) << file_lines(w.dir / "data/regular.csv").front() << "\n";
        const auto refused = run({"bench", "--project", "changed", "--resume", "1"}, w.dir);
        CHECK(refused.exit_code == 2);
        CHECK_THAT(refused.err, Catch::Contains("regular.csv") && Catch::Contains("changed"));
    }
}

TEST_CASE("SIGINT and --time-limit stop with state 'stopped' and a best library") {
    Workspace w("stop");
    Started run_(w.bench("interrupted", {"--jobs", "1"}), w.dir);
    w.wait_for_candidates("interrupted", 5);
    run_.signal(SIGINT);
    const json r = parse_result(run_.wait());
    CHECK(r["state"] == "stopped");
    CHECK_FALSE(r["best"].is_null());
    CHECK(w.state("interrupted") == "stopped");
    // Bounded in candidates, not seconds: far fewer than the plan.
    size_t planned = 0;
    for (const auto& s : r["counts"]["stages"]) planned += s["planned"].get<size_t>();
    CHECK(r["counts"]["evaluated"].get<size_t>() < planned);

    // The whole space (no --space-limit) takes several seconds even on an idle machine, so a
    // half-second limit always cuts it short; workers finish the candidate in hand, so a best
    // library exists.
    const json limited = parse_result(run(w.bench("limited", {"--time-limit", "0.5", "--jobs", "2"}), w.dir));
    CHECK(limited["state"] == "stopped");
    CHECK_FALSE(limited["best"].is_null());
}

TEST_CASE("bad inputs are refused before anything is stored") {
    Workspace w("refusals");
    std::ofstream(w.dir / "bad.csv") << "0.1 0.2\n0.3 x4\n";
    auto args = w.bench("p", kSmall);
    args[4] = "bad.csv";  // --regular
    const auto bad = run(args, w.dir);
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Catch::Contains("bad.csv:2:"));
    CHECK_FALSE(fs::exists(w.dir / "p"));

    REQUIRE(run({"init", "three", "--axes", "3"}, w.dir).exit_code == 0);
    const auto mismatch = run(w.bench("three", kSmall), w.dir);
    CHECK(mismatch.exit_code == 2);
    CHECK_THAT(mismatch.err, Catch::Contains("--axes 1") && Catch::Contains("sensor.axes = 3"));
    CHECK(w.stored_candidates("three") == 0);

    const auto usage = run({"bench", "--regular", "data/regular.csv", "--axes", "1"}, w.dir);
    CHECK(usage.exit_code == 64);
    CHECK(run({"emulate", "--project", "three"}, w.dir).exit_code == 2);  // no finished benchmark
}

TEST_CASE("the RAM limit of the project holds end to end") {
    Workspace w("ram");
    REQUIRE(run({"init", "tight", "--axes", "1", "--max-ram-kb", "1"}, w.dir).exit_code == 0);
    const json r = parse_result(run(w.bench("tight", {"--space-limit", "60", "--max-splits", "1"}), w.dir));
    CHECK(r["counts"]["filtered_by_ram"].get<size_t>() > 0);
    vigil::engine::project::Store store(w.dir / "tight/.vigil/vigil.db");
    for (const auto& c : vigil::engine::project::BenchmarkStore(store).candidates(1)) CHECK(c.ram_bytes <= 1024);
    for (const auto& t : r["top"]) CHECK(t["indicators"]["ram_bytes"].get<size_t>() <= 1024);
}

TEST_CASE("the flash budget of the project holds end to end") {
    Workspace w("flash");
    REQUIRE(run({"init", "small", "--axes", "1", "--max-flash-kb", "4"}, w.dir).exit_code == 0);
    const json r = parse_result(run(w.bench("small", {"--space-limit", "60", "--max-splits", "1"}), w.dir));
    CHECK(r["counts"]["filtered_by_flash"].get<size_t>() > 0);
    vigil::engine::project::Store store(w.dir / "small/.vigil/vigil.db");
    for (const auto& c : vigil::engine::project::BenchmarkStore(store).candidates(1)) CHECK(c.flash_bytes <= 4096);
    for (const auto& t : r["top"]) CHECK(t["indicators"]["flash_bytes"].get<size_t>() <= 4096);
}

TEST_CASE("sensor.kind is part of a benchmark's settings: a resume under another kind is refused") {
    Workspace w("kind");
    const auto init = run({"init", "k", "--axes", "1", "--kind", "vibration", "--json"}, w.dir);
    REQUIRE(init.exit_code == 0);
    CHECK(json::parse(init.out)["sensor"]["kind"] == "vibration");
    const auto unknown = run({"init", "bad", "--kind", "thermal"}, w.dir);
    CHECK(unknown.exit_code == 64);
    CHECK_THAT(unknown.err, Catch::Contains("sensor.kind") && Catch::Contains("spectrum, process"));

    const json stopped = parse_result(run(w.bench("k", {"--time-limit", "0.2", "--jobs", "1"}), w.dir));
    REQUIRE(stopped["state"] == "stopped");
    const fs::path settings = w.dir / "k/vigil.json";
    json j = json::parse(std::ifstream(settings));
    CHECK(j["sensor"]["kind"] == "vibration");

    SECTION("another runtime: refused, naming both versions") {
        {
            vigil::engine::project::Store store(w.dir / "k/.vigil/vigil.db");
            store.exec("UPDATE benchmarks SET settings_json = json_set(settings_json, '$.runtime', '0.3.0')");
        }
        const auto refused = run({"bench", "--project", "k", "--resume", "1", "--jobs", "1"}, w.dir);
        CHECK(refused.exit_code == 2);
        CHECK_THAT(refused.err, Catch::Contains("runtime 0.3.0") && Catch::Contains("this vigil has runtime"));
    }
    SECTION("another kind: refused") {
        j["sensor"]["kind"] = "spectrum";
        std::ofstream(settings) << j.dump(2);
        const auto refused = run({"bench", "--project", "k", "--resume", "1", "--jobs", "1"}, w.dir);
        CHECK(refused.exit_code == 2);
        CHECK_THAT(refused.err, Catch::Contains("changed since benchmark 1"));
    }
    SECTION("a benchmark recorded before the kind existed resumes as generic") {
        j["sensor"].erase("kind");  // an older vigil.json: generic
        std::ofstream(settings) << j.dump(2);
        {
            vigil::engine::project::Store store(w.dir / "k/.vigil/vigil.db");
            store.exec("UPDATE benchmarks SET settings_json = json_remove(settings_json, '$.project.sensor.kind')");
        }
        const json resumed = parse_result(run({"bench", "--project", "k", "--resume", "1", "--json", "--jobs", "2",
                                               "--time-limit", "0.2"},
                                              w.dir));
        CHECK(resumed["benchmark"] == 1);
    }
}

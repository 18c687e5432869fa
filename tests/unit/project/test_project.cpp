#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include "vigil/engine/project/project.hpp"

using namespace vigil::engine::project;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir() {
    static std::mt19937_64 rng(std::random_device{}());
    fs::path p = fs::temp_directory_path() / ("vigil-project-test-" + std::to_string(rng()));
    fs::remove_all(p);
    return p;
}

}  // namespace

TEST_CASE("a project is created with settings and a migrated store, then reopened") {
    fs::path dir = fresh_dir();
    Settings s;
    s.name = "pump";
    s.core = Core::cortex_m33;
    s.axes = 1;
    s.sensor = SensorType::current;
    {
        Project p = Project::create(dir, s);
        CHECK(fs::exists(dir / "vigil.json"));
        CHECK(fs::exists(dir / ".vigil" / "vigil.db"));
        CHECK(p.store().schema_version() == Store::kSchemaVersion);
    }
    Project again = Project::open(dir);
    CHECK(again.settings().name == "pump");
    CHECK(again.settings().core == Core::cortex_m33);
    CHECK(again.store().schema_version() == Store::kSchemaVersion);
    fs::remove_all(dir);
}

TEST_CASE("creating over an existing project is refused and changes nothing") {
    fs::path dir = fresh_dir();
    Settings s;
    s.name = "first";
    Project::create(dir, s);
    s.name = "second";
    CHECK_THROWS_WITH(Project::create(dir, s), Catch::Contains("already exists"));
    CHECK(Project::open(dir).settings().name == "first");
    fs::remove_all(dir);
}

TEST_CASE("a malformed vigil.json is reported with line and column") {
    fs::path dir = fresh_dir();
    fs::create_directories(dir);
    std::ofstream(dir / "vigil.json") << "{\n  \"name\": \"x\",\n  \"core\" \"m4\"\n}\n";
    CHECK_THROWS_WITH(Project::open(dir), Catch::Contains("vigil.json:3:"));
    fs::remove_all(dir);
}

TEST_CASE("opening a folder that is not a project says how to make one") {
    fs::path dir = fresh_dir();
    fs::create_directories(dir);
    CHECK_THROWS_WITH(Project::open(dir), Catch::Contains("vigil init"));
    fs::remove_all(dir);
}

TEST_CASE("a store from a newer Vigil is refused, not downgraded") {
    fs::path dir = fresh_dir();
    fs::create_directories(dir);
    {
        Store st(dir / "vigil.db");
        st.exec("UPDATE meta SET value='99' WHERE key='schema_version'");
    }
    CHECK_THROWS_WITH(Store(dir / "vigil.db"), Catch::Contains("newer Vigil"));
    fs::remove_all(dir);
}

TEST_CASE("many openers of a new store at once: one migrates, all succeed") {
    // A benchmark creating its store while another process (a test, the extension) opens it
    // must not race the schema upgrade ("duplicate column name").
    for (int round = 0; round < 20; ++round) {
        fs::path dir = fresh_dir();
        fs::create_directories(dir);
        std::vector<std::thread> openers;
        std::atomic<int> ok{0};
        std::vector<std::string> errors(6);
        for (int i = 0; i < 6; ++i)
            openers.emplace_back([&, i] {
                try {
                    Store st(dir / "vigil.db");
                    if (st.schema_version() == Store::kSchemaVersion) ++ok;
                } catch (const std::exception& e) {
                    errors[size_t(i)] = e.what();
                }
            });
        for (auto& t : openers) t.join();
        for (const auto& e : errors) CHECK(e == "");
        CHECK(ok == 6);
        fs::remove_all(dir);
    }
}

// `vigil boards` as users and scripts call it: the real binary, its table, its JSON, its errors.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "boards_test_support.hpp"
#include "vigil/engine/boards/catalog.hpp"

using namespace boards_test;
namespace boards = vigil::engine::boards;

namespace {

Run run_vigil(const std::string& arguments) { return run(quoted(VIGIL_BINARY) + " " + arguments); }

}  // namespace

TEST_CASE("vigil boards --json prints the catalog as an array of the boards' own JSON") {
    const auto r = run_vigil("boards --json --catalog " + quoted(catalog_dir().string()));
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    const auto list = nlohmann::json::parse(r.output);
    const auto catalog = boards::load_catalog(catalog_dir());
    REQUIRE(list.is_array());
    REQUIRE(list.size() == catalog.size());
    for (size_t i = 0; i < catalog.size(); ++i) CHECK(list[i] == boards::to_json(catalog[i]));
}

TEST_CASE("vigil boards finds the catalog through VIGIL_BOARDS_DIR") {
    TempDir dir;
    dir.write("qemu-m4.json", read_all(catalog_dir() / "qemu-m4.json"));
    const auto r = run("VIGIL_BOARDS_DIR=" + quoted(dir.path().string()) + " " + quoted(VIGIL_BINARY) + " boards --json");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    const auto list = nlohmann::json::parse(r.output);
    REQUIRE(list.size() == 1);
    CHECK(list[0]["id"] == "qemu-m4");
}

TEST_CASE("vigil boards prints a table: id, name, core, flash, RAM, probe, QEMU machine") {
    const auto r = run_vigil("boards --catalog " + quoted(catalog_dir().string()));
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    for (const char* text : {"id", "QEMU machine", "nucleo-f401re", "NUCLEO-F401RE", "cortex-m4", "512 KiB", "96 KiB",
                             "ST-LINK", "mps2-an386", "qemu-m0", "microbit", "16 KiB", "nucleo-u575zi-q", "2 MiB"})
        CHECK_THAT(r.output, Catch::Contains(text));
}

TEST_CASE("vigil boards refuses a bad catalog with exit 2 naming the file and the field") {
    TempDir dir;
    auto j = nlohmann::json::parse(read_all(catalog_dir() / "qemu-m3.json"));
    j["core"] = "cortex-m5";
    dir.write("qemu-m3.json", j.dump());
    const auto r = run_vigil("boards --catalog " + quoted(dir.path().string()));
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("qemu-m3.json: core: unknown core 'cortex-m5'"));

    const auto missing = run_vigil("boards --catalog " + quoted((dir.path() / "nowhere").string()));
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.output, Catch::Contains("does not exist"));
    CHECK(run_vigil("boards extra").exit_code == 64);
}

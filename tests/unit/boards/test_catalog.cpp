// The board catalog as data: it loads, holds the boards Vigil supports, and agrees with the rest
// of probes/ (the QEMU machine per core in cores.cmake and run-qemu, the linker scripts'
// memory maps). Malformed files are refused with the file and the field named.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <functional>
#include <map>
#include <regex>
#include <set>

#include "boards_test_support.hpp"
#include "vigil/engine/boards/catalog.hpp"

using namespace boards_test;
namespace boards = vigil::engine::boards;
namespace project = vigil::engine::project;

namespace {

// The core variant -> QEMU machine table of probes/target/cores.cmake ("m4" -> "mps2-an386").
std::map<std::string, std::string> cores_cmake_machines() {
    std::map<std::string, std::string> machines;
    std::istringstream in(read_all(source_dir() / "probes/target/cores.cmake"));
    const std::regex variant(R"re(core STREQUAL "([a-z0-9-]+)")re"), machine(R"re(set\(machine ([a-z0-9-]+)\))re");
    std::string line, current;
    std::smatch m;
    while (std::getline(in, line)) {
        if (std::regex_search(line, m, variant)) current = m[1];
        else if (std::regex_search(line, m, machine) && !current.empty()) machines[current] = m[1];
    }
    REQUIRE(machines.size() >= 7);
    return machines;
}

// The machines probes/run-qemu runs ("m4": "mps2-an386" in its MACHINES table).
std::set<std::string> run_qemu_machines() {
    std::set<std::string> machines;
    const std::string text = read_all(source_dir() / "probes/run-qemu");
    const std::regex entry(R"re("m[0-9a-z-]+": "([a-z0-9-]+)")re");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), entry); it != std::sregex_iterator(); ++it)
        machines.insert((*it)[1]);
    REQUIRE(!machines.empty());
    return machines;
}

// FLASH and RAM of a probes/ld/*.ld file: ORIGIN and LENGTH ("256K", "4M").
std::map<std::string, boards::MemoryRegion> linker_regions(const std::string& ld) {
    std::map<std::string, boards::MemoryRegion> regions;
    const std::string text = read_all(source_dir() / "probes/ld" / ld);
    const std::regex entry(R"re((FLASH|RAM)\s*\([a-z]+\)\s*:\s*ORIGIN\s*=\s*(0x[0-9A-Fa-f]+),\s*LENGTH\s*=\s*([0-9]+)([KM]?))re");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), entry); it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        uint64_t size = std::stoull(m[3]);
        if (m[4] == "K") size *= 1024;
        if (m[4] == "M") size *= 1024 * 1024;
        regions[m[1]] = {std::stoull(m[2], nullptr, 16), size};
    }
    REQUIRE(regions.size() == 2);
    return regions;
}

// "cortex-m0plus" -> "m0plus": the variant name cores.cmake uses for a core's hard-float build.
std::string variant_of(project::Core core) { return std::string(project::to_string(core)).substr(7); }

// The machine's linker script, by the rule of cores.cmake.
std::string linker_script_of(const std::string& machine) {
    if (machine == "microbit") return "microbit.ld";
    if (machine == "mps2-an505") return "mps2-an505.ld";
    return "mps2.ld";
}

}  // namespace

TEST_CASE("the catalog loads, sorted by id, with every supported board and QEMU machine") {
    const auto catalog = boards::load_catalog(catalog_dir());
    std::set<std::string> ids;
    for (size_t i = 0; i < catalog.size(); ++i) {
        ids.insert(catalog[i].id);
        if (i > 0) CHECK(catalog[i - 1].id < catalog[i].id);
    }
    for (const char* id : {"nucleo-f401re", "nucleo-l476rg", "b-l475e-iot01a", "nucleo-h743zi", "stm32f4-discovery",
                           "nucleo-g071rb", "nucleo-u575zi-q", "qemu-m0", "qemu-m3", "qemu-m4", "qemu-m7", "qemu-m33"}) {
        INFO(id);
        CHECK(ids.count(id) == 1);
    }
    // Every core Vigil compiles for has a QEMU board and at least one board overall.
    for (auto name : project::core_names()) {
        INFO(name);
        bool any = false;
        for (const auto& b : catalog) any = any || project::to_string(b.core) == name;
        if (name != "cortex-m0plus") CHECK(boards::find_board(catalog, "qemu-" + variant_of(*project::parse_core(name))));
        CHECK(any);
    }
}

TEST_CASE("each board file is in its canonical form: reading and writing it back changes nothing") {
    for (const auto& entry : fs::directory_iterator(catalog_dir())) {
        INFO(entry.path());
        const auto file = nlohmann::json::parse(read_all(entry.path()));
        const auto board = boards::board_from_json(file, entry.path().string());
        CHECK(boards::to_json(board) == file);
    }
}

TEST_CASE("every board's core is known and its QEMU machine is the one probes/ uses for that core") {
    const auto per_core = cores_cmake_machines();
    const auto runnable = run_qemu_machines();
    for (const auto& b : boards::load_catalog(catalog_dir())) {
        INFO(b.id);
        // The catalog uses the canonical names settings.hpp's parse_core accepts.
        const auto core = project::parse_core(project::to_string(b.core));
        REQUIRE(core);
        CHECK(*core == b.core);
        REQUIRE(per_core.count(variant_of(b.core)) == 1);
        CHECK(b.qemu.machine == per_core.at(variant_of(b.core)));
        CHECK(runnable.count(b.qemu.machine) == 1);
    }
}

TEST_CASE("a QEMU board has the memory map of the linker script probes/ links its machine with") {
    for (const auto& b : boards::load_catalog(catalog_dir())) {
        if (b.kind != boards::BoardKind::qemu) continue;
        INFO(b.id << " on " << b.qemu.machine);
        CHECK(!b.debug_probe);
        CHECK(!b.openocd);
        const auto regions = linker_regions(linker_script_of(b.qemu.machine));
        CHECK(b.flash.address == regions.at("FLASH").address);
        CHECK(b.flash.size == regions.at("FLASH").size);
        CHECK(b.ram.address == regions.at("RAM").address);
        CHECK(b.ram.size == regions.at("RAM").size);
    }
}

TEST_CASE("real boards: STM32 flash at 0x08000000, a probe, OpenOCD and a serial device") {
    for (const auto& b : boards::load_catalog(catalog_dir())) {
        if (b.kind != boards::BoardKind::board) continue;
        INFO(b.id);
        CHECK(b.flash.address == 0x08000000);
        CHECK(b.ram.size < b.flash.size * 2);  // a unit slip (bytes vs KiB) would break this
        CHECK(b.debug_probe);
        REQUIRE(b.openocd);
        CHECK(!b.openocd->files().empty());
        CHECK(b.serial.device);
    }
}

TEST_CASE("find_board ignores case and says nothing for an unknown id") {
    const auto catalog = boards::load_catalog(catalog_dir());
    const auto b = boards::find_board(catalog, "NUCLEO-F401RE");
    REQUIRE(b);
    CHECK(b->id == "nucleo-f401re");
    CHECK(b->core == project::Core::cortex_m4);
    CHECK(b->flash.size == 512 * 1024);
    CHECK(b->ram.size == 96 * 1024);
    CHECK(b->openocd->files() == std::vector<std::string>{"board/st_nucleo_f4.cfg"});
    CHECK_FALSE(boards::find_board(catalog, "nucleo-f999"));
}

TEST_CASE("default_catalog_dir: VIGIL_BOARDS_DIR, else the source tree's probes/boards") {
    const char* saved = std::getenv("VIGIL_BOARDS_DIR");
    const std::string saved_value = saved ? saved : "";
    TempDir dir;

    ::unsetenv("VIGIL_BOARDS_DIR");
    CHECK(fs::equivalent(boards::default_catalog_dir(), catalog_dir()));
    ::setenv("VIGIL_BOARDS_DIR", dir.path().c_str(), 1);
    CHECK(boards::default_catalog_dir() == dir.path());
    ::setenv("VIGIL_BOARDS_DIR", (dir.path() / "missing").c_str(), 1);
    CHECK_THROWS_WITH(boards::default_catalog_dir(), Catch::Contains("VIGIL_BOARDS_DIR") && Catch::Contains("missing"));

    if (saved) ::setenv("VIGIL_BOARDS_DIR", saved_value.c_str(), 1);
    else ::unsetenv("VIGIL_BOARDS_DIR");
}

TEST_CASE("a missing or empty catalog folder is an error") {
    TempDir dir;
    CHECK_THROWS_WITH(boards::load_catalog(dir.path()), Catch::Contains("no board file"));
    CHECK_THROWS_WITH(boards::load_catalog(dir.path() / "nowhere"), Catch::Contains("does not exist"));
}

TEST_CASE("a malformed board file is refused naming the file and the field") {
    // A valid board, then one change per case; each case is a catalog of that one file.
    const auto good = nlohmann::json::parse(read_all(catalog_dir() / "nucleo-f401re.json"));
    struct Bad {
        std::string what;
        std::function<void(nlohmann::json&)> change;
        std::string field;
    };
    const std::vector<Bad> cases = {
        {"no core", [](auto& j) { j.erase("core"); }, "core"},
        {"unknown core", [](auto& j) { j["core"] = "cortex-m5"; }, "core"},
        {"short core name", [](auto& j) { j["core"] = "m4"; }, "core"},
        {"id is not the file name", [](auto& j) { j["id"] = "nucleo-f411re"; }, "id"},
        {"upper-case id", [](auto& j) { j["id"] = "NUCLEO-F401RE"; }, "id"},
        {"unknown kind", [](auto& j) { j["kind"] = "devkit"; }, "kind"},
        {"empty name", [](auto& j) { j["name"] = ""; }, "name"},
        {"a typo in a key", [](auto& j) { j["flsh"] = j["flash"]; }, "flsh"},
        {"size as a text", [](auto& j) { j["flash"]["size"] = "512K"; }, "flash.size"},
        {"size zero", [](auto& j) { j["ram"]["size"] = 0; }, "ram.size"},
        {"negative address", [](auto& j) { j["ram"]["address"] = -1; }, "ram.address"},
        {"fractional size", [](auto& j) { j["ram"]["size"] = 1.5; }, "ram.size"},
        {"beyond 4 GiB", [](auto& j) { j["ram"]["address"] = 0xFFFF0000u; }, "ram.size"},
        {"no flash", [](auto& j) { j.erase("flash"); }, "flash"},
        {"fpu key left out", [](auto& j) { j.erase("fpu"); }, "fpu"},
        {"an FPU on a core without one", [](auto& j) { j["core"] = "cortex-m0plus"; }, "fpu"},
        {"an M7's FPU on an M4", [](auto& j) { j["fpu"] = "fpv5-d16"; }, "fpu"},
        {"unknown probe", [](auto& j) { j["debug_probe"] = "ULINK"; }, "debug_probe"},
        {"a board without a probe", [](auto& j) { j["debug_probe"] = nullptr; }, "debug_probe"},
        {"board and interface", [](auto& j) { j["openocd"]["interface"] = "interface/stlink.cfg"; }, "openocd.board"},
        {"absolute config path", [](auto& j) { j["openocd"]["board"] = "/usr/share/openocd/scripts/board/st_nucleo_f4.cfg"; }, "openocd.board"},
        {"config path leaving the folder", [](auto& j) { j["openocd"]["board"] = "../board/st_nucleo_f4.cfg"; }, "openocd.board"},
        {"not a .cfg", [](auto& j) { j["openocd"]["board"] = "board/st_nucleo_f4"; }, "openocd.board"},
        {"interface without target", [](auto& j) { j["openocd"] = {{"interface", "interface/stlink.cfg"}}; }, "openocd.target"},
        {"empty openocd", [](auto& j) { j["openocd"] = nlohmann::json::object(); }, "openocd"},
        {"a QEMU board with a probe", [](auto& j) { j["kind"] = "qemu"; }, "debug_probe"},
        {"no baud", [](auto& j) { j["serial"].erase("baud"); }, "serial.baud"},
        {"negative baud", [](auto& j) { j["serial"]["baud"] = -9600; }, "serial.baud"},
        {"no QEMU machine", [](auto& j) { j["qemu"] = nlohmann::json::object(); }, "qemu.machine"},
        {"clock as text", [](auto& j) { j["clock_hz"] = "84 MHz"; }, "clock_hz"},
        {"not an object", [](auto& j) { j = nlohmann::json::array(); }, "(root)"},
    };
    for (const auto& bad : cases) {
        INFO(bad.what);
        TempDir dir;
        nlohmann::json j = good;
        bad.change(j);
        const auto file = dir.write("nucleo-f401re.json", j.dump(2));
        try {
            boards::load_catalog(dir.path());
            FAIL("accepted");
        } catch (const boards::CatalogError& e) {
            INFO(e.what());
            CHECK(e.file == file.string());
            CHECK(e.field == bad.field);
            CHECK_THAT(e.what(), Catch::Contains(file.string()) && Catch::Contains(bad.field));
        }
    }
}

TEST_CASE("a board file that is not JSON is refused naming the file and the position") {
    TempDir dir;
    dir.write("qemu-m4.json", read_all(catalog_dir() / "qemu-m4.json"));
    const auto file = dir.write("broken.json", "{\n  \"id\": \"broken\",\n  \"name\": \n}\n");
    try {
        boards::load_catalog(dir.path());
        FAIL("accepted");
    } catch (const boards::CatalogError& e) {
        CHECK(e.file == file.string());
        CHECK(e.field == "(json)");
        CHECK_THAT(e.what(), Catch::Contains("broken.json") && Catch::Contains("line 4"));
    }
}

TEST_CASE("default_catalog: the embedded catalog is the source tree's, VIGIL_BOARDS_DIR overrides it") {
    const char* saved = std::getenv("VIGIL_BOARDS_DIR");
    const std::string saved_value = saved ? saved : "";
    ::unsetenv("VIGIL_BOARDS_DIR");
    const auto embedded = boards::default_catalog();
    const auto from_files = boards::load_catalog(catalog_dir());
    REQUIRE(embedded.size() == from_files.size());
    for (size_t i = 0; i < embedded.size(); ++i) CHECK(boards::to_json(embedded[i]) == boards::to_json(from_files[i]));

    TempDir dir;
    std::ofstream(dir.path() / (from_files.front().id + ".json")) << boards::to_json(from_files.front()).dump();
    ::setenv("VIGIL_BOARDS_DIR", dir.path().c_str(), 1);
    CHECK(boards::default_catalog().size() == 1);
    if (saved) ::setenv("VIGIL_BOARDS_DIR", saved_value.c_str(), 1);
    else ::unsetenv("VIGIL_BOARDS_DIR");
}

// The important check: every OpenOCD config a board names exists in the OpenOCD that
// scripts/setup installs (Debian's openocd package), and OpenOCD reads it without a probe.
// Without OpenOCD these tests FAIL (not skip): setup installs it, so its absence is a broken
// machine, not an optional feature.
#include <catch2/catch.hpp>

#include "boards_test_support.hpp"
#include "vigil/engine/boards/catalog.hpp"

using namespace boards_test;
namespace boards = vigil::engine::boards;

namespace {

constexpr const char* kInstall = "OpenOCD is not installed: run scripts/setup (it installs Debian's openocd package)";

// OpenOCD's scripts folder: where Debian's package puts it, or a local build's.
fs::path openocd_scripts() {
    for (const char* dir : {"/usr/share/openocd/scripts", "/usr/local/share/openocd/scripts"})
        if (fs::is_directory(fs::path(dir) / "board")) return dir;
    return {};
}

}  // namespace

TEST_CASE("every OpenOCD config a board names exists in OpenOCD's scripts folder") {
    const fs::path scripts = openocd_scripts();
    if (scripts.empty()) FAIL("no OpenOCD scripts folder (/usr/share/openocd/scripts). " << kInstall);
    size_t checked = 0;
    for (const auto& b : boards::load_catalog(catalog_dir())) {
        if (!b.openocd) continue;
        for (const auto& file : b.openocd->files()) {
            INFO(b.id << ": " << (scripts / file));
            CHECK(fs::is_regular_file(scripts / file));
            ++checked;
        }
    }
    CHECK(checked >= 7);  // one config or more per real board
}

TEST_CASE("OpenOCD reads every board's configuration (no probe needed: it stops before init)") {
    const auto where = run("command -v openocd");
    if (where.exit_code != 0) FAIL("no openocd on PATH. " << kInstall);
    for (const auto& b : boards::load_catalog(catalog_dir())) {
        if (!b.openocd) continue;
        // `-c shutdown` runs right after the config files, before OpenOCD looks for the probe;
        // a missing file or a Tcl error in a config exits 1.
        std::string cmd = "timeout 30 openocd";
        for (const auto& file : b.openocd->files()) cmd += " -f " + quoted(file);
        cmd += " -c shutdown";
        const auto r = run(cmd);
        INFO(b.id << ": " << cmd << "\n" << r.output);
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.output, Catch::Contains("shutdown command invoked"));
    }
}

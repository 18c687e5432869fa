// Shared by the target tests: temporary folders, the source tree, OpenOCD's presence.
#pragma once

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "vigil/engine/packaging/toolchain.hpp"

namespace target_test {

namespace fs = std::filesystem;

inline fs::path source_dir() { return VIGIL_SOURCE_DIR; }

// Without OpenOCD these tests FAIL (not skip): scripts/setup installs Debian's openocd.
inline void require_openocd() {
    if (vigil::engine::packaging::find_in_path("openocd").empty())
        FAIL("openocd is not on PATH: run scripts/setup (it installs Debian's openocd package)");
}

class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "vigil-target-test-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        path_ = tmpl;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    fs::path write(const std::string& name, const std::string& text) const {
        fs::create_directories((path_ / name).parent_path());
        std::ofstream(path_ / name, std::ios::binary) << text;
        return path_ / name;
    }

private:
    fs::path path_;
};

// A catalog folder holding one real board whose OpenOCD "board" config is the dummy adapter:
// OpenOCD starts and answers Tcl RPC, but there is no chip behind it.
inline fs::path dummy_catalog(const TempDir& dir) {
    dir.write("catalog/dummy-board.json", R"({
  "id": "dummy-board",
  "name": "OpenOCD dummy adapter",
  "kind": "board",
  "mcu": "none",
  "core": "cortex-m3",
  "fpu": null,
  "flash": {"address": 0, "size": 4194304},
  "ram": {"address": 536870912, "size": 4194304},
  "clock_hz": 25000000,
  "debug_probe": "CMSIS-DAP",
  "openocd": {"board": "interface/dummy.cfg"},
  "serial": {"baud": 115200, "device": null},
  "qemu": {"machine": "mps2-an385"}
}
)");
    return dir.path() / "catalog";
}

}  // namespace target_test

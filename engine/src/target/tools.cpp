#include "vigil/engine/target/tools.hpp"

#include <cstdlib>

#include "vigil/engine/packaging/toolchain.hpp"

namespace vigil::engine::target {

namespace fs = std::filesystem;
using packaging::ToolchainError;

fs::path find_openocd() {
    fs::path p = packaging::find_in_path("openocd");
    if (p.empty())
        throw ToolchainError("openocd not found in PATH: install OpenOCD 0.12 (the Debian package openocd; "
                             "scripts/setup installs it) to flash and test real boards");
    return p;
}

fs::path find_qemu() {
    fs::path p = packaging::find_in_path("qemu-system-arm");
    if (p.empty())
        throw ToolchainError("qemu-system-arm not found in PATH: install the Debian package qemu-system-arm "
                             "(scripts/setup installs it) to test on the QEMU boards");
    return p;
}

std::optional<fs::path> find_icount_plugin() {
    if (const char* env = std::getenv("VIGIL_QEMU_ICOUNT"); env && *env) {
        if (fs::is_regular_file(env)) return fs::path(env);
        return std::nullopt;
    }
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return std::nullopt;
    const fs::path dir = self.parent_path();
    // Installed: beside vigil. Build tree: <build>/backend/vigil and <build>/probes/libicount.so
    // (tests run from <build>/tests/..., hence the second level).
    for (const fs::path& p : {dir / "libicount.so", dir.parent_path() / "probes" / "libicount.so",
                              dir.parent_path().parent_path() / "probes" / "libicount.so"})
        if (fs::is_regular_file(p, ec)) return p;
    return std::nullopt;
}

}  // namespace vigil::engine::target

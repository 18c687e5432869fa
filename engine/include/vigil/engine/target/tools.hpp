// The host programs the target path drives, looked up in PATH: OpenOCD for real boards,
// qemu-system-arm for QEMU boards, and the optional instruction-counting QEMU plugin. A missing
// program is a packaging::ToolchainError naming the Debian package (the daemon's "tool missing").
#pragma once

#include <filesystem>
#include <optional>

namespace vigil::engine::target {

std::filesystem::path find_openocd();  // throws packaging::ToolchainError
std::filesystem::path find_qemu();     // qemu-system-arm; throws packaging::ToolchainError

// libicount.so (probes/qemu-icount): $VIGIL_QEMU_ICOUNT when set (and it exists), else beside
// the running program (installed) or in the build tree's probes/ folder next to backend/. None
// when it is nowhere: QEMU runs then report no instruction counts.
std::optional<std::filesystem::path> find_icount_plugin();

}  // namespace vigil::engine::target

// `vigil target flash` (and the daemon's coming target/flash) as one engine call: any image
// (.elf, .hex, or .bin at the board's flash address) written to a real board through OpenOCD
// (`program FILE verify reset`), then verified and the target reset to run it. The image is
// read first and refused when it would write outside the board's flash (built for another
// board); OpenOCD gets a private copy of it, so any file name works.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "vigil/engine/target/progress.hpp"
#include "vigil/engine/target/report.hpp"
#include "vigil/engine/util/cancel.hpp"

namespace vigil::engine::target {

struct FlashRequest {
    std::string board;           // catalog id, any case
    std::filesystem::path image;
    std::chrono::milliseconds timeout{180000};  // OpenOCD's whole job
    std::optional<std::filesystem::path> catalog;
    std::filesystem::path scratch_dir;
};

// Throws util::ParameterError ("board": unknown or a QEMU board; "image": unknown type, or
// outside the board's flash), util::LocatedError (an unreadable or malformed image),
// packaging::ToolchainError (no openocd), DeviceError (no probe, wrong target, flash or verify
// failed...), util::Cancelled.
FlashReport flash_image(const FlashRequest& request, const ProgressCallback& progress, util::CancelFlag cancel);

}  // namespace vigil::engine::target

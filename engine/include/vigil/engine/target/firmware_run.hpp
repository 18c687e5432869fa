// Judging one run of the test firmware, wherever it ran (QEMU or a board through OpenOCD): it
// succeeded only with its completion line AND a result.bin of that size and checksum. A fault,
// a hang (host-side timeout) or an early end is a DeviceError that says where the firmware
// stopped and what to do -- a faulting firmware can end "successfully" with no output at all.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "vigil/engine/target/test_protocol.hpp"

namespace vigil::engine::target {

struct FirmwareRunFacts {
    std::string where;               // "on board nucleo-f401re", "under QEMU (mps2-an386, board qemu-m4)"
    std::string firmware_output;     // the firmware's stdout
    std::optional<int> exit_code;    // of QEMU or OpenOCD; none when the host stopped it
    bool timed_out = false;
    std::chrono::milliseconds timeout{0};
    std::string log;                 // QEMU's or OpenOCD's own messages (the tail goes into errors)
};

// Reads `workdir`/result.bin and returns it decoded, or throws DeviceError (fault, timeout,
// no_completion, protocol).
FirmwareResult judge_firmware_run(const FirmwareRunFacts& facts, const std::filesystem::path& workdir,
                                  uint32_t recipe_id, size_t learn, size_t detect);

}  // namespace vigil::engine::target

// What can go wrong between the host and a board (or QEMU standing in for one), as one error
// type the CLI prints and the daemon can map by `kind`. Missing programs are
// packaging::ToolchainError (the daemon's "tool missing"); refused arguments are
// util::ParameterError; unreadable files util::LocatedError. Everything that happens once a
// probe or QEMU is involved is a DeviceError: the message says what happened, where, and
// what to do.
#pragma once

#include <stdexcept>
#include <string>

namespace vigil::engine::target {

enum class DeviceErrorKind {
    no_probe,               // OpenOCD found no debug probe ("Error: open failed")
    probe_access,           // a probe is there but this user may not open it (udev rules)
    target_not_responding,  // the probe answers, the MCU does not (power, jumpers, sleep)
    wrong_target,           // the MCU is not the one the board's OpenOCD config expects
    flash_failed,           // erase or write failed, or the target could not be reset for it
    verify_failed,          // flash contents differ from the image after writing
    openocd_failed,         // OpenOCD stopped for another reason (its log is in the message)
    timeout,                // no completion line within the host's time limit (hung firmware)
    fault,                  // the firmware took a processor fault (its handler reported it)
    no_completion,          // the firmware ended without its completion line
    protocol,               // the firmware's results are malformed (size, checksum, library id)
    emulator_failed,        // QEMU itself failed to start or run
};

const char* to_string(DeviceErrorKind kind);

struct DeviceError : std::runtime_error {
    DeviceError(DeviceErrorKind kind, const std::string& message) : std::runtime_error(message), kind(kind) {}
    DeviceErrorKind kind;
};

}  // namespace vigil::engine::target

// Runs one bare-metal firmware under qemu-system-arm as probes/run-qemu does (-nographic, no
// monitor, no serial, semihosting on the host's files in `workdir`), with a host-side time
// limit, a cancel flag, and optionally the instruction-counting plugin. Reports what happened;
// judging the run (completion line, fault, result file) is the caller's (firmware_run.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "vigil/engine/util/cancel.hpp"

namespace vigil::engine::target {

struct QemuRunRequest {
    std::filesystem::path qemu = "qemu-system-arm";
    std::string machine;             // -M
    std::optional<std::string> cpu;  // -cpu
    std::filesystem::path elf;
    std::filesystem::path workdir;   // QEMU's cwd: semihosting opens job.bin/result.bin here
    std::optional<std::filesystem::path> icount_plugin;
    std::optional<uint32_t> mark_address;  // with the plugin: report counts at this instruction
    std::chrono::milliseconds timeout{60000};
};

struct RunOutcome {
    std::optional<int> exit_code;  // none when the host killed it (timeout)
    bool timed_out = false;
    std::string out;  // the firmware's stdout (semihosting)
    std::string err;  // QEMU's and the plugin's messages
    double seconds = 0;
    std::vector<std::string> command;
};

// The command line run_qemu uses (for messages and docs).
std::vector<std::string> qemu_command(const QemuRunRequest& request);

// Throws packaging::ToolchainError (QEMU cannot start), util::Cancelled.
RunOutcome run_qemu(const QemuRunRequest& request, const std::function<void()>& tick, util::CancelFlag cancel);

}  // namespace vigil::engine::target

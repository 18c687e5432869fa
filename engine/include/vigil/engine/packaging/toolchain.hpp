// The arm-none-eabi toolchain `vigil compile` drives, and the small process runner it uses
// (no shell: arguments are passed as they are, so paths with spaces or quotes are safe).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "vigil/engine/util/cancel.hpp"

namespace vigil::engine::packaging {

// The toolchain is missing or broken. The message names the Debian packages to install.
struct ToolchainError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct CommandResult {
    int exit_code = -1;  // the process's status; 128 + N when killed by signal N
    std::string out;     // stdout
    std::string err;     // stderr
};

// Runs argv[0] (searched in PATH) with `argv` in `cwd`; waits for it. Throws ToolchainError if
// it cannot be started at all.
CommandResult run_command(const std::vector<std::string>& argv, const std::filesystem::path& cwd);

// Runs several commands, at most `parallel` at a time; returns results in the same order.
// With a cancel flag, it is checked before each group of commands (util::Cancelled).
std::vector<CommandResult> run_commands(const std::vector<std::vector<std::string>>& commands,
                                        const std::filesystem::path& cwd, unsigned parallel,
                                        util::CancelFlag cancel = nullptr);

// First match of `name` in PATH, if any.
std::filesystem::path find_in_path(const std::string& name);

struct Toolchain {
    std::filesystem::path gcc, ar, size, readelf, objdump, objcopy;
    std::string version;       // `gcc -dumpfullversion`, e.g. "12.2.1"
    std::string version_line;  // first line of `gcc --version`
};

// Looks up arm-none-eabi-{gcc,ar,size,readelf,objdump,objcopy} in PATH. Throws ToolchainError naming the
// Debian packages (gcc-arm-none-eabi, binutils-arm-none-eabi, libnewlib-arm-none-eabi).
Toolchain find_toolchain();

}  // namespace vigil::engine::packaging

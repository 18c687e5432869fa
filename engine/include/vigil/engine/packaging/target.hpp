// What `vigil compile` can build for: a Cortex-M core and a float ABI, with the compiler flags
// of probes/target/cores.cmake (generated into the engine at build time: one table, never
// copied). Hard float only where the core has an FPU (M4 fpv4-sp-d16, M7 fpv5-d16,
// M33 fpv5-sp-d16).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::engine::packaging {

// A refused core or ABI; `parameter` is "core" or "float_abi" and the message lists the
// accepted values.
struct TargetError : std::invalid_argument {
    TargetError(std::string parameter, const std::string& message)
        : std::invalid_argument(message), parameter(std::move(parameter)) {}
    std::string parameter;
};

struct Target {
    std::string core;       // "cortex-m4"
    std::string float_abi;  // "hard" or "soft"
    std::string fpu;        // "fpv4-sp-d16"; empty for soft float
    std::string machine;    // QEMU machine of probes/run-qemu for this core
    std::string linker_script;           // probes/ld/<name> for that machine
    std::vector<std::string> cpu_flags;  // -mthumb -mcpu=... -mfloat-abi=... [-mfpu=...]
};

// "cortex-m4" or the short forms the project settings accept ("m4", "M4"). Without an ABI the
// core's best one: hard with an FPU, soft otherwise. Throws TargetError.
Target resolve_target(std::string_view core, std::optional<std::string_view> float_abi = std::nullopt);

std::vector<std::string> accepted_cores();                           // in table order
std::vector<std::string> accepted_float_abis(std::string_view core);  // {"soft", "hard"} or {"soft"}

// Everything the library's sources are compiled with: the core's flags, the runtime's own
// (VIGIL_RUNTIME_C_FLAGS), then -Os -ffunction-sections -fdata-sections.
std::vector<std::string> compile_flags(const Target& target);

}  // namespace vigil::engine::packaging

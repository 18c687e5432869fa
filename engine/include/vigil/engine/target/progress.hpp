// Progress of a target test or flash, for the CLI's lines and the daemon's $/progress.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace vigil::engine::target {

struct Progress {
    std::string stage;    // "library", "build", "connect", "flash", "run", "compare"
    std::string message;  // one line for a human: "flashing vigil_target_test.elf (verify)"
    std::optional<double> fraction;  // 0..1 of the whole job's calls, during "run"
};

using ProgressCallback = std::function<void(const Progress&)>;

}  // namespace vigil::engine::target

// The command line of vigil-emulator (kept apart from main so its errors are easy to test by
// running the program).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace vigil::emulator {

struct EmulatorArgs {
    std::string library_dir;           // folder holding recipe.bin; empty: next to the program
    std::vector<std::string> learn;    // signal files, learned in order
    std::vector<std::string> detect;   // signal files, every signal detected
    std::optional<float> sensitivity;  // vigil_set_sensitivity before detecting
    bool json = false;
    bool help = false;
};

struct ArgsError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

EmulatorArgs parse_emulator_args(const std::vector<std::string>& argv);
extern const char* const kEmulatorUsage;

}  // namespace vigil::emulator

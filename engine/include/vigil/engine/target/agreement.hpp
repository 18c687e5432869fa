// Board (or QEMU) against emulator: the same signals through the emulator's code
// (emulation::EmulatorSession, what `vigil emulate` runs) and every call's result compared --
// init status, each learn status, each detect status, rounded similarity and the exact
// similarity's float bits. No tolerance: the runtime is bit-exact by design (docs/targets.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vigil/engine/emulation/emulator_session.hpp"
#include "vigil/engine/target/test_protocol.hpp"
#include "vigil_recipe.h"

namespace vigil::engine::target {

// Where a signal came from, for the report and the first difference.
struct SignalSource {
    std::string file;
    uint64_t line = 0;
};

struct TestSignals {
    uint32_t floats = 0;  // axes x length
    std::vector<float> learn, detect;  // whole signals back to back
    std::vector<SignalSource> learn_sources, detect_sources;
    size_t learn_count() const { return learn_sources.size(); }
    size_t detect_count() const { return detect_sources.size(); }
};

// Loads the files for this recipe (emulation::load_signals: util::LocatedError for a bad file).
TestSignals load_test_signals(const std::vector<std::string>& learn_files, const std::vector<std::string>& detect_files,
                              const vigil_recipe& recipe);

struct EmulatorRun {
    vigil_status init = VIGIL_OK;
    std::vector<vigil_status> learn;
    std::vector<emulation::SignalDetection> detect;
};

// The emulator on the signals: init, every learn, every detect, each call's result kept.
EmulatorRun emulate(const vigil_recipe& recipe, const TestSignals& signals);

struct Difference {
    std::string call;  // "init", "learn" or "detect"
    size_t index = 0;  // 0-based among that kind of call
    SignalSource source;
    std::string field;     // "status", "similarity", "similarity status", "exact similarity"
    std::string board;     // the values as text (statuses by name, floats with their bits)
    std::string emulator;
};

struct Agreement {
    size_t matching = 0;
    size_t total = 0;  // calls compared: init + learn + detect
    std::optional<Difference> first_difference;
    std::vector<bool> learn_match, detect_match;
    bool init_match = false;
    bool all() const { return matching == total; }
};

Agreement compare(const FirmwareResult& board, const EmulatorRun& emulator, const TestSignals& signals);

}  // namespace vigil::engine::target

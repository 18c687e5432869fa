// A library on the host: the runtime's reentrant core (the code the device runs) behind the
// calls a user tries in the emulator: init, set_sensitivity, learn, detect, knowledge save and
// load. `vigil emulate` and the daemon's emulator/* methods are both thin adapters over it, so
// they give the same similarities as the benchmark and the device.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "vigil/engine/dataset/dataset.hpp"
#include "vigil_core.h"
#include "vigil_recipe.h"

namespace vigil::engine::emulation {

struct Detection {
    uint64_t line = 0;       // the file's line (or 1-based index of a pasted signal)
    uint8_t similarity = 0;  // 0..100 as vigil_detect returns it
    float exact = 0;         // the unrounded similarity
    bool anomaly = false;    // similarity < 90
};

std::string status_text(vigil_status status);

// One detect call as the device makes it: vigil_detect's status and rounded similarity, then
// (when that was OK) vigil_model_similarity's status and exact value.
struct SignalDetection {
    vigil_status status = VIGIL_OK;
    uint8_t similarity = 0;
    vigil_status exact_status = VIGIL_OK;
    float exact = 0;
};

// Signals of a file for this recipe: the loader only (a handful of signals is fine to emulate),
// but a malformed file or one of another length is refused with a LocatedError.
dataset::Dataset load_signals(const std::string& path, const vigil_recipe& recipe);
// Signals given as numbers (one row per signal, axes interleaved); ParameterError("signals")
// when a row has the wrong size.
dataset::Dataset signals_from_rows(const std::vector<std::vector<double>>& rows, const vigil_recipe& recipe);

class EmulatorSession {
public:
    // Throws std::invalid_argument when the runtime refuses the recipe.
    explicit EmulatorSession(const vigil_recipe& recipe);

    const vigil_recipe& recipe() const { return recipe_; }
    // Forgets all knowledge (vigil_init); the sensitivity goes back to 1.
    void init();
    void set_sensitivity(double sensitivity);  // ParameterError("sensitivity") when refused
    double sensitivity() const;
    uint32_t learn_count() const;

    // One call each, whatever the status (the target test compares statuses too): the very
    // calls learn() and detect() below make.
    vigil_status learn_signal(const float* signal);
    SignalDetection detect_signal(const float* signal);

    // Learns every signal in order; `source` names the file in errors. Returns the signals learned.
    size_t learn(const dataset::Dataset& signals, const std::string& source);
    // Detects every signal. Throws std::runtime_error when too few learn calls were made.
    std::vector<Detection> detect(const dataset::Dataset& signals, const std::string& source);

    std::string save_knowledge() const;
    // std::runtime_error naming `source` when the blob is not knowledge of this library.
    void load_knowledge(const std::string& blob, const std::string& source);

private:
    vigil_recipe recipe_;
    std::vector<uint64_t> state_;  // 8-byte aligned, as the core requires
};

}  // namespace vigil::engine::emulation

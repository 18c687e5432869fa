// The candidate space: the runtime's preprocessing pipelines x model families x
// hyperparameters, for one signal shape, in a deterministic order.
//
// Candidates are grouped by *preprocessing*: the stateless recipe fields (detrend, per-signal
// scaling, decimation, window, feature blocks, bands, log) that decide the feature vector
// vigil_features_extract returns. Features are computed once per (group, signal) and shared by
// every candidate of the group; the learned parts (learned scaling, standardisation) and the
// model live in each candidate's state. Candidates of one group are contiguous.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vigil/engine/selection/footprint.hpp"
#include "vigil/engine/selection/signal_kind.hpp"
#include "vigil_recipe.h"

namespace vigil::engine::selection {

struct SpaceOptions {
    uint16_t axes = 3;
    uint16_t length = 256;
    std::optional<double> sampling_rate_hz;  // when known with min_bandwidth_hz: limits decimation
    double min_bandwidth_hz = 0.0;           // keep decimation d only if rate / (2 d) >= this
    size_t max_ram_bytes = 64 * 1024;        // candidates whose RAM (state + stack) exceeds this are dropped
    std::optional<size_t> max_flash_bytes;   // and, when set, those whose flash exceeds this
    Core core = Core::m4;                    // for the flash, stack and instruction figures
    uint16_t min_learn = 16;                 // every candidate's min_learn (learning curve refines it)
    uint32_t seed = 1;                       // recipe seed of randomised families
    SignalKind kind = SignalKind::generic;   // narrows and orders the preprocessing paths
};

struct Candidate {
    vigil_recipe recipe{};
    std::string key;     // recipe_key(recipe)
    uint32_t group = 0;  // index into CandidateSpace::groups
    Footprint footprint;
};

struct PreprocessingGroup {
    // A valid recipe carrying this group's preprocessing (its model and learned fields are
    // those of the group's first candidate): pass it to vigil_features_extract.
    vigil_recipe features_recipe{};
    uint64_t key = 0;             // preprocessing_key(features_recipe)
    uint16_t feature_count = 0;
    uint32_t first_candidate = 0; // candidates [first_candidate, first_candidate + candidates)
    uint32_t candidates = 0;
};

struct CandidateSpace {
    SpaceOptions options;
    std::vector<PreprocessingGroup> groups;
    std::vector<Candidate> candidates;
    size_t generated = 0;          // valid recipes produced before the RAM filter
    size_t filtered_by_ram = 0;    // of those, dropped because ram_bytes > max_ram_bytes
    size_t filtered_by_flash = 0;  // of the rest, dropped because flash_bytes > max_flash_bytes
};

// Throws std::invalid_argument (naming the option) for an unusable shape or limit.
CandidateSpace build_candidate_space(const SpaceOptions& options);

// Identity of a recipe's stateless preprocessing (axes, length and the fields above; not the
// model, seed, min_learn, standardisation or learned scaling). Equal keys <=> equal features.
uint64_t preprocessing_key(const vigil_recipe& recipe);

}  // namespace vigil::engine::selection

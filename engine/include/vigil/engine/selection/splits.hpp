// Repeated learn/detect splits of the regular signals, seeded and deterministic.
//
// Split s of a group: the group's usable regular rows are permuted (Fisher-Yates on our own
// SplitMix64 stream, seeded from (seed, group, s) so the result never depends on the standard
// library), the first round(fraction x n) (at least 1, at most n - 1) become the learn part and
// are sorted back into file order (the device learns the signals as they come), the rest are
// detected. Abnormal rows are all detected.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace vigil::engine::selection {

struct Split {
    std::vector<uint32_t> learn;   // ascending (file order)
    std::vector<uint32_t> detect;  // ascending
};

// `rows` must have at least 2 entries; throws std::invalid_argument otherwise or for a fraction
// outside (0, 1).
Split make_split(std::span<const uint32_t> rows, double learn_fraction, uint64_t seed,
                 uint32_t group, uint32_t split);

// The deterministic random stream used for splits and the held-out partition.
struct SplitMix64 {
    uint64_t state;
    uint64_t next();
    uint64_t below(uint64_t n);  // uniform in [0, n), n > 0
};
uint64_t mix_seed(uint64_t seed, uint64_t a, uint64_t b);

}  // namespace vigil::engine::selection

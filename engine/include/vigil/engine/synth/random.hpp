// The synthetic generator's own random numbers. Why not <random>'s distributions: their
// output (std::normal_distribution in particular) differs between standard libraries, and the
// generator promises byte-identical files for a seed on every platform we build on.
#pragma once

#include <cstdint>

namespace vigil::engine::synth {

// splitmix64 (Steele, Lea, Flood 2014): turns any 64-bit value into a well-mixed one. Used to
// seed xoshiro and to derive independent streams from (seed, purpose, index).
uint64_t splitmix64(uint64_t& state);

// One well-mixed 64-bit value from several words: the seed of an independent stream.
uint64_t stream_seed(uint64_t seed, uint64_t purpose, uint64_t index);

// xoshiro256** 1.0 (Blackman & Vigna 2018): small state, fast, passes BigCrush.
class Rng {
public:
    explicit Rng(uint64_t seed);

    uint64_t next();
    // Uniform in [0, 1) with 53 random bits.
    double uniform();
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // Standard normal by the Box-Muller transform (both values of a pair are used).
    double gaussian();

private:
    uint64_t s_[4];
    double spare_ = 0.0;
    bool has_spare_ = false;
};

}  // namespace vigil::engine::synth

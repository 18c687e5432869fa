// Shared helpers for the runtime core tests: a typical recipe, a small deterministic PRNG and a
// synthetic "machine" (sines + noise per axis) whose regime can be shifted.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "vigil_core.h"

namespace rt {

// The design target: 3 axes x 256 samples, 8 log bands, Hann, log, standardised, Gaussian.
// constexpr, so a test can bake it as a library's const recipe (test_facade.cpp).
constexpr vigil_recipe bands_recipe() {
    vigil_recipe r{};
    r.version = VIGIL_RECIPE_VERSION;
    r.axes = 3;
    r.length = 256;
    r.min_learn = 20;
    r.seed = 1;
    r.detrend = VIGIL_DETREND_MEAN;
    r.scaling = VIGIL_SCALING_NONE;
    r.decimation = 1;
    r.window = VIGIL_WINDOW_HANN;
    r.features = VIGIL_FEAT_BANDS_LOG;
    r.log_magnitude = 1;
    r.bands = 8;
    r.standardize = 1;
    r.model.family = VIGIL_FAMILY_GAUSSIAN;
    r.model.f[0] = 0.01f;
    return r;
}

// xorshift32 with uniform and approximately normal (sum of 4 uniforms) draws.
struct Rng {
    uint32_t s;
    explicit Rng(uint32_t seed) : s(seed ? seed : 1u) {}
    uint32_t bits() {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        return s;
    }
    float uniform() { return static_cast<float>(bits() >> 8) / 16777216.0f; }
    float normal() { return (uniform() + uniform() + uniform() + uniform() - 2.0f) * 1.7320508f; }
};

// One signal of a machine: per axis a sine of `cycles[a]` cycles per window, amplitude
// `amplitude` (+-5 %), random phase, plus white noise of std `noise`.
struct Regime {
    float cycles[3] = {8.0f, 13.0f, 21.0f};
    float amplitude = 1.0f;
    float noise = 0.1f;
};

inline std::vector<float> signal(const Regime &m, Rng &rng, uint16_t axes = 3, uint16_t length = 256) {
    std::vector<float> s(static_cast<size_t>(axes) * length);
    for (uint16_t a = 0; a < axes; ++a) {
        const float phase = 6.2831853f * rng.uniform();
        const float amp = m.amplitude * (0.95f + 0.1f * rng.uniform());
        const float cyc = m.cycles[a % 3];
        for (uint16_t i = 0; i < length; ++i)
            s[static_cast<size_t>(i) * axes + a] =
                amp * std::sin(6.2831853f * cyc * static_cast<float>(i) / length + phase) +
                m.noise * rng.normal();
    }
    return s;
}

// An 8-byte aligned state block with `extra` canary bytes after it.
struct StateBlock {
    size_t size;
    size_t extra;
    std::unique_ptr<uint64_t[]> words;
    StateBlock(size_t bytes, size_t canary = 64) : size(bytes), extra(canary),
        words(new uint64_t[(bytes + canary + 7) / 8]) {
        std::memset(words.get(), 0xA5, (bytes + canary + 7) / 8 * 8);
    }
    void *data() { return words.get(); }
    uint8_t *bytes() { return reinterpret_cast<uint8_t *>(words.get()); }
    std::vector<uint8_t> snapshot() { return {bytes(), bytes() + size + extra}; }
    bool canary_intact() {
        for (size_t i = size; i < size + extra; ++i)
            if (bytes()[i] != 0xA5) return false;
        return true;
    }
};

} // namespace rt

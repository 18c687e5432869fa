// The fast paths of the spectral pipeline give exactly the bits of the step-by-step path:
// the fused gather + centre + Hann pass that stores in the FFT's bit-reversed input order, the
// real FFT on pre-permuted input, the inline band power, and the whole feature extraction of
// the design-target recipe recomputed step by step. Host and target bit-exactness rests on
// these paths being the documented formulas, so any difference here is a bug, not noise.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "runtime_test_support.hpp"

extern "C" {
#include "preprocess.h"
}

namespace {

uint32_t bits_of(float v) {
    uint32_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

uint32_t reverse_bits(uint32_t v, uint32_t points) {
    uint32_t r = 0;
    for (uint32_t bit = 1; bit < points; bit <<= 1) r = (r << 1) | ((v & bit) ? 1u : 0u);
    return r;
}

// Interleaved signal of `axes` axes: noise around an offset that differs per axis.
std::vector<float> interleaved(uint32_t axes, uint32_t n, uint32_t seed) {
    rt::Rng rng(seed);
    std::vector<float> s(axes * n);
    for (uint32_t i = 0; i < n; ++i)
        for (uint32_t a = 0; a < axes; ++a) s[i * axes + a] = 0.5f * static_cast<float>(a) + rng.normal();
    return s;
}

} // namespace

TEST_CASE("the strided mean is the mean removed by vigil_remove_mean", "[detrend]") {
    const uint32_t axes = 3, n = 257;
    const auto s = interleaved(axes, n, 5);
    for (uint32_t a = 0; a < axes; ++a) {
        std::vector<float> x(n), y(n);
        for (uint32_t i = 0; i < n; ++i) x[i] = y[i] = s[i * axes + a];
        const float mean = vigil_strided_mean(s.data() + a, axes, n);
        vigil_remove_mean(x.data(), n);
        for (uint32_t i = 0; i < n; ++i) CHECK(bits_of(x[i]) == bits_of(y[i] - mean));
    }
    const float one = 7.5f;
    CHECK(vigil_strided_mean(&one, 4, 1) == 7.5f);
}

TEST_CASE("the fused Hann load is a bit-exact permutation of centre-then-window", "[window]") {
    for (uint32_t n : {8u, 16u, 32u, 64u, 256u, 1024u, 4096u}) {
        for (uint32_t axes : {1u, 3u}) {
            const auto s = interleaved(axes, n, n + axes);
            const uint32_t axis = axes - 1;
            const float offset = 0.375f;
            std::vector<float> want(n), got(n, -1.0f);
            for (uint32_t i = 0; i < n; ++i) want[i] = s[i * axes + axis] - offset;
            vigil_hann_apply(want.data(), n);
            vigil_hann_load_bitreversed(s.data() + axis, axes, offset, n, got.data());
            uint32_t mismatches = 0;
            for (uint32_t c = 0; c < n / 2; ++c) {
                const uint32_t r = reverse_bits(c, n / 2);
                mismatches += bits_of(got[2 * r]) != bits_of(want[2 * c]);
                mismatches += bits_of(got[2 * r + 1]) != bits_of(want[2 * c + 1]);
            }
            INFO("n = " << n << ", axes = " << axes);
            CHECK(mismatches == 0);
        }
    }
}

TEST_CASE("the Hann window's four-fold symmetry holds for every residue of n mod 4", "[window]") {
    for (uint32_t n : {4u, 5u, 6u, 7u, 12u, 13u, 14u, 15u, 250u, 251u, 252u}) {
        std::vector<float> x(n, 1.0f);
        vigil_hann_apply(x.data(), n);
        double worst = 0;
        for (uint32_t i = 0; i < n; ++i)
            worst = std::max(worst, std::fabs(x[i] - (0.5 - 0.5 * std::cos(2.0 * 3.14159265358979323846 * i / n))));
        INFO("n = " << n);
        CHECK(worst < 4e-7); // a few ulps of values near 1 (rotor re-seeded every 16 steps)
        for (uint32_t i = 1; i < n; ++i) CHECK(bits_of(x[i]) == bits_of(x[n - i])); // w[i] = w[n - i]
    }
}

TEST_CASE("the real FFT on bit-reversed input equals the real FFT", "[fft]") {
    for (uint32_t n : {4u, 8u, 16u, 32u, 256u, 2048u}) {
        rt::Rng rng(n);
        std::vector<float> x(n), permuted(n);
        for (float &v : x) v = rng.normal();
        for (uint32_t c = 0; c < n / 2; ++c) {
            const uint32_t r = reverse_bits(c, n / 2);
            permuted[2 * r] = x[2 * c];
            permuted[2 * r + 1] = x[2 * c + 1];
        }
        vigil_rfft(x.data(), n);
        vigil_rfft_bitreversed(permuted.data(), n);
        uint32_t mismatches = 0;
        for (uint32_t i = 0; i < n; ++i) mismatches += bits_of(x[i]) != bits_of(permuted[i]);
        INFO("n = " << n);
        CHECK(mismatches == 0);
    }
}

TEST_CASE("band energies count the Nyquist bin in the last band, exactly as vigil_bin_power", "[bands]") {
    const uint32_t n = 32;
    rt::Rng rng(3);
    std::vector<float> packed(n);
    for (float &v : packed) v = rng.normal();
    uint16_t edges[4];
    vigil_band_edges_linear(n, 3, edges);
    REQUIRE(edges[3] == n / 2 + 1);
    float out[3];
    vigil_band_energies(packed.data(), n, edges, 3, out);
    for (uint32_t b = 0; b < 3; ++b) {
        float acc = 0.0f;
        for (uint32_t k = edges[b]; k < edges[b + 1]; ++k) acc += vigil_bin_power(packed.data(), n, k);
        CHECK(bits_of(out[b]) == bits_of(acc * (2.0f / (static_cast<float>(n) * static_cast<float>(n)))));
    }
}

TEST_CASE("the fused feature pipeline equals the steps one by one, bit for bit", "[features]") {
    // length 256: the Hann pass stores in the FFT's permuted order; 200: it does not (zero-padded
    // to 256), the other fused branch
    for (uint32_t length : {256u, 200u})
    for (int detrend : {VIGIL_DETREND_NONE, VIGIL_DETREND_MEAN}) {
        vigil_recipe r = rt::bands_recipe();
        r.detrend = static_cast<uint8_t>(detrend);
        r.features = VIGIL_FEAT_BANDS_LOG | VIGIL_FEAT_BANDS_LINEAR;
        r.length = static_cast<uint16_t>(length);
        const uint32_t axes = r.axes, m = length, n = vigil_next_pow2(m), bands = r.bands;
        const auto s = interleaved(axes, m, 11);
        std::vector<float> features(vigil_recipe_feature_count(&r));
        std::vector<uint64_t> scratch(vigil_features_scratch_size(&r) / 8);
        REQUIRE(vigil_features_extract(&r, s.data(), features.data(), scratch.data(), scratch.size() * 8) == VIGIL_OK);

        uint16_t lin[VIGIL_MAX_BANDS + 1], log_edges[VIGIL_MAX_BANDS + 1];
        vigil_band_edges_linear(n, bands, lin);
        vigil_band_edges_log(n, bands, log_edges);
        std::vector<float> want;
        for (uint32_t a = 0; a < axes; ++a) {
            std::vector<float> x(n, 0.0f);
            vigil_decimate_axis(s.data(), axes, m, a, 1, x.data());
            if (detrend == VIGIL_DETREND_MEAN) vigil_remove_mean(x.data(), m);
            vigil_hann_apply(x.data(), m);
            vigil_rfft(x.data(), n);
            std::vector<float> e(bands);
            vigil_band_energies(x.data(), n, lin, bands, e.data());
            vigil_log1p_inplace(e.data(), bands);
            want.insert(want.end(), e.begin(), e.end());
            vigil_band_energies(x.data(), n, log_edges, bands, e.data());
            vigil_log1p_inplace(e.data(), bands);
            want.insert(want.end(), e.begin(), e.end());
        }
        REQUIRE(want.size() == features.size());
        uint32_t mismatches = 0;
        for (size_t i = 0; i < want.size(); ++i) mismatches += bits_of(want[i]) != bits_of(features[i]);
        INFO("length = " << length << ", detrend = " << detrend);
        CHECK(mismatches == 0);
    }
}

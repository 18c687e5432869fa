// The fast paths of the spectral pipeline against the step-by-step path: the fused load
// (gather + centre + Hann from the twiddle table + the FFT's bit-reversed order + its first
// stage), the split that keeps only powers, the band sums over those powers, and the whole
// feature extraction. Where a fast path is the same arithmetic as the steps it replaces it must
// give the same bits (host and target bit-exactness rests on the paths being the documented
// formulas); the one that is not (mean removal finished in the frequency domain) is held to a
// double-precision reference.
#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <vector>

#include "runtime_test_support.hpp"

extern "C" {
#include "hann_load.h"
#include "preprocess.h"
#include "vigil_math.h"
}

namespace {

uint32_t bits_of(float v) {
    uint32_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

// Interleaved signal of `axes` axes: noise around an offset that differs per axis.
std::vector<float> interleaved(uint32_t axes, uint32_t n, uint32_t seed, float offset = 0.5f) {
    rt::Rng rng(seed);
    std::vector<float> s(axes * n);
    for (uint32_t i = 0; i < n; ++i)
        for (uint32_t a = 0; a < axes; ++a) s[i * axes + a] = offset * static_cast<float>(a) + rng.normal();
    return s;
}

std::vector<float> twiddles(uint32_t n) {
    std::vector<float> tw(n / 4 + 1);
    vigil_twiddles(n, tw.data());
    return tw;
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

TEST_CASE("the twiddle table is cos(2 pi k / n) to an ulp", "[fft]") {
    for (uint32_t n : {8u, 64u, 256u, 4096u}) {
        const auto tw = twiddles(n);
        double worst = 0;
        for (uint32_t k = 0; k <= n / 4; ++k)
            worst = std::max(worst, std::fabs(tw[k] - std::cos(2.0 * 3.14159265358979323846 * k / n)));
        INFO("n = " << n);
        CHECK(worst < 1.2e-7);
        CHECK(tw[0] == 1.0f);
    }
}

TEST_CASE("the fused load is centre, Hann from the table, bit reversal and the FFT's first stage, bit for bit",
          "[window]") {
    for (uint32_t n : {8u, 16u, 32u, 64u, 256u, 1024u, 4096u})
    for (uint32_t axes : {1u, 3u})
    for (int hann : {0, 1}) {
        const auto s = interleaved(axes, n, n + axes);
        const auto tw = twiddles(n);
        const uint32_t axis = axes - 1;
        const float offset = 0.375f;
        std::vector<float> want(n), got(n, -1.0f);
        double sum = 0;
        for (uint32_t i = 0; i < n; ++i) {
            want[i] = s[i * axes + axis] - offset;
            sum += want[i];
        }
        if (hann) vigil_hann_apply_table(want.data(), n, tw.data());
        vigil_bit_reverse(want.data(), n / 2);
        vigil_fft_stage_1(want.data(), n / 2);
        const float got_sum = vigil_hann_stage1_load(s.data() + axis, axes, offset, n, tw.data(), hann, got.data());
        uint32_t mismatches = 0;
        for (uint32_t i = 0; i < n; ++i) mismatches += bits_of(got[i]) != bits_of(want[i]);
        INFO("n = " << n << ", axes = " << axes << ", hann = " << hann);
        CHECK(mismatches == 0);
        CHECK(std::fabs(got_sum - sum) < 1e-5 * (1.0 + std::fabs(sum)) * n);
    }
}

TEST_CASE("the Hann window from the table is the rotor's window to a few ulps, and symmetric", "[window]") {
    for (uint32_t n : {8u, 16u, 256u, 1024u}) {
        const auto tw = twiddles(n);
        std::vector<float> x(n, 1.0f), y(n, 1.0f);
        vigil_hann_apply_table(x.data(), n, tw.data());
        vigil_hann_apply(y.data(), n);
        double worst = 0;
        for (uint32_t i = 0; i < n; ++i) {
            worst = std::max(worst, std::fabs(x[i] - (0.5 - 0.5 * std::cos(2.0 * 3.14159265358979323846 * i / n))));
            CHECK(std::fabs(x[i] - y[i]) < 4e-7);
        }
        INFO("n = " << n);
        CHECK(worst < 1.2e-7);
        for (uint32_t i = 1; i < n; ++i) CHECK(bits_of(x[i]) == bits_of(x[n - i])); // w[i] = w[n - i]
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

TEST_CASE("the power split gives exactly 4 |X[k]|^2 of the packed split", "[fft]") {
    for (uint32_t n : {8u, 16u, 32u, 256u, 2048u}) {
        rt::Rng rng(n);
        const auto tw = twiddles(n);
        std::vector<float> x(n);
        for (float &v : x) v = rng.normal();
        vigil_bit_reverse(x.data(), n / 2);
        vigil_fft_stages(x.data(), n / 2, tw.data(), 0);
        std::vector<float> packed = x, powers = x;
        vigil_rfft_split(packed.data(), n, tw.data());
        vigil_rfft_split_power(powers.data(), n, tw.data(), 0.0f);
        uint32_t mismatches = 0;
        for (uint32_t k = 1; k < n / 2; ++k)
            mismatches += bits_of(powers[2 * k]) != bits_of(4.0f * (packed[2 * k] * packed[2 * k] +
                                                                     packed[2 * k + 1] * packed[2 * k + 1]));
        mismatches += bits_of(powers[1]) != bits_of((2.0f * packed[1]) * (2.0f * packed[1]));
        INFO("n = " << n);
        CHECK(mismatches == 0);
    }
}

TEST_CASE("band sums over powers are the band energies of the packed spectrum, bit for bit", "[bands]") {
    for (uint32_t n : {8u, 32u, 256u}) {
        rt::Rng rng(3 + n);
        const auto tw = twiddles(n);
        std::vector<float> x(n);
        for (float &v : x) v = rng.normal();
        vigil_bit_reverse(x.data(), n / 2);
        vigil_fft_stages(x.data(), n / 2, tw.data(), 0);
        std::vector<float> packed = x, powers = x;
        vigil_rfft_split(packed.data(), n, tw.data());
        vigil_rfft_split_power(powers.data(), n, tw.data(), 0.0f);
        for (uint32_t bands : {1u, 3u, 4u}) {
            uint16_t lin[VIGIL_MAX_BANDS + 1], lg[VIGIL_MAX_BANDS + 1];
            vigil_band_edges_linear(n, bands, lin);
            vigil_band_edges_log(n, bands, lg);
            for (const uint16_t *edges : {lin, lg}) {
                std::vector<float> want(bands), got(bands);
                vigil_band_energies(packed.data(), n, edges, bands, want.data());
                vigil_band_powers(powers.data(), n, edges, bands, got.data());
                for (uint32_t b = 0; b < bands; ++b) CHECK(bits_of(got[b]) == bits_of(want[b]));
            }
        }
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

namespace {

// The band features of one recipe computed step by step with the runtime's own steps (Hann from
// the table for a power-of-two length, the rotor otherwise; mean removed in the time domain).
std::vector<float> steps(const vigil_recipe &r, const std::vector<float> &s) {
    const uint32_t axes = r.axes, m = r.length, n = vigil_next_pow2(m), bands = r.bands;
    const auto tw = twiddles(n);
    uint16_t lin[VIGIL_MAX_BANDS + 1], log_edges[VIGIL_MAX_BANDS + 1];
    vigil_band_edges_linear(n, bands, lin);
    vigil_band_edges_log(n, bands, log_edges);
    std::vector<float> want;
    for (uint32_t a = 0; a < axes; ++a) {
        std::vector<float> x(n, 0.0f);
        vigil_decimate_axis(s.data(), axes, m, a, 1, x.data());
        if (r.detrend == VIGIL_DETREND_MEAN) vigil_remove_mean(x.data(), m);
        if (r.window == VIGIL_WINDOW_HANN && m == n) vigil_hann_apply_table(x.data(), n, tw.data());
        if (r.window == VIGIL_WINDOW_HANN && m != n) vigil_hann_apply(x.data(), m);
        vigil_rfft(x.data(), n);
        for (const uint16_t *edges : {lin, log_edges}) {
            std::vector<float> e(bands);
            vigil_band_energies(x.data(), n, edges, bands, e.data());
            for (float &v : e) v = vigil_log1pf(v);
            want.insert(want.end(), e.begin(), e.end());
        }
    }
    return want;
}

// The same features in double precision (exact DFT of the mean-removed, windowed axis).
std::vector<double> reference(const vigil_recipe &r, const std::vector<float> &s) {
    const uint32_t axes = r.axes, m = r.length, n = vigil_next_pow2(m), bands = r.bands;
    const double pi = 3.14159265358979323846;
    uint16_t lin[VIGIL_MAX_BANDS + 1], log_edges[VIGIL_MAX_BANDS + 1];
    vigil_band_edges_linear(n, bands, lin);
    vigil_band_edges_log(n, bands, log_edges);
    std::vector<double> out;
    for (uint32_t a = 0; a < axes; ++a) {
        std::vector<double> x(n, 0.0);
        double mean = 0;
        for (uint32_t i = 0; i < m; ++i) mean += s[i * axes + a];
        mean /= m;
        for (uint32_t i = 0; i < m; ++i)
            x[i] = (s[i * axes + a] - mean) * (r.window == VIGIL_WINDOW_HANN ? 0.5 - 0.5 * std::cos(2 * pi * i / m) : 1.0);
        std::vector<double> power(n / 2 + 1);
        for (uint32_t k = 0; k <= n / 2; ++k) {
            std::complex<double> acc = 0;
            for (uint32_t i = 0; i < n; ++i) acc += x[i] * std::polar(1.0, -2 * pi * double(k) * i / n);
            power[k] = std::norm(acc);
        }
        for (const uint16_t *edges : {lin, log_edges})
            for (uint32_t b = 0; b < bands; ++b) {
                double e = 0;
                for (uint32_t k = edges[b]; k < edges[b + 1]; ++k) e += power[k];
                out.push_back(std::log1p(e * 2.0 / (double(n) * n)));
            }
    }
    return out;
}

} // namespace

TEST_CASE("the fast feature pipeline equals the steps one by one where it is the same arithmetic", "[features]") {
    // length 256 without detrend: the fused load (table window, bit-reversed order, first
    // stage) and the power split; length 200 (zero-padded to 256): the gather path
    for (uint32_t length : {256u, 200u})
    for (int detrend : {VIGIL_DETREND_NONE, VIGIL_DETREND_MEAN}) {
        if (length == 256u && detrend == VIGIL_DETREND_MEAN) continue; // next test
        vigil_recipe r = rt::bands_recipe();
        r.detrend = static_cast<uint8_t>(detrend);
        r.features = VIGIL_FEAT_BANDS_LOG | VIGIL_FEAT_BANDS_LINEAR;
        r.length = static_cast<uint16_t>(length);
        const auto s = interleaved(r.axes, length, 11);
        std::vector<float> features(vigil_recipe_feature_count(&r));
        std::vector<uint64_t> scratch(vigil_features_scratch_size(&r) / 8);
        REQUIRE(vigil_features_extract(&r, s.data(), features.data(), scratch.data(), scratch.size() * 8) == VIGIL_OK);
        const auto want = steps(r, s);
        REQUIRE(want.size() == features.size());
        uint32_t mismatches = 0;
        for (size_t i = 0; i < want.size(); ++i) mismatches += bits_of(want[i]) != bits_of(features[i]);
        INFO("length = " << length << ", detrend = " << detrend);
        CHECK(mismatches == 0);
    }
}

TEST_CASE("the fast path's mean removal in the frequency domain is as accurate as removing it first",
          "[features]") {
    // An accelerometer-like signal: a large offset on every axis (gravity on one) and small
    // vibrations: centring by the first sample keeps the FFT's input small, and the exact bin 0
    // and 1 corrections remove the rest of the mean.
    for (float offset : {0.5f, 9.81f, 1000.0f})
    for (int window : {VIGIL_WINDOW_NONE, VIGIL_WINDOW_HANN}) {
        vigil_recipe r = rt::bands_recipe();
        r.detrend = VIGIL_DETREND_MEAN;
        r.window = static_cast<uint8_t>(window);
        r.features = VIGIL_FEAT_BANDS_LOG | VIGIL_FEAT_BANDS_LINEAR;
        r.length = 256;
        rt::Rng rng(17);
        std::vector<float> s(r.axes * r.length);
        for (uint32_t i = 0; i < r.length; ++i)
            for (uint32_t a = 0; a < r.axes; ++a)
                s[i * r.axes + a] = offset * static_cast<float>(a + 1) + 0.01f * rng.normal() +
                                    0.002f * static_cast<float>(std::sin(0.7 * i));
        std::vector<float> fast(vigil_recipe_feature_count(&r));
        std::vector<uint64_t> scratch(vigil_features_scratch_size(&r) / 8);
        REQUIRE(vigil_features_extract(&r, s.data(), fast.data(), scratch.data(), scratch.size() * 8) == VIGIL_OK);
        const auto want = reference(r, s);
        const auto slow = steps(r, s); // the step-by-step float path, for the same comparison
        REQUIRE(want.size() == fast.size());
        double worst_fast = 0, worst_slow = 0;
        for (size_t i = 0; i < fast.size(); ++i) {
            worst_fast = std::max(worst_fast, std::fabs(fast[i] - want[i]) / std::max(want[i], 1e-12));
            worst_slow = std::max(worst_slow, std::fabs(slow[i] - want[i]) / std::max(want[i], 1e-12));
        }
        INFO("offset = " << offset << ", window = " << window << ", worst relative error fast "
                         << worst_fast << ", steps " << worst_slow);
        CHECK(worst_fast < 1e-3);
        CHECK(worst_fast < 4 * worst_slow + 1e-5);
    }
}

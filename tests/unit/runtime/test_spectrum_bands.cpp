// Amplitude spectrum, log spectrum and band energies against hand sums.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

extern "C" {
#include "preprocess.h"
#include "vigil_math.h"
}

namespace {
const double kPi = 3.14159265358979323846;

std::vector<float> packed_of_sines(uint32_t n, std::vector<std::pair<uint32_t, float>> tones) {
    std::vector<float> x(n, 0.0f);
    for (uint32_t i = 0; i < n; ++i)
        for (auto [bin, amp] : tones)
            x[i] += amp * static_cast<float>(std::sin(2 * kPi * bin * i / n + 0.3));
    vigil_rfft(x.data(), n);
    return x;
}
} // namespace

TEST_CASE("amplitude spectrum reads the amplitude of a sine on its bin", "[spectrum]") {
    const uint32_t n = 128;
    auto p = packed_of_sines(n, {{5, 2.0f}, {40, 0.5f}});
    std::vector<float> a(n / 2 + 1);
    vigil_spectrum_amplitude(p.data(), n, a.data());
    CHECK(a[5] == Approx(2.0).epsilon(1e-5));
    CHECK(a[40] == Approx(0.5).epsilon(1e-5));
    CHECK(a[0] < 1e-5f);
    CHECK(a[64] < 1e-5f);
    CHECK(a[20] < 1e-5f);
    CHECK(vigil_log1pf(a[5]) == Approx(std::log(3.0)).epsilon(1e-5));
}

TEST_CASE("bin power reads DC and Nyquist from the packed slots", "[spectrum]") {
    const float packed[8] = {3, -2, 1, 1, 0, 2, 5, 0};
    CHECK(vigil_bin_power(packed, 8, 0) == 9.0f);
    CHECK(vigil_bin_power(packed, 8, 4) == 4.0f);
    CHECK(vigil_bin_power(packed, 8, 1) == 2.0f);
    CHECK(vigil_bin_power(packed, 8, 2) == 4.0f);
}

TEST_CASE("linear band edges split bins 1..n/2 evenly", "[bands]") {
    uint16_t e[5];
    vigil_band_edges_linear(16, 4, e); // bins 1..8
    CHECK(e[0] == 1);
    CHECK(e[1] == 3);
    CHECK(e[2] == 5);
    CHECK(e[3] == 7);
    CHECK(e[4] == 9);
    uint16_t f[4];
    vigil_band_edges_linear(16, 3, f);
    CHECK(f[0] == 1);
    CHECK(f[1] == 3);
    CHECK(f[2] == 6);
    CHECK(f[3] == 9);
}

TEST_CASE("log band edges are geometric, increasing and cover every bin", "[bands]") {
    for (uint32_t n : {8u, 16u, 256u, 4096u})
        for (uint32_t bands : {1u, 2u, 3u, 4u, 8u}) {
            if (bands > n / 2) continue;
            std::vector<uint16_t> e(bands + 1);
            vigil_band_edges_log(n, bands, e.data());
            CHECK(e.front() == 1);
            CHECK(e.back() == n / 2 + 1);
            for (uint32_t b = 0; b < bands; ++b) CHECK(e[b] < e[b + 1]);
        }
    uint16_t e[9];
    vigil_band_edges_log(256, 8, e); // 129^(b/8): 1, 1.84, 3.37, 6.20, 11.4, 20.9, 38.4, 70.5, 129
    const uint16_t want[9] = {1, 2, 3, 6, 11, 21, 38, 70, 129};
    for (int b = 0; b < 9; ++b) CHECK(e[b] == want[b]);
}

TEST_CASE("band energies equal the hand sum of bin powers", "[bands]") {
    const uint32_t n = 64;
    auto p = packed_of_sines(n, {{3, 1.0f}, {12, 2.0f}, {30, 0.5f}});
    uint16_t e[5];
    vigil_band_edges_linear(n, 4, e); // [1,9) [9,17) [17,25) [25,33)
    float out[4];
    vigil_band_energies(p.data(), n, e, 4, out);
    for (int b = 0; b < 4; ++b) {
        double acc = 0;
        for (uint32_t k = e[b]; k < e[b + 1]; ++k) acc += vigil_bin_power(p.data(), n, k);
        CHECK(out[b] == Approx(acc * 2.0 / (n * n)).epsilon(1e-6));
    }
    // a sine of amplitude A reads A^2 / 2
    CHECK(out[0] == Approx(0.5).epsilon(1e-4));
    CHECK(out[1] == Approx(2.0).epsilon(1e-4));
    CHECK(out[2] < 1e-8f);
    CHECK(out[3] == Approx(0.125).epsilon(1e-4));
}

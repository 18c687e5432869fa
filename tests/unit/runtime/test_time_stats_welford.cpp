// Time-domain statistics with known answers; Welford against a two-pass computation.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

extern "C" {
#include "preprocess.h"
}

TEST_CASE("time statistics of a sine", "[time_stats]") {
    // 4 full periods of amplitude 2 sampled at 64 points per period, offset 1.
    const uint32_t n = 256;
    std::vector<float> x(n);
    for (uint32_t i = 0; i < n; ++i)
        x[i] = 1.0f + 2.0f * static_cast<float>(std::sin(2 * 3.14159265358979 * (i + 0.5) / 64.0));
    float s[VIGIL_TIME_STATS];
    vigil_time_stats(x.data(), n, s);
    CHECK(s[0] == Approx(std::sqrt(1.0 + 2.0)).epsilon(1e-5));  // RMS: sqrt(mean^2 + A^2/2)
    CHECK(s[1] == Approx(std::sqrt(2.0)).epsilon(1e-5));        // std: A / sqrt 2
    // samples sit half a step off the peaks: extremes are 1 +- 2 cos(pi / 64)
    const double peak = 2.0 * std::cos(3.14159265358979 / 64.0);
    CHECK(s[2] == Approx(2.0 * peak).epsilon(1e-5));                  // peak-to-peak
    CHECK(s[3] == Approx((1.0 + peak) / std::sqrt(3.0)).epsilon(1e-5)); // crest: max|x| / RMS
    CHECK(std::fabs(s[4]) < 1e-4);                              // skewness 0
    CHECK(s[5] == Approx(1.5).epsilon(1e-4));                   // kurtosis of a sine: 3/2
    CHECK(s[6] == Approx(7.0 / 255.0));                         // 8 mean crossings minus the wrap
}

TEST_CASE("time statistics of a skewed hand-computed sequence", "[time_stats]") {
    const float x[4] = {0, 0, 0, 4};
    float s[VIGIL_TIME_STATS];
    vigil_time_stats(x, 4, s);
    // mean 1, deviations -1 -1 -1 3: m2 = 3, m3 = 6, m4 = 21
    CHECK(s[0] == Approx(2.0));
    CHECK(s[1] == Approx(std::sqrt(3.0)));
    CHECK(s[2] == Approx(4.0));
    CHECK(s[3] == Approx(2.0));
    CHECK(s[4] == Approx(6.0 / (3.0 * std::sqrt(3.0))));
    CHECK(s[5] == Approx(21.0 / 9.0));
    CHECK(s[6] == Approx(1.0 / 3.0));
}

TEST_CASE("a constant axis has zero spread and no shape statistics", "[time_stats]") {
    std::vector<float> x(32, 5.0f);
    float s[VIGIL_TIME_STATS];
    vigil_time_stats(x.data(), 32, s);
    CHECK(s[0] == Approx(5.0));
    CHECK(s[1] == 0.0f);
    CHECK(s[2] == 0.0f);
    CHECK(s[3] == Approx(1.0));
    CHECK(s[4] == 0.0f);
    CHECK(s[5] == 0.0f);
    CHECK(s[6] == 0.0f);
}

TEST_CASE("Welford matches the two-pass mean and variance", "[welford]") {
    const uint32_t dim = 3, count = 1000;
    std::vector<float> stats(3 * 4, 0.0f); // mean, m2, s: dim = 3 floats each, padded to 4
    float *const mean = stats.data(), *const m2 = mean + 4, *const scale = m2 + 4;
    std::vector<std::vector<double>> seen(dim);
    uint32_t s = 12345;
    for (uint32_t c = 1; c <= count; ++c) {
        float x[3];
        for (uint32_t j = 0; j < dim; ++j) {
            s = s * 1664525u + 1013904223u;
            x[j] = 1000.0f * static_cast<float>(j) + static_cast<float>(s >> 8) / 8388608.0f;
            seen[j].push_back(x[j]);
        }
        vigil_welford_update(c, stats.data(), x, dim, 1);
    }
    for (uint32_t j = 0; j < dim; ++j) {
        double mu = 0, var = 0;
        for (double v : seen[j]) mu += v;
        mu /= count;
        for (double v : seen[j]) var += (v - mu) * (v - mu);
        CHECK(mean[j] == Approx(mu).epsilon(2e-5)); // float, 1000 steps
        CHECK(m2[j] == Approx(var).epsilon(1e-3)); // float accumulation over 1000 steps
        // the standardisation factor 1 / sqrt(var + 1e-6 mean^2 + 1e-30)
        CHECK(scale[j] == Approx(1.0 / std::sqrt(var / count + 1e-6 * mu * mu)).epsilon(1e-3));
    }
    // x NULL: the factors only, here for learned scaling, 1 / sqrt(mean^2 + var)
    const std::vector<float> before(stats.begin(), stats.begin() + 8);
    vigil_welford_update(count, stats.data(), nullptr, dim, 0);
    CHECK(std::vector<float>(stats.begin(), stats.begin() + 8) == before); // mean and m2 unchanged
    for (uint32_t j = 0; j < dim; ++j)
        CHECK(scale[j] == Approx(1.0 / std::sqrt(double(mean[j]) * mean[j] + double(m2[j]) / count)).epsilon(1e-5));
}

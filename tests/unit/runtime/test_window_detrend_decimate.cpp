// Hann window against its formula; mean and linear detrending; axis extraction and decimation.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

extern "C" {
#include "preprocess.h"
}

TEST_CASE("Hann window equals 0.5 - 0.5 cos(2 pi i / n)", "[window]") {
    for (uint32_t n : {1u, 2u, 3u, 8u, 100u, 255u, 256u, 1000u}) {
        std::vector<float> x(n, 1.0f);
        vigil_hann_apply(x.data(), n);
        double worst = 0;
        for (uint32_t i = 0; i < n; ++i) {
            const double w = 0.5 - 0.5 * std::cos(2.0 * 3.14159265358979323846 * i / n);
            worst = std::max(worst, std::fabs(x[i] - w));
        }
        INFO("n = " << n);
        CHECK(worst < 3e-7);
        CHECK(x[0] == 0.0f);
    }
}

TEST_CASE("mean removal leaves a zero-mean signal", "[detrend]") {
    std::vector<float> x{1, 2, 3, 4, 10};
    vigil_remove_mean(x.data(), 5);
    CHECK(x[0] == Approx(-3.0f));
    CHECK(x[4] == Approx(6.0f));
}

TEST_CASE("linear detrending removes an exact line and keeps what is orthogonal to it", "[detrend]") {
    const uint32_t n = 101;
    std::vector<float> x(n);
    for (uint32_t i = 0; i < n; ++i) x[i] = 3.0f + 0.25f * static_cast<float>(i);
    vigil_remove_linear_trend(x.data(), n);
    for (float v : x) CHECK(std::fabs(v) < 1e-4f);

    // line + symmetric bump: the fit of a parabola t^2 on centred t has zero slope, so
    // the residual is t^2 - mean(t^2).
    std::vector<float> y(n);
    double mean_t2 = 0;
    for (uint32_t i = 0; i < n; ++i) mean_t2 += (i - 50.0) * (i - 50.0) / n;
    for (uint32_t i = 0; i < n; ++i)
        y[i] = static_cast<float>(1.0 - 2.0 * i + 0.01 * (i - 50.0) * (i - 50.0));
    vigil_remove_linear_trend(y.data(), n);
    for (uint32_t i = 0; i < n; ++i)
        CHECK(y[i] == Approx(0.01 * ((i - 50.0) * (i - 50.0) - mean_t2)).margin(2e-4));
}

TEST_CASE("decimation extracts one axis and averages blocks", "[decimate]") {
    // 2 axes, 9 samples: axis 0 = 0..8, axis 1 = 100 + 10 i
    std::vector<float> s;
    for (int i = 0; i < 9; ++i) {
        s.push_back(static_cast<float>(i));
        s.push_back(100.0f + 10.0f * static_cast<float>(i));
    }
    float out[9];
    CHECK(vigil_decimate_axis(s.data(), 2, 9, 0, 1, out) == 9);
    CHECK(out[8] == 8.0f);
    CHECK(vigil_decimate_axis(s.data(), 2, 9, 1, 2, out) == 4); // trailing sample dropped
    CHECK(out[0] == 105.0f);
    CHECK(out[3] == 165.0f);
    CHECK(vigil_decimate_axis(s.data(), 2, 9, 0, 4, out) == 2);
    CHECK(out[0] == 1.5f);
    CHECK(out[1] == 5.5f);
    CHECK(vigil_decimate_axis(s.data(), 2, 9, 0, 8, out) == 1);
    CHECK(out[0] == 3.5f);
}

TEST_CASE("per-signal scaling gives unit RMS and leaves zeros alone", "[scaling]") {
    std::vector<float> x{3, -3, 3, -3};
    vigil_scale_unit_rms(x.data(), 4);
    CHECK(x[0] == Approx(1.0f));
    CHECK(x[1] == Approx(-1.0f));
    std::vector<float> z(4, 0.0f);
    vigil_scale_unit_rms(z.data(), 4);
    CHECK(z[2] == 0.0f);
}

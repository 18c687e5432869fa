// Statistics per sample index and per axis, and the FFT behind the spectra.
#include <catch2/catch.hpp>

#include <complex>
#include <numbers>

#include "test_files.hpp"
#include "vigil/engine/dataset/fft.hpp"
#include "vigil/engine/dataset/stats.hpp"

using namespace vigil::engine::dataset;

TEST_CASE("the FFT matches a direct DFT for power-of-two and other lengths") {
    for (size_t n : {1u, 2u, 8u, 64u, 3u, 12u, 200u, 1000u}) {
        std::vector<std::complex<double>> x(n), X;
        for (size_t t = 0; t < n; ++t) x[t] = {std::cos(0.3 * double(t * t)), std::sin(double(t))};
        X = x;
        FftPlan(n).forward(X);
        for (size_t k = 0; k < n; k += std::max<size_t>(1, n / 17)) {
            std::complex<double> ref = 0;
            for (size_t t = 0; t < n; ++t) ref += x[t] * std::polar(1.0, -2 * std::numbers::pi * double(k * t % n) / double(n));
            INFO("n " << n << " k " << k);
            CHECK(std::abs(X[k] - ref) < 1e-9 * double(n));
        }
    }
}

TEST_CASE("per-sample statistics across signals, per axis") {
    Dataset d;
    d.signals = 3, d.axes = 2, d.length = 2;
    // signal s, sample t: x = s + t, y = 10 * s
    for (size_t s = 0; s < 3; ++s)
        for (size_t t = 0; t < 2; ++t) d.data.push_back(float(s + t)), d.data.push_back(float(10 * s));
    d.source_lines = {1, 2, 3};
    const Stats st = compute_stats(d, std::nullopt);
    REQUIRE(st.axes.size() == 2);
    CHECK(st.axes[0].mean == std::vector<double>{1.0, 2.0});
    CHECK(st.axes[0].min == std::vector<double>{0.0, 1.0});
    CHECK(st.axes[0].max == std::vector<double>{2.0, 3.0});
    CHECK(st.axes[0].std[0] == Approx(1.0));  // sample std of {0, 1, 2}
    CHECK(st.axes[1].std[1] == Approx(10.0));
    CHECK(st.axes[0].summary.mean == Approx(1.5));
    CHECK(st.axes[0].summary.min == 0.0);
    CHECK(st.axes[0].summary.max == 3.0);
    CHECK(st.axes[0].summary.std == Approx(std::sqrt(5.5 / 5.0)));  // {0,1,1,2,2,3}
}

TEST_CASE("the amplitude spectrum shows a sine at its frequency and amplitude, in Hz with a rate") {
    Dataset d;
    d.axes = 1, d.length = 64, d.signals = 5;  // odd count: the paired transform's last one alone
    for (size_t s = 0; s < d.signals; ++s) {
        d.source_lines.push_back(s + 1);
        for (size_t t = 0; t < 64; ++t)
            d.data.push_back(float(0.5 + 2.0 * std::sin(2 * std::numbers::pi * 8 * double(t) / 64 + double(s))));
    }
    const Stats st = compute_stats(d, 1000.0);
    const AxisStats& ax = st.axes[0];
    REQUIRE(ax.amplitude.size() == 33);
    CHECK(ax.frequency[8] == Approx(125.0));
    CHECK(ax.amplitude[8] == Approx(2.0).margin(1e-4));
    CHECK(ax.amplitude[0] == Approx(0.5).margin(1e-4));
    CHECK(ax.amplitude[7] < 1e-4);
    CHECK(ax.power[8] == Approx(4.0).margin(1e-3));
    CHECK(compute_stats(d, std::nullopt).axes[0].frequency[8] == Approx(0.125));
}

// FFT: complex and real transforms against a direct DFT computed in double.
#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <cstdint>
#include <vector>

extern "C" {
#include "preprocess.h"
}

namespace {

const double kPi = 3.14159265358979323846;

std::vector<std::complex<double>> dft(const std::vector<std::complex<double>> &z) {
    const size_t n = z.size();
    std::vector<std::complex<double>> out(n);
    for (size_t k = 0; k < n; ++k) {
        std::complex<double> acc = 0;
        for (size_t j = 0; j < n; ++j)
            acc += z[j] * std::polar(1.0, -2.0 * kPi * static_cast<double>((j * k) % n) / n);
        out[k] = acc;
    }
    return out;
}

// Deterministic pseudo-random values in [-1, 1).
struct Lcg {
    uint32_t s;
    float next() {
        s = s * 1664525u + 1013904223u;
        return static_cast<float>(s >> 8) / 8388608.0f - 1.0f;
    }
};

} // namespace

TEST_CASE("next power of two", "[fft]") {
    CHECK(vigil_next_pow2(1) == 1);
    CHECK(vigil_next_pow2(2) == 2);
    CHECK(vigil_next_pow2(3) == 4);
    CHECK(vigil_next_pow2(200) == 256);
    CHECK(vigil_next_pow2(256) == 256);
}

TEST_CASE("complex FFT equals the direct DFT", "[fft]") {
    for (uint32_t n : {1u, 2u, 4u, 8u, 16u, 64u, 128u, 512u}) {
        Lcg rng{n};
        std::vector<float> z(2 * n);
        std::vector<std::complex<double>> ref(n);
        for (uint32_t j = 0; j < n; ++j) {
            z[2 * j] = rng.next();
            z[2 * j + 1] = rng.next();
            ref[j] = {z[2 * j], z[2 * j + 1]};
        }
        const auto want = dft(ref);
        vigil_cfft(z.data(), n);
        double err = 0, scale = std::sqrt(static_cast<double>(n));
        for (uint32_t k = 0; k < n; ++k)
            err = std::max(err, std::abs(std::complex<double>(z[2 * k], z[2 * k + 1]) - want[k]));
        INFO("n = " << n);
        CHECK(err / scale < 2e-6);
    }
}

TEST_CASE("real FFT equals the direct DFT, packed layout", "[fft]") {
    for (uint32_t n : {4u, 8u, 16u, 32u, 128u, 256u, 1024u, 4096u}) {
        Lcg rng{n + 7};
        std::vector<float> x(n);
        std::vector<std::complex<double>> ref(n);
        for (uint32_t j = 0; j < n; ++j) {
            x[j] = rng.next();
            ref[j] = x[j];
        }
        const auto want = dft(ref);
        vigil_rfft(x.data(), n);
        const double scale = std::sqrt(static_cast<double>(n));
        double err = std::fabs(x[0] - want[0].real());
        err = std::max(err, std::fabs(x[1] - want[n / 2].real()));
        for (uint32_t k = 1; k < n / 2; ++k)
            err = std::max(err, std::abs(std::complex<double>(x[2 * k], x[2 * k + 1]) - want[k]));
        INFO("n = " << n);
        CHECK(err / scale < 3e-6);
    }
}

TEST_CASE("a pure cosine lands in its bin with amplitude n/2", "[fft]") {
    const uint32_t n = 256, bin = 10;
    std::vector<float> x(n);
    for (uint32_t j = 0; j < n; ++j)
        x[j] = static_cast<float>(std::cos(2 * kPi * bin * j / n));
    vigil_rfft(x.data(), n);
    CHECK(x[2 * bin] == Approx(n / 2.0).epsilon(1e-5));
    CHECK(std::fabs(x[2 * bin + 1]) < 1e-3);
    for (uint32_t k = 1; k < n / 2; ++k)
        if (k != bin) CHECK(std::hypot(x[2 * k], x[2 * k + 1]) < 1e-3);
}

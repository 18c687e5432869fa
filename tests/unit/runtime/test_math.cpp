// vigil_math: our own exp/log/sin/cos against libm in double precision over wide ranges.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "vigil_math.h"

extern "C" {
#include "fsqrt.h"
}

namespace {

// Relative error against a double reference, with an absolute floor near zero.
double rel_err(float got, double want) {
    const double denom = std::fabs(want) > 1e-30 ? std::fabs(want) : 1e-30;
    return std::fabs(static_cast<double>(got) - want) / denom;
}

// Logarithmically spaced positive samples from lo to hi.
template <typename F> void for_log_range(double lo, double hi, int n, F f) {
    const double a = std::log(lo), b = std::log(hi);
    for (int i = 0; i <= n; ++i) f(static_cast<float>(std::exp(a + (b - a) * i / n)));
}

} // namespace

TEST_CASE("vigil_expf matches exp to ~1e-7 relative over its whole range", "[math]") {
    double worst = 0;
    for (int i = 0; i <= 200000; ++i) {
        const float x = -103.0f + 191.7f * static_cast<float>(i) / 200000.0f;
        if (x > 88.72f) break;
        const double want = std::exp(static_cast<double>(x));
        if (want < 1.2e-38) continue; // subnormal results checked separately
        worst = std::max(worst, rel_err(vigil_expf(x), want));
    }
    CHECK(worst < 2.5e-7);
    CHECK(vigil_expf(0.0f) == 1.0f);
    CHECK(vigil_expf(1.0f) == Approx(2.718281828).epsilon(2e-7));
    // Subnormal results stay within one subnormal ulp-ish of the truth.
    CHECK(std::fabs(vigil_expf(-100.0f) - std::exp(-100.0)) < 3e-45);
    CHECK(vigil_expf(89.0f) == std::numeric_limits<float>::infinity());
    CHECK(vigil_expf(-200.0f) == 0.0f);
    CHECK(std::isnan(vigil_expf(std::numeric_limits<float>::quiet_NaN())));
}

TEST_CASE("vigil_logf matches log to ~1e-7 relative from subnormals to FLT_MAX", "[math]") {
    double worst = 0;
    for_log_range(1e-44, 3e38, 200000, [&](float x) {
        const double want = std::log(static_cast<double>(x));
        // near x = 1 log is tiny: compare with an absolute tolerance there
        const double err = std::fabs(want) < 1e-3
                               ? std::fabs(vigil_logf(x) - want) / 1e-3
                               : rel_err(vigil_logf(x), want);
        worst = std::max(worst, err);
    });
    CHECK(worst < 2.5e-7);
    for (float x = 0.5f; x < 2.0f; x += 1e-4f) // around 1, absolute error in ulps of the result
        CHECK(std::fabs(vigil_logf(x) - std::log(static_cast<double>(x))) < 1.5e-7 * std::max(1e-3, std::fabs(std::log(static_cast<double>(x)))) + 1e-10);
    CHECK(vigil_logf(1.0f) == 0.0f);
    CHECK(vigil_logf(0.0f) == -std::numeric_limits<float>::infinity());
    CHECK(std::isnan(vigil_logf(-1.0f)));
    CHECK(vigil_logf(std::numeric_limits<float>::infinity()) == std::numeric_limits<float>::infinity());
}

TEST_CASE("vigil_log1pf is accurate for tiny and large arguments", "[math]") {
    double worst = 0;
    for_log_range(1e-30, 1e30, 100000, [&](float x) {
        worst = std::max(worst, rel_err(vigil_log1pf(x), std::log1p(static_cast<double>(x))));
    });
    for_log_range(1e-30, 0.999, 100000, [&](float t) { // negative side, down to -0.999
        worst = std::max(worst, rel_err(vigil_log1pf(-t), std::log1p(-static_cast<double>(t))));
    });
    CHECK(worst < 3e-7);
    CHECK(vigil_log1pf(0.0f) == 0.0f);
    // the non-negative variant: the same bits on its domain, +inf and NaN passed through
    for (float x = 1e-30f; x < 1e30f; x *= 1.37f) CHECK(vigil_log1pf_nonneg(x) == vigil_log1pf(x));
    CHECK(vigil_log1pf_nonneg(0.0f) == 0.0f);
    CHECK(vigil_log1pf_nonneg(std::numeric_limits<float>::infinity()) == std::numeric_limits<float>::infinity());
    CHECK(std::isnan(vigil_log1pf_nonneg(std::numeric_limits<float>::quiet_NaN())));
    CHECK(vigil_log1pf(-1.0f) == -std::numeric_limits<float>::infinity());
    CHECK(std::isnan(vigil_log1pf(-2.0f)));
}

TEST_CASE("vigil_sincosf matches sin/cos to ~1e-7 absolute for |x| <= 6000", "[math]") {
    double worst = 0;
    for (int i = -300000; i <= 300000; ++i) {
        const float x = static_cast<float>(i) * 0.02f;
        float s = 0, c = 0;
        vigil_sincosf(x, &s, &c);
        worst = std::max(worst, std::fabs(s - std::sin(static_cast<double>(x))));
        worst = std::max(worst, std::fabs(c - std::cos(static_cast<double>(x))));
    }
    CHECK(worst < 2e-7);
    CHECK(vigil_sinf(0.0f) == 0.0f);
    CHECK(vigil_cosf(0.0f) == 1.0f);
    CHECK(std::isnan(vigil_sinf(std::numeric_limits<float>::infinity())));
}

TEST_CASE("vigil_sincos_pi_frac reduces rational angles exactly", "[math]") {
    const double pi = 3.14159265358979323846;
    double worst = 0;
    for (uint32_t q : {1u, 2u, 3u, 7u, 8u, 100u, 256u, 1000u, 4096u, 16384u}) {
        for (uint32_t p = 0; p < 4 * q + 5; ++p) {
            float s = 0, c = 0;
            vigil_sincos_pi_frac(p, q, &s, &c);
            worst = std::max(worst, std::fabs(s - std::sin(pi * p / q)));
            worst = std::max(worst, std::fabs(c - std::cos(pi * p / q)));
        }
    }
    CHECK(worst < 1.2e-7);
    // Exact values at multiples of pi/2, whatever the representation of the fraction.
    float s = 1, c = 1;
    vigil_sincos_pi_frac(512, 512, &s, &c);
    CHECK(s == 0.0f);
    CHECK(c == -1.0f);
    vigil_sincos_pi_frac(3, 6, &s, &c);
    CHECK(s == 1.0f);
    CHECK(c == 0.0f);
}

TEST_CASE("vigil_isfinite classifies without libm", "[math]") {
    CHECK(vigil_isfinite(0.0f));
    CHECK(vigil_isfinite(-3.4e38f));
    CHECK(vigil_isfinite(1e-45f));
    CHECK_FALSE(vigil_isfinite(std::numeric_limits<float>::infinity()));
    CHECK_FALSE(vigil_isfinite(-std::numeric_limits<float>::infinity()));
    CHECK_FALSE(vigil_isfinite(std::numeric_limits<float>::quiet_NaN()));
}

TEST_CASE("vigil_soft_sqrtf (cores without an FPU) is the correctly rounded sqrtf, bit for bit", "[math]") {
    // Exhaustive over every float would take minutes; every exponent with random mantissas,
    // every subnormal binade, the values next to perfect squares and the special cases.
    auto bits = [](float f) {
        uint32_t u;
        std::memcpy(&u, &f, sizeof u);
        return u;
    };
    auto from = [](uint32_t u) {
        float f;
        std::memcpy(&f, &u, sizeof f);
        return f;
    };
    uint32_t x = 2463534242u, mismatches = 0, checked = 0;
    for (uint32_t e = 0; e < 255; ++e)
        for (int k = 0; k < 2000; ++k) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            const float v = from((e << 23) | (x & 0x7fffffu));
            mismatches += bits(vigil_soft_sqrtf(v)) != bits(std::sqrt(v));
            ++checked;
        }
    for (uint32_t i = 1; i < 4096; ++i)
        for (float v : {static_cast<float>(i) * static_cast<float>(i), std::nextafter(static_cast<float>(i * i), 0.0f),
                        std::nextafter(static_cast<float>(i * i), 1e30f)}) {
            mismatches += bits(vigil_soft_sqrtf(v)) != bits(std::sqrt(v));
            ++checked;
        }
    INFO(mismatches << " of " << checked);
    CHECK(mismatches == 0);
    CHECK(bits(vigil_soft_sqrtf(0.0f)) == bits(0.0f));
    CHECK(bits(vigil_soft_sqrtf(-0.0f)) == bits(-0.0f));
    CHECK(vigil_soft_sqrtf(std::numeric_limits<float>::infinity()) == std::numeric_limits<float>::infinity());
    CHECK(std::isnan(vigil_soft_sqrtf(-1.0f)));
    CHECK(std::isnan(vigil_soft_sqrtf(std::numeric_limits<float>::quiet_NaN())));
    CHECK(vigil_soft_sqrtf(from(1u)) == std::sqrt(from(1u))); // the smallest subnormal
}

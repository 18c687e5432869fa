// The fixed-point spectral path (arithmetic VIGIL_ARITH_FIXED, fixed.c): which recipes may use
// it, the recipe encoding of version 2 and the decoding of version 1, and its band energies
// against the float path and a double-precision reference, on ordinary signals and on the edge
// cases of integer arithmetic (full-scale square waves, huge offsets, zeros, constants, tiny
// and huge values, NaN and inf).
#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <vector>

#include "runtime_test_support.hpp"
#include "vigil_recipe.h"

extern "C" {
#include "crc32.h"
#include "preprocess.h"
}

namespace {

vigil_recipe fixed_recipe() {
    vigil_recipe r = rt::bands_recipe();
    r.arithmetic = VIGIL_ARITH_FIXED;
    return r;
}

struct Features {
    vigil_status status;
    std::vector<float> v;
};

Features extract(const vigil_recipe &r, const std::vector<float> &s) {
    std::vector<uint64_t> scratch((vigil_features_scratch_size(&r) + 7) / 8 + 1);
    Features f{VIGIL_OK, std::vector<float>(vigil_recipe_feature_count(&r))};
    f.status = vigil_features_extract(&r, s.data(), f.v.data(), scratch.data(), scratch.size() * 8);
    return f;
}

// Band energies (2 / n^2) sum |X[k]|^2 of one axis, in double: mean removed, Hann.
std::vector<double> reference_bands(const std::vector<float> &s, uint32_t axes, uint32_t axis, uint32_t n,
                                    const uint16_t *edges, uint32_t bands, bool centre) {
    const double pi = 3.14159265358979323846;
    std::vector<double> x(n);
    double mean = 0;
    for (uint32_t i = 0; i < n; ++i) mean += s[i * axes + axis];
    mean = centre ? mean / n : 0.0;
    for (uint32_t i = 0; i < n; ++i) x[i] = (s[i * axes + axis] - mean) * (0.5 - 0.5 * std::cos(2 * pi * i / n));
    std::vector<double> p(n / 2 + 1);
    for (uint32_t k = 1; k <= n / 2; ++k) {
        std::complex<double> acc = 0;
        for (uint32_t i = 0; i < n; ++i) acc += x[i] * std::polar(1.0, -2 * pi * double(k) * i / n);
        p[k] = std::norm(acc);
    }
    std::vector<double> out(bands);
    for (uint32_t b = 0; b < bands; ++b) {
        double acc = 0;
        for (uint32_t k = edges[b]; k < edges[b + 1]; ++k) acc += p[k];
        out[b] = 2.0 * acc / (double(n) * n);
    }
    return out;
}

// Energies without log, both arithmetics, on the design recipe's shape.
vigil_recipe plain(uint8_t arithmetic, uint8_t features = VIGIL_FEAT_BANDS_LOG) {
    vigil_recipe r = rt::bands_recipe();
    r.log_magnitude = 0;
    r.features = features;
    r.arithmetic = arithmetic;
    return r;
}

} // namespace

TEST_CASE("fixed arithmetic: only for band features of a power-of-two length read directly", "[fixed][recipe]") {
    vigil_recipe r = fixed_recipe();
    CHECK(vigil_recipe_validate(&r) == VIGIL_OK);
    r.features = VIGIL_FEAT_BANDS_LOG | VIGIL_FEAT_BANDS_LINEAR;
    CHECK(vigil_recipe_validate(&r) == VIGIL_OK);
    r.detrend = VIGIL_DETREND_NONE;
    r.window = VIGIL_WINDOW_NONE;
    r.log_magnitude = 0;
    r.standardize = 0;
    r.scaling = VIGIL_SCALING_LEARNED;
    CHECK(vigil_recipe_validate(&r) == VIGIL_OK);
    using Edit = void (*)(vigil_recipe &);
    const std::vector<std::pair<const char *, Edit>> bad = {
        {"arithmetic 2", [](vigil_recipe &x) { x.arithmetic = 2; }},
        {"spare", [](vigil_recipe &x) { x.spare[2] = 1; }},
        {"stats", [](vigil_recipe &x) { x.features |= VIGIL_FEAT_STATS; }},
        {"spectrum", [](vigil_recipe &x) { x.features |= VIGIL_FEAT_SPECTRUM; }},
        {"decimation", [](vigil_recipe &x) { x.decimation = 2; }},
        {"per-signal scaling", [](vigil_recipe &x) { x.scaling = VIGIL_SCALING_PER_SIGNAL; }},
        {"linear detrend", [](vigil_recipe &x) { x.detrend = VIGIL_DETREND_LINEAR; }},
        {"non-power-of-two length", [](vigil_recipe &x) { x.length = 200; }},
    };
    for (const auto &[what, edit] : bad) {
        vigil_recipe x = fixed_recipe();
        edit(x);
        INFO(what);
        CHECK(vigil_recipe_validate(&x) == VIGIL_BAD_ARGUMENT);
    }
    vigil_recipe f = rt::bands_recipe();
    f.spare[0] = 1;
    CHECK(vigil_recipe_validate(&f) == VIGIL_BAD_ARGUMENT);
}

TEST_CASE("recipe version 2: encoding round trip, float identities unchanged, version 1 decodes", "[fixed][recipe]") {
    const vigil_recipe fx = fixed_recipe(), fl = rt::bands_recipe();
    uint8_t buf[VIGIL_RECIPE_ENCODED_SIZE];
    vigil_recipe back{};
    REQUIRE(vigil_recipe_encode(&fx, buf) == VIGIL_OK);
    CHECK(buf[48] == VIGIL_ARITH_FIXED);
    REQUIRE(vigil_recipe_decode(buf, &back) == VIGIL_OK);
    CHECK(std::memcmp(&back, &fx, sizeof fx) == 0);
    CHECK(vigil_recipe_id(&fx) == vigil_crc32(0, buf, VIGIL_RECIPE_PAYLOAD_SIZE));
    CHECK(vigil_recipe_id(&fx) != vigil_recipe_id(&fl));

    // A float recipe's identity is the CRC of its version-1 payload: what runtime 0.2 computed.
    REQUIRE(vigil_recipe_encode(&fl, buf) == VIGIL_OK);
    uint8_t v1[VIGIL_RECIPE_ENCODED_SIZE_V1];
    std::memcpy(v1, buf, VIGIL_RECIPE_PAYLOAD_SIZE_V1);
    v1[0] = 1;
    v1[1] = 0;
    const uint32_t crc = vigil_crc32(0, v1, VIGIL_RECIPE_PAYLOAD_SIZE_V1);
    for (int i = 0; i < 4; ++i) v1[VIGIL_RECIPE_PAYLOAD_SIZE_V1 + i] = static_cast<uint8_t>(crc >> (8 * i));
    CHECK(vigil_recipe_id(&fl) == crc);
    back = vigil_recipe{};
    REQUIRE(vigil_recipe_decode_sized(v1, sizeof v1, &back) == VIGIL_OK);
    CHECK(std::memcmp(&back, &fl, sizeof fl) == 0); // version 2, arithmetic float
    uint8_t v1_padded[VIGIL_RECIPE_ENCODED_SIZE]{};
    std::memcpy(v1_padded, v1, sizeof v1);
    back = vigil_recipe{};
    REQUIRE(vigil_recipe_decode(v1_padded, &back) == VIGIL_OK);
    CHECK(std::memcmp(&back, &fl, sizeof fl) == 0);
    // wrong sizes and versions
    CHECK(vigil_recipe_decode_sized(v1, sizeof v1 - 1, &back) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_recipe_decode_sized(buf, VIGIL_RECIPE_ENCODED_SIZE_V1, &back) == VIGIL_BAD_ARGUMENT);
    v1[0] = 3;
    CHECK(vigil_recipe_decode_sized(v1, sizeof v1, &back) == VIGIL_BAD_ARGUMENT);
}

TEST_CASE("fixed path: the compiler's signed right shift is arithmetic", "[fixed]") {
    // fixed.c relies on it (implementation-defined in C99, documented by GCC and Clang)
    volatile int32_t v = -5;
    CHECK((v >> 1) == -3);
    v = INT32_MIN;
    CHECK((v >> 31) == -1);
}

TEST_CASE("fixed Q15 cosines: round(32768 cos)", "[fixed]") {
    for (uint32_t n : {8u, 64u, 256u, 4096u}) {
        std::vector<float> tw(n / 4 + 1);
        std::vector<uint16_t> q(n / 4 + 1);
        vigil_twiddles(n, tw.data());
        vigil_fixed_cos_q15(n, tw.data(), q.data());
        CHECK(q[0] == 32768);
        CHECK(q[n / 4] == 0);
        for (uint32_t k = 0; k <= n / 4; ++k)
            CHECK(std::fabs(q[k] - 32768.0 * std::cos(2 * 3.14159265358979323846 * k / n)) <= 0.5 + 1e-3);
    }
}

TEST_CASE("fixed band energies follow a double-precision reference", "[fixed]") {
    for (uint32_t length : {8u, 64u, 256u, 1024u}) {
        for (float offset : {0.0f, 3.0f, 1000.0f}) {
            for (float scale : {1e-3f, 1.0f, 1e4f}) {
                vigil_recipe r = plain(VIGIL_ARITH_FIXED, VIGIL_FEAT_BANDS_LOG | VIGIL_FEAT_BANDS_LINEAR);
                r.length = static_cast<uint16_t>(length);
                r.bands = static_cast<uint8_t>(length / 2 < 8 ? length / 2 : 8);
                rt::Rng rng(length + static_cast<uint32_t>(offset));
                rt::Regime m;
                m.noise = 0.3f;
                auto s = rt::signal(m, rng, 3, static_cast<uint16_t>(length));
                for (auto &v : s) v = offset + scale * v;
                const auto f = extract(r, s);
                REQUIRE(f.status == VIGIL_OK);
                std::vector<uint16_t> lin(r.bands + 1), lg(r.bands + 1);
                vigil_band_edges_linear(length, r.bands, lin.data());
                vigil_band_edges_log(length, r.bands, lg.data());
                for (uint32_t a = 0; a < 3; ++a) {
                    const auto rl = reference_bands(s, 3, a, length, lin.data(), r.bands, true);
                    const auto rg = reference_bands(s, 3, a, length, lg.data(), r.bands, true);
                    double total = 0;
                    for (double e : rl) total += e;
                    for (uint32_t b = 0; b < r.bands; ++b) {
                        INFO("length " << length << " offset " << offset << " scale " << scale << " axis " << a
                                       << " band " << b);
                        // relative to the band, with a floor of the axis' total energy (quantisation)
                        CHECK(std::fabs(f.v[a * 2 * r.bands + b] - rl[b]) <= 2e-2 * rl[b] + 1e-4 * total);
                        CHECK(std::fabs(f.v[a * 2 * r.bands + r.bands + b] - rg[b]) <= 2e-2 * rg[b] + 1e-4 * total);
                    }
                }
            }
        }
    }
}

// log(1 + E) in integers (log1p_scaled in fixed.c), on one bin's power over every regime of E:
// the series below 2^-6, 1 + E in Q32 up to 2^31, log E above, and the borders between them.
TEST_CASE("fixed log(1 + E) follows log1p within 2^-20 relative, E from 2^-123 to 2^260", "[fixed]") {
    std::vector<int32_t> work(16, 0);
    const uint16_t edges[2] = {1, 2}; // one band: bin 1, the power at work[2]
    rt::Rng rng(11);
    double worst = 0;
    for (int trial = 0; trial < 200000; ++trial) {
        const uint32_t bits = rng.bits() >> (rng.bits() % 31);
        work[2] = static_cast<int32_t>(bits & 0x7FFFFFFFu);
        if (work[2] == 0) continue;
        const int32_t g = static_cast<int32_t>(rng.bits() % 200) - 85; // E from 2^-169 to 2^260 (checked above 2^-123)
        float out = -1.0f, plain_out = -1.0f;
        vigil_fixed_bands(work.data(), 16, g, edges, 1, 1, &out);
        vigil_fixed_bands(work.data(), 16, g, edges, 1, 0, &plain_out);
        const double e = std::ldexp(static_cast<double>(work[2]), 2 * g + 1);
        if (e >= 0x1p-126 && e < 0x1p127) REQUIRE(plain_out == static_cast<float>(e)); // correctly rounded
        const double ref = std::log1p(e);
        if (ref < 1e-37) continue; // float's subnormal range: absolute, not relative, precision
        const double rel = std::fabs(out - ref) / ref;
        if (rel > worst) worst = rel;
        INFO("power " << work[2] << " g " << g << " E " << e);
        REQUIRE(rel <= std::ldexp(1.0, -20));
    }
    CHECK(worst > 0); // the comparison ran on values that are not all exact
    // the borders of the three regimes (E = 2^-6, 2^31) and zero
    for (int32_t g : {-4, -3, 15, 16}) {
        for (int32_t p : {1, 2, 3, 1 << 20, 0x7FFFFFFF}) {
            work[2] = p;
            float out = 0;
            vigil_fixed_bands(work.data(), 16, g, edges, 1, 1, &out);
            const double ref = std::log1p(std::ldexp(static_cast<double>(p), 2 * g + 1));
            CHECK(std::fabs(out - ref) <= std::ldexp(ref, -20));
        }
    }
    work[2] = 0;
    float zero = -1.0f;
    vigil_fixed_bands(work.data(), 16, 0, edges, 1, 1, &zero);
    CHECK(zero == 0.0f);
}

TEST_CASE("fixed and float band features agree on the design recipe (log bands, log)", "[fixed]") {
    vigil_recipe fx = fixed_recipe(), fl = rt::bands_recipe();
    fx.standardize = fl.standardize = 0;
    rt::Rng rng(7);
    for (int i = 0; i < 20; ++i) {
        const auto s = rt::signal(rt::Regime{}, rng);
        const auto a = extract(fx, s), b = extract(fl, s);
        REQUIRE(a.status == VIGIL_OK);
        REQUIRE(b.status == VIGIL_OK);
        for (size_t k = 0; k < a.v.size(); ++k) CHECK(std::fabs(a.v[k] - b.v[k]) <= 2e-3 + 1e-2 * b.v[k]);
    }
}

TEST_CASE("fixed path edge cases: full scale, zeros, constants, tiny, huge, NaN, inf", "[fixed]") {
    const vigil_recipe r = plain(VIGIL_ARITH_FIXED, VIGIL_FEAT_BANDS_LOG | VIGIL_FEAT_BANDS_LINEAR);
    const vigil_recipe rf = plain(VIGIL_ARITH_FLOAT, VIGIL_FEAT_BANDS_LOG | VIGIL_FEAT_BANDS_LINEAR);
    std::vector<float> s(3 * 256);
    SECTION("full-scale square waves, both signs and a Nyquist one") {
        for (float amp : {1.0f, 3.0e38f, 1e-30f}) {
            for (uint32_t i = 0; i < 256; ++i) {
                s[3 * i] = (i / 16) % 2 ? amp : -amp;
                s[3 * i + 1] = i % 2 ? amp : -amp; // Nyquist
                s[3 * i + 2] = (i / 64) % 2 ? -amp : amp;
            }
            const auto a = extract(r, s), b = extract(rf, s);
            INFO("amplitude " << amp);
            if (amp > 1e30f) { // energies beyond float: both refuse
                CHECK(a.status == VIGIL_BAD_ARGUMENT);
                CHECK(b.status == VIGIL_BAD_ARGUMENT);
                continue;
            }
            REQUIRE(a.status == VIGIL_OK);
            REQUIRE(b.status == VIGIL_OK);
            float total = 0;
            for (float v : b.v) total += v;
            for (size_t k = 0; k < a.v.size(); ++k) CHECK(std::fabs(a.v[k] - b.v[k]) <= 1e-2f * b.v[k] + 1e-4f * total);
        }
    }
    SECTION("all zero and constant axes give zero energies") {
        for (uint32_t i = 0; i < 256; ++i) {
            s[3 * i] = 0.0f;
            s[3 * i + 1] = 5.25f;
            s[3 * i + 2] = -1e20f;
        }
        const auto a = extract(r, s);
        REQUIRE(a.status == VIGIL_OK);
        for (float v : a.v) CHECK(v == 0.0f);
    }
    SECTION("a big offset with a small signal keeps the signal") {
        for (uint32_t i = 0; i < 256; ++i)
            for (uint32_t ax = 0; ax < 3; ++ax)
                s[3 * i + ax] = 1000.0f + 0.01f * std::sin(6.2831853f * (8 + 5 * ax) * i / 256.0f);
        const auto a = extract(r, s), b = extract(rf, s);
        REQUIRE(a.status == VIGIL_OK);
        float peak = 0;
        for (float v : b.v) peak = std::max(peak, v);
        CHECK(peak > 1e-5f);
        for (size_t k = 0; k < a.v.size(); ++k) CHECK(std::fabs(a.v[k] - b.v[k]) <= 2e-2f * b.v[k] + 1e-3f * peak);
    }
    SECTION("subnormal samples read as zero") {
        for (uint32_t i = 0; i < 3 * 256; ++i) s[i] = (i % 2 ? 1e-40f : -1e-40f);
        const auto a = extract(r, s);
        REQUIRE(a.status == VIGIL_OK);
        for (float v : a.v) CHECK(v == 0.0f);
    }
    SECTION("NaN or inf anywhere is refused") {
        for (float bad : {NAN, INFINITY, -INFINITY}) {
            for (uint32_t at : {0u, 1u, 767u, 400u}) {
                for (uint32_t i = 0; i < 3 * 256; ++i) s[i] = std::sin(0.1f * i);
                s[at] = bad;
                CHECK(extract(r, s).status == VIGIL_BAD_ARGUMENT);
            }
        }
    }
}

TEST_CASE("a fixed recipe learns and detects like its float twin", "[fixed]") {
    const vigil_recipe fx = fixed_recipe();
    rt::StateBlock st(vigil_model_state_size(&fx));
    REQUIRE(vigil_model_init(st.data(), st.size, &fx) == VIGIL_OK);
    rt::Rng rng(3);
    vigil_status s = VIGIL_OK;
    for (int i = 0; i < fx.min_learn; ++i) s = vigil_model_learn(st.data(), rt::signal(rt::Regime{}, rng).data());
    CHECK(s == VIGIL_LEARNING_DONE);
    uint8_t sim = 0;
    REQUIRE(vigil_model_detect(st.data(), rt::signal(rt::Regime{}, rng).data(), &sim) == VIGIL_OK);
    CHECK(sim >= 90);
    rt::Regime shifted;
    shifted.cycles[0] = 40.0f;
    shifted.cycles[1] = 70.0f;
    REQUIRE(vigil_model_detect(st.data(), rt::signal(shifted, rng).data(), &sim) == VIGIL_OK);
    CHECK(sim < 90);
    std::vector<float> nan_signal(3 * 256, 0.5f);
    nan_signal[17] = NAN;
    CHECK(vigil_model_detect(st.data(), nan_signal.data(), &sim) == VIGIL_BAD_ARGUMENT);
    CHECK(st.canary_intact());
}

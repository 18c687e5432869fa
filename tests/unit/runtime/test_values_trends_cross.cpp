// The feature blocks for feature vectors and process data (values.c, trends.c, cross.c): known
// answers, and their place in the pipeline's feature order (docs/runtime.md).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "runtime_test_support.hpp"

extern "C" {
#include "preprocess.h"
}

TEST_CASE("values: copied, or signed log(1 + |x|)", "[values]") {
    const float x[4] = {0.0f, 1.0f, -3.0f, 1000.0f};
    float out[4];
    vigil_values(x, 4, 0, out);
    for (int i = 0; i < 4; ++i) CHECK(out[i] == x[i]);
    vigil_values(x, 4, 1, out);
    CHECK(out[0] == 0.0f);
    CHECK(out[1] == Approx(std::log(2.0)).epsilon(1e-6));
    CHECK(out[2] == Approx(-std::log(4.0)).epsilon(1e-6));  // odd: the sign survives
    CHECK(out[3] == Approx(std::log(1001.0)).epsilon(1e-6));
}

TEST_CASE("trends of a line with noise-free slope, and of a constant", "[trends]") {
    // x_i = 5 + 0.5 i for i = 0..9: level 7.25, change 4.5, range 4.5, last - first 4.5,
    // spread = 0.5 * std of 0..9 = 0.5 * sqrt(8.25)
    std::vector<float> x(10);
    for (int i = 0; i < 10; ++i) x[i] = 5.0f + 0.5f * static_cast<float>(i);
    float t[VIGIL_TRENDS];
    vigil_trends(x.data(), 10, t);
    CHECK(t[0] == Approx(7.25).epsilon(1e-6));
    CHECK(t[1] == Approx(0.5 * std::sqrt(8.25)).epsilon(1e-6));
    CHECK(t[2] == Approx(4.5).epsilon(1e-5));
    CHECK(t[3] == Approx(4.5).epsilon(1e-6));
    CHECK(t[4] == Approx(4.5).epsilon(1e-6));
    const float c[3] = {2.0f, 2.0f, 2.0f};
    vigil_trends(c, 3, t);
    CHECK(t[0] == 2.0f);
    CHECK(t[1] == 0.0f);
    CHECK(t[2] == 0.0f);
    CHECK(t[3] == 0.0f);
    CHECK(t[4] == 0.0f);
    vigil_trends(c, 1, t);  // one value: no slope to fit
    CHECK(t[2] == 0.0f);
}

TEST_CASE("cross-channel: level differences, then correlations, pair by pair", "[cross]") {
    // channel 0: a ramp; 1: the same ramp x 3 + 10 (correlation 1); 2: its mirror (-1);
    // 3: constant (correlation 0, level 7)
    const uint32_t axes = 4, length = 8;
    std::vector<float> s(axes * length);
    for (uint32_t t = 0; t < length; ++t) {
        const float v = static_cast<float>(t);
        s[t * axes + 0] = v;
        s[t * axes + 1] = 3.0f * v + 10.0f;
        s[t * axes + 2] = -v;
        s[t * axes + 3] = 7.0f;
    }
    std::vector<float> work(2 * axes), out(axes * (axes - 1));
    vigil_cross_channel(s.data(), axes, length, work.data(), out.data());
    // pairs in order: (0,1) (0,2) (0,3) (1,2) (1,3) (2,3); means 3.5, 20.5, -3.5, 7
    const float levels[6] = {3.5f - 20.5f, 3.5f + 3.5f, 3.5f - 7.0f, 20.5f + 3.5f, 20.5f - 7.0f, -3.5f - 7.0f};
    const float corr[6] = {1.0f, -1.0f, 0.0f, -1.0f, 0.0f, 0.0f};
    for (int k = 0; k < 6; ++k) {
        INFO("pair " << k);
        CHECK(out[k] == Approx(levels[k]).epsilon(1e-6));
        CHECK(out[6 + k] == Approx(corr[k]).margin(1e-6));
    }
}

TEST_CASE("the pipeline places values, trends and cross as documented", "[features]") {
    vigil_recipe r = rt::bands_recipe();
    r.axes = 2;
    r.length = 16;
    r.detrend = VIGIL_DETREND_NONE;
    r.window = VIGIL_WINDOW_NONE;
    r.bands = 0;
    r.log_magnitude = 0;
    r.decimation = 2;
    r.features = VIGIL_FEAT_TRENDS | VIGIL_FEAT_VALUES | VIGIL_FEAT_CROSS;
    REQUIRE(vigil_recipe_validate(&r) == VIGIL_OK);
    // per axis: trends 5 + values 8 (16 / 2); then cross 2 x 1
    REQUIRE(vigil_recipe_feature_count(&r) == 2 * (5 + 8) + 2);
    std::vector<float> s(2 * 16);
    for (uint32_t t = 0; t < 16; ++t) {
        s[2 * t] = static_cast<float>(t);               // ramp
        s[2 * t + 1] = 100.0f - 2.0f * static_cast<float>(t);  // falling ramp
    }
    std::vector<float> f(vigil_recipe_feature_count(&r));
    std::vector<uint64_t> scratch(vigil_features_scratch_size(&r) / 8 + 1);
    REQUIRE(vigil_features_extract(&r, s.data(), f.data(), scratch.data(), scratch.size() * 8) == VIGIL_OK);
    // axis 0 after pooling by 2: 0.5, 2.5, ..., 14.5
    CHECK(f[0] == Approx(7.5));        // level
    CHECK(f[2] == Approx(14.0));       // change along the line
    CHECK(f[5] == Approx(0.5));        // first pooled value
    CHECK(f[12] == Approx(14.5));      // last pooled value
    CHECK(f[13] == Approx(100.0 - 2.0 * 7.5));  // axis 1 level
    CHECK(f[26] == Approx(7.5 - (100.0 - 15.0)));  // cross: level difference (raw signal)
    CHECK(f[27] == Approx(-1.0));      // cross: correlation
    // the signed log applies to values only
    r.log_magnitude = 1;
    REQUIRE(vigil_features_extract(&r, s.data(), f.data(), scratch.data(), scratch.size() * 8) == VIGIL_OK);
    CHECK(f[0] == Approx(7.5));
    CHECK(f[5] == Approx(std::log(1.5)));
}

// The reentrant core: state size and layout, statuses, NaN handling, behaviour on synthetic
// machines, sensitivity, and the features path equal to the signal path.
#include <catch2/catch.hpp>

#include <cstring>
#include <limits>

#include "runtime_test_support.hpp"

extern "C" {
#include "model_state.h"
}
#include "vigil_core.h"

using namespace rt;

namespace {

// Learns `count` normal signals; returns the last status.
vigil_status learn_normal(void *state, Rng &rng, int count, const Regime &m = Regime{}) {
    vigil_status st = VIGIL_BAD_ARGUMENT;
    for (int i = 0; i < count; ++i) {
        const auto s = signal(m, rng);
        st = vigil_model_learn(state, s.data());
    }
    return st;
}

} // namespace

TEST_CASE("the design target fits in 2 KB of state", "[core]") {
    const vigil_recipe r = bands_recipe();
    const size_t size = vigil_model_state_size(&r);
    INFO("state bytes: " << size);
    CHECK(size > 0);
    CHECK(size <= 2048);
    CHECK(size % 8 == 0);
    CHECK(vigil_features_scratch_size(&r) == 256 * sizeof(float));
    vigil_recipe bad = r;
    bad.axes = 0;
    CHECK(vigil_model_state_size(&bad) == 0);
}

TEST_CASE("init, learn and detect never write past state_size", "[core]") {
    for (uint8_t features : {uint8_t(VIGIL_FEAT_BANDS_LOG), uint8_t(VIGIL_FEAT_STATS),
                             uint8_t(VIGIL_FEAT_SPECTRUM | VIGIL_FEAT_STATS | VIGIL_FEAT_BANDS_LINEAR)}) {
        vigil_recipe r = bands_recipe();
        r.features = features;
        if (!(features & (VIGIL_FEAT_BANDS_LOG | VIGIL_FEAT_BANDS_LINEAR))) r.bands = 0;
        if (features == VIGIL_FEAT_STATS) {
            r.window = 0;
            r.log_magnitude = 0;
        }
        r.length = 200; // not a power of two: zero-padded FFT
        r.scaling = VIGIL_SCALING_LEARNED;
        r.standardize = 0;
        const size_t size = vigil_model_state_size(&r);
        REQUIRE(size > 0);
        StateBlock block(size);
        REQUIRE(vigil_model_init(block.data(), size, &r) == VIGIL_OK);
        Rng rng(3);
        for (int i = 0; i < 25; ++i) {
            const auto s = signal(Regime{}, rng, r.axes, r.length);
            vigil_model_learn(block.data(), s.data());
        }
        const auto s = signal(Regime{}, rng, r.axes, r.length);
        uint8_t sim = 0;
        CHECK(vigil_model_detect(block.data(), s.data(), &sim) == VIGIL_OK);
        INFO("features " << int(features));
        CHECK(block.canary_intact());
    }
}

TEST_CASE("bad arguments are rejected", "[core]") {
    const vigil_recipe r = bands_recipe();
    const size_t size = vigil_model_state_size(&r);
    StateBlock block(size);
    CHECK(vigil_model_init(nullptr, size, &r) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_model_init(block.data(), size, nullptr) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_model_init(block.data(), size - 8, &r) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_model_init(block.bytes() + 4, size, &r) == VIGIL_BAD_ARGUMENT); // misaligned
    CHECK(block.canary_intact());
    vigil_recipe bad = r;
    bad.decimation = 3;
    CHECK(vigil_model_init(block.data(), size, &bad) == VIGIL_BAD_ARGUMENT);

    // never initialised: NOT_INITIALIZED; NULL: BAD_ARGUMENT
    std::vector<float> s(3 * 256, 0.0f);
    uint8_t sim = 0;
    CHECK(vigil_model_learn(block.data(), s.data()) == VIGIL_NOT_INITIALIZED);
    CHECK(vigil_model_detect(block.data(), s.data(), &sim) == VIGIL_NOT_INITIALIZED);
    CHECK(vigil_model_learn(nullptr, s.data()) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_model_learn_count(nullptr) == 0);
    CHECK(vigil_model_get_sensitivity(block.data()) == 0.0f);

    REQUIRE(vigil_model_init(block.data(), size, &r) == VIGIL_OK);
    CHECK(vigil_model_learn(block.data(), nullptr) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_model_detect(block.data(), s.data(), nullptr) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_model_set_sensitivity(block.data(), 0.0f) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_model_set_sensitivity(block.data(), -1.0f) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_model_set_sensitivity(block.data(), std::numeric_limits<float>::quiet_NaN()) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_model_set_sensitivity(block.data(), 1000.0f) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_model_get_sensitivity(block.data()) == 1.0f);
}

TEST_CASE("learn counts to min_learn; detect waits for it", "[core]") {
    const vigil_recipe r = bands_recipe();
    const size_t size = vigil_model_state_size(&r);
    StateBlock block(size);
    REQUIRE(vigil_model_init(block.data(), size, &r) == VIGIL_OK);
    Rng rng(7);
    const auto probe = signal(Regime{}, rng);
    for (int i = 1; i <= 25; ++i) {
        uint8_t sim = 123;
        float fsim = -1;
        if (i <= r.min_learn) {
            CHECK(vigil_model_detect(block.data(), probe.data(), &sim) == VIGIL_NOT_INITIALIZED);
            CHECK(vigil_model_similarity(block.data(), probe.data(), &fsim) == VIGIL_NOT_INITIALIZED);
            CHECK(sim == 123); // no similarity given
            CHECK(fsim == -1);
        }
        const auto s = signal(Regime{}, rng);
        const vigil_status st = vigil_model_learn(block.data(), s.data());
        CHECK(st == (i < r.min_learn ? VIGIL_LEARNING_IN_PROGRESS : VIGIL_LEARNING_DONE));
        CHECK(vigil_model_learn_count(block.data()) == static_cast<uint32_t>(i));
    }
    uint8_t sim = 0;
    CHECK(vigil_model_detect(block.data(), probe.data(), &sim) == VIGIL_OK);
    CHECK(sim <= 100);

    // init forgets everything
    REQUIRE(vigil_model_init(block.data(), size, &r) == VIGIL_OK);
    CHECK(vigil_model_learn_count(block.data()) == 0);
    CHECK(vigil_model_detect(block.data(), probe.data(), &sim) == VIGIL_NOT_INITIALIZED);
}

TEST_CASE("NaN or infinite input is rejected and leaves everything learned untouched", "[core]") {
    // The preprocessing scratch (work and features) may have been used: on the fast path the
    // check is the features' own (a non-finite sample always gives non-finite features), which
    // saves a pass over the signal. Every other byte of the block must be as it was.
    const vigil_recipe r = bands_recipe();
    const size_t size = vigil_model_state_size(&r);
    StateBlock block(size);
    REQUIRE(vigil_model_init(block.data(), size, &r) == VIGIL_OK);
    const auto *h = static_cast<const vigil_state_header *>(static_cast<const void *>(block.data()));
    const size_t scratch_begin = h->off_work, scratch_end = h->off_features + 4u * h->plan.dim;
    REQUIRE(scratch_begin < scratch_end);
    auto outside_scratch = [&] {
        auto bytes = block.snapshot();
        std::fill(bytes.begin() + static_cast<std::ptrdiff_t>(scratch_begin),
                  bytes.begin() + static_cast<std::ptrdiff_t>(scratch_end), uint8_t{0});
        return bytes;
    };
    Rng rng(11);
    learn_normal(block.data(), rng, 30);
    const auto probe = signal(Regime{}, rng);
    uint8_t probe_before = 0;
    REQUIRE(vigil_model_detect(block.data(), probe.data(), &probe_before) == VIGIL_OK);
    for (float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                      -std::numeric_limits<float>::infinity()}) {
        for (size_t where : {size_t(0), size_t(1), size_t(400), size_t(3 * 256 - 1)}) {
            auto s = signal(Regime{}, rng);
            s[where] = bad;
            const auto before = outside_scratch();
            uint8_t sim = 77;
            float fsim = -1;
            CHECK(vigil_model_learn(block.data(), s.data()) == VIGIL_BAD_ARGUMENT);
            CHECK(vigil_model_detect(block.data(), s.data(), &sim) == VIGIL_BAD_ARGUMENT);
            CHECK(vigil_model_similarity(block.data(), s.data(), &fsim) == VIGIL_BAD_ARGUMENT);
            CHECK(sim == 77);
            CHECK(fsim == -1);
            CHECK(outside_scratch() == before);
        }
    }
    uint8_t probe_after = 0;
    CHECK(vigil_model_detect(block.data(), probe.data(), &probe_after) == VIGIL_OK);
    CHECK(probe_after == probe_before);
    // features path too
    std::vector<float> f(vigil_recipe_feature_count(&r), 0.0f);
    f[5] = std::numeric_limits<float>::quiet_NaN();
    const auto before = block.snapshot();
    CHECK(vigil_model_learn_features(block.data(), f.data()) == VIGIL_BAD_ARGUMENT);
    CHECK(block.snapshot() == before);
    CHECK(vigil_model_learn_count(block.data()) == 30);
}

TEST_CASE("a bad signal before learning is done is a bad argument, not 'not initialised'", "[core]") {
    const vigil_recipe r = bands_recipe();
    const size_t size = vigil_model_state_size(&r);
    StateBlock block(size);
    REQUIRE(vigil_model_init(block.data(), size, &r) == VIGIL_OK);
    Rng rng(5);
    auto s = signal(Regime{}, rng);
    uint8_t sim = 0;
    CHECK(vigil_model_detect(block.data(), s.data(), &sim) == VIGIL_NOT_INITIALIZED);
    s[7] = std::numeric_limits<float>::quiet_NaN();
    CHECK(vigil_model_detect(block.data(), s.data(), &sim) == VIGIL_BAD_ARGUMENT);
}

TEST_CASE("after learning a machine, its own signals score >= 90 and a shifted regime scores lower",
          "[core][behaviour]") {
    struct Case {
        const char *name;
        vigil_recipe r;
    };
    std::vector<Case> cases;
    cases.push_back({"log bands + Gaussian", bands_recipe()});
    vigil_recipe stats = bands_recipe();
    stats.features = VIGIL_FEAT_STATS | VIGIL_FEAT_BANDS_LINEAR;
    stats.detrend = VIGIL_DETREND_LINEAR;
    stats.decimation = 2;
    cases.push_back({"stats + linear bands, decimated, linear detrend", stats});
    vigil_recipe spectrum = bands_recipe();
    spectrum.features = VIGIL_FEAT_SPECTRUM;
    spectrum.bands = 0;
    spectrum.length = 200;
    spectrum.standardize = 0;
    spectrum.scaling = VIGIL_SCALING_LEARNED;
    cases.push_back({"spectrum of a non-power-of-two length, learned scaling", spectrum});

    for (auto &c : cases) {
        INFO(c.name);
        const size_t size = vigil_model_state_size(&c.r);
        REQUIRE(size > 0);
        StateBlock block(size);
        REQUIRE(vigil_model_init(block.data(), size, &c.r) == VIGIL_OK);
        Rng rng(2024);
        auto learn = [&](int n) {
            for (int i = 0; i < n; ++i) {
                const auto s = signal(Regime{}, rng, c.r.axes, c.r.length);
                vigil_model_learn(block.data(), s.data());
            }
        };
        learn(200);
        auto rate = [&](const Regime &m) {
            int ok = 0;
            double sum = 0;
            for (int i = 0; i < 200; ++i) {
                const auto s = signal(m, rng, c.r.axes, c.r.length);
                uint8_t sim = 0;
                REQUIRE(vigil_model_detect(block.data(), s.data(), &sim) == VIGIL_OK);
                ok += sim >= VIGIL_SIMILARITY_THRESHOLD;
                sum += sim;
            }
            return std::make_pair(ok / 200.0, sum / 200.0);
        };
        const auto same = rate(Regime{});
        Regime freq;
        freq.cycles[0] = 40.0f;
        freq.cycles[1] = 50.0f;
        const auto other_freq = rate(freq);
        Regime noisy;
        noisy.noise = 0.5f;
        const auto other_noise = rate(noisy);
        INFO("normal: " << same.first << " mean " << same.second << "; frequency shift: "
                        << other_freq.first << " mean " << other_freq.second << "; noise: "
                        << other_noise.first << " mean " << other_noise.second);
        CHECK(same.first >= 0.97);
        CHECK(other_freq.first <= 0.05);
        CHECK(other_noise.first <= 0.05);
        CHECK(other_freq.second < same.second - 30);
    }
}

TEST_CASE("sensitivity moves the output only, never the knowledge", "[core][behaviour]") {
    const vigil_recipe r = bands_recipe();
    const size_t size = vigil_model_state_size(&r);
    StateBlock block(size);
    REQUIRE(vigil_model_init(block.data(), size, &r) == VIGIL_OK);
    Rng rng(5);
    learn_normal(block.data(), rng, 100);
    std::vector<uint8_t> k1(vigil_model_knowledge_size(block.data())), k2(k1.size());
    REQUIRE(vigil_model_knowledge_save(block.data(), k1.data(), k1.size()) == VIGIL_OK);

    Regime slightly;
    slightly.amplitude = 1.3f;
    const auto s = signal(slightly, rng);
    float base = 0, sharp = 0, dull = 0;
    REQUIRE(vigil_model_similarity(block.data(), s.data(), &base) == VIGIL_OK);
    REQUIRE(vigil_model_set_sensitivity(block.data(), 2.0f) == VIGIL_OK);
    CHECK(vigil_model_get_sensitivity(block.data()) == 2.0f);
    REQUIRE(vigil_model_similarity(block.data(), s.data(), &sharp) == VIGIL_OK);
    REQUIRE(vigil_model_set_sensitivity(block.data(), 0.5f) == VIGIL_OK);
    REQUIRE(vigil_model_similarity(block.data(), s.data(), &dull) == VIGIL_OK);
    INFO("sensitivity 0.5: " << dull << ", 1: " << base << ", 2: " << sharp);
    CHECK(sharp < base);
    CHECK(dull > base);
    // 100 * 0.9^(s * x): the exponent scales exactly with the sensitivity
    CHECK(std::log(sharp / 100.0) == Approx(2.0 * std::log(base / 100.0)).epsilon(1e-4));
    REQUIRE(vigil_model_knowledge_save(block.data(), k2.data(), k2.size()) == VIGIL_OK);
    CHECK(k1 == k2);
}

TEST_CASE("extract + learn_features is the same as learn, byte for byte", "[core]") {
    const vigil_recipe r = bands_recipe();
    const size_t size = vigil_model_state_size(&r);
    StateBlock a(size), b(size);
    REQUIRE(vigil_model_init(a.data(), size, &r) == VIGIL_OK);
    REQUIRE(vigil_model_init(b.data(), size, &r) == VIGIL_OK);
    std::vector<uint64_t> scratch(vigil_features_scratch_size(&r) / 8);
    std::vector<float> f(vigil_recipe_feature_count(&r));
    Rng rng(9);
    for (int i = 0; i < 40; ++i) {
        const auto s = signal(Regime{}, rng);
        const vigil_status sa = vigil_model_learn(a.data(), s.data());
        REQUIRE(vigil_features_extract(&r, s.data(), f.data(), scratch.data(), scratch.size() * 8) == VIGIL_OK);
        CHECK(vigil_model_learn_features(b.data(), f.data()) == sa);
    }
    std::vector<uint8_t> ka(vigil_model_knowledge_size(a.data())), kb(ka.size());
    vigil_model_knowledge_save(a.data(), ka.data(), ka.size());
    vigil_model_knowledge_save(b.data(), kb.data(), kb.size());
    CHECK(ka == kb);
    const auto s = signal(Regime{}, rng);
    float sa = 0, sb = 0;
    REQUIRE(vigil_model_similarity(a.data(), s.data(), &sa) == VIGIL_OK);
    REQUIRE(vigil_features_extract(&r, s.data(), f.data(), scratch.data(), scratch.size() * 8) == VIGIL_OK);
    REQUIRE(vigil_model_similarity_features(b.data(), f.data(), &sb) == VIGIL_OK);
    CHECK(sa == sb);
}

TEST_CASE("a state is relocatable: a copied block keeps working", "[core]") {
    const vigil_recipe r = bands_recipe();
    const size_t size = vigil_model_state_size(&r);
    StateBlock a(size), b(size);
    REQUIRE(vigil_model_init(a.data(), size, &r) == VIGIL_OK);
    Rng rng(13);
    learn_normal(a.data(), rng, 30);
    std::memcpy(b.data(), a.data(), size);
    const auto s = signal(Regime{}, rng);
    float sa = 0, sb = 0;
    REQUIRE(vigil_model_similarity(a.data(), s.data(), &sa) == VIGIL_OK);
    REQUIRE(vigil_model_similarity(b.data(), s.data(), &sb) == VIGIL_OK);
    CHECK(sa == sb);
}

TEST_CASE("features extraction checks its arguments", "[core][features]") {
    const vigil_recipe r = bands_recipe();
    std::vector<uint64_t> scratch(vigil_features_scratch_size(&r) / 8);
    std::vector<float> f(vigil_recipe_feature_count(&r));
    std::vector<float> s(3 * 256, 1.0f);
    CHECK(vigil_features_extract(&r, s.data(), f.data(), scratch.data(), scratch.size() * 8 - 4) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_features_extract(&r, nullptr, f.data(), scratch.data(), scratch.size() * 8) == VIGIL_BAD_ARGUMENT);
    s[3] = std::numeric_limits<float>::infinity();
    CHECK(vigil_features_extract(&r, s.data(), f.data(), scratch.data(), scratch.size() * 8) == VIGIL_BAD_ARGUMENT);
    s[3] = 1e30f; // finite, but its energy overflows
    CHECK(vigil_features_extract(&r, s.data(), f.data(), scratch.data(), scratch.size() * 8) == VIGIL_BAD_ARGUMENT);
}

TEST_CASE("features of a known signal land where expected", "[core][features]") {
    // one axis, 64 samples: a sine of amplitude 2 on bin 4, no window, linear bands of 8 bins
    vigil_recipe r = bands_recipe();
    r.axes = 1;
    r.length = 64;
    r.window = 0;
    r.log_magnitude = 0;
    r.bands = 4;
    r.features = VIGIL_FEAT_STATS | VIGIL_FEAT_SPECTRUM | VIGIL_FEAT_BANDS_LINEAR;
    REQUIRE(vigil_recipe_feature_count(&r) == 7 + 33 + 4);
    std::vector<float> s(64);
    for (int i = 0; i < 64; ++i) s[i] = 5.0f + 2.0f * std::sin(6.2831853f * 4.0f * i / 64.0f);
    std::vector<uint64_t> scratch(vigil_features_scratch_size(&r) / 8);
    std::vector<float> f(44);
    REQUIRE(vigil_features_extract(&r, s.data(), f.data(), scratch.data(), scratch.size() * 8) == VIGIL_OK);
    CHECK(f[0] == Approx(std::sqrt(2.0)).epsilon(1e-4)); // RMS after mean removal
    CHECK(f[7 + 4] == Approx(2.0).epsilon(1e-4));         // amplitude on bin 4
    CHECK(f[7] < 1e-4f);                                  // DC removed
    CHECK(f[7 + 33] == Approx(2.0).epsilon(1e-4));        // band [1, 9): A^2/2
    CHECK(f[7 + 34] < 1e-6f);
}

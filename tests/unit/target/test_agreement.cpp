// The board-vs-emulator comparison: every call compared (init, learn statuses, detect status,
// rounded similarity, the exact similarity bit for bit), the first difference named with its
// file and line. The emulator side here is the real EmulatorSession on synthetic signals.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "vigil/engine/target/agreement.hpp"
#include "vigil/engine/selection/recipe_json.hpp"

namespace tgt = vigil::engine::target;

namespace {

vigil_recipe small_recipe() {
    return vigil::engine::selection::recipe_from_json_text(R"({
      "version": 1, "axes": 1, "length": 64, "min_learn": 4, "seed": 1,
      "preprocessing": {"detrend": "mean", "scaling": "none", "decimation": 1, "window": "hann",
                        "features": ["bands_log"], "log_magnitude": true, "bands": 8, "standardize": true},
      "model": {"family": "gaussian", "combine": "rms", "variance_floor": 0.015625}})");
}

tgt::TestSignals signals(size_t learn, size_t detect) {
    tgt::TestSignals t;
    t.floats = 64;
    uint32_t x = 12345;
    const auto noise = [&] {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        return float(x % 1000) / 1000.0f - 0.5f;
    };
    for (size_t s = 0; s < learn + detect; ++s) {
        auto& data = s < learn ? t.learn : t.detect;
        for (int i = 0; i < 64; ++i) data.push_back(std::sin(0.3f * float(i)) + 0.1f * noise() + (s >= learn + 2 ? 3.0f * noise() : 0.0f));
        (s < learn ? t.learn_sources : t.detect_sources).push_back({s < learn ? "learn.csv" : "detect.csv", s < learn ? s + 1 : s - learn + 1});
    }
    return t;
}

// What a firmware that computes exactly like the emulator reports.
tgt::FirmwareResult as_board(const tgt::EmulatorRun& e) {
    tgt::FirmwareResult r;
    r.init_status = e.init;
    for (auto s : e.learn) r.learn.push_back({uint32_t(s), 100});
    for (const auto& d : e.detect) {
        uint32_t bits;
        std::memcpy(&bits, &d.exact, 4);
        r.detect.push_back({uint32_t(d.status), d.status == VIGIL_OK ? d.similarity : 255u, uint32_t(d.exact_status), bits, 50});
    }
    return r;
}

}  // namespace

TEST_CASE("identical results agree n of n") {
    const auto t = signals(6, 4);
    const auto e = tgt::emulate(small_recipe(), t);
    REQUIRE(e.learn.size() == 6);
    CHECK(e.learn[2] == VIGIL_LEARNING_IN_PROGRESS);
    CHECK(e.learn[5] == VIGIL_LEARNING_DONE);
    REQUIRE(e.detect.size() == 4);
    CHECK(e.detect[0].status == VIGIL_OK);
    const auto a = tgt::compare(as_board(e), e, t);
    CHECK(a.total == 11);
    CHECK(a.matching == 11);
    CHECK(a.all());
    CHECK_FALSE(a.first_difference);
}

TEST_CASE("one ulp of one exact similarity is a difference, named with its file and line") {
    const auto t = signals(6, 4);
    const auto e = tgt::emulate(small_recipe(), t);
    auto board = as_board(e);
    board.detect[2].exact_bits ^= 1u;
    const auto a = tgt::compare(board, e, t);
    CHECK(a.matching == 10);
    REQUIRE(a.first_difference);
    CHECK(a.first_difference->call == "detect");
    CHECK(a.first_difference->index == 2);
    CHECK(a.first_difference->source.file == "detect.csv");
    CHECK(a.first_difference->source.line == 3);
    CHECK(a.first_difference->field == "exact similarity");
    CHECK_FALSE(a.detect_match[2]);
}

TEST_CASE("statuses and rounded similarities are compared: the first difference is the earliest call") {
    const auto t = signals(6, 4);
    const auto e = tgt::emulate(small_recipe(), t);
    auto board = as_board(e);
    board.detect[3].similarity += 1;
    board.learn[4].status = VIGIL_BAD_ARGUMENT;
    const auto a = tgt::compare(board, e, t);
    CHECK(a.matching == 9);
    REQUIRE(a.first_difference);
    CHECK(a.first_difference->call == "learn");
    CHECK(a.first_difference->index == 4);
    CHECK(a.first_difference->field == "status");
    CHECK_THAT(a.first_difference->board, Catch::Contains("bad argument"));
    CHECK_THAT(a.first_difference->emulator, Catch::Contains("learning done"));  // the 5th of min_learn 4

    // Detect before enough learning: both refuse, which agrees.
    const auto few = signals(2, 2);
    const auto e2 = tgt::emulate(small_recipe(), few);
    CHECK(e2.detect[0].status == VIGIL_NOT_INITIALIZED);
    CHECK(tgt::compare(as_board(e2), e2, few).all());
}

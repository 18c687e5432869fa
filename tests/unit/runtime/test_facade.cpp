// The shipped facade (vigil.h) and its C++ wrapper (vigil.hpp) over a baked recipe defined
// here, exactly as a compiled library's generated file would (vigil_baked.h).
#include <catch2/catch.hpp>

#include <array>
#include <cstring>
#include <limits>
#include <vector>

#include "runtime_test_support.hpp"
#include "vigil.hpp"
#include "vigil_baked.h"
#include "vigil_core.h"

namespace {
// The design-target recipe of the core tests, baked as a compiled library would bake it.
constexpr vigil_recipe make_recipe() { return rt::bands_recipe(); }
}  // namespace

// The generated symbols (state size: the design-target recipe, checked below).
#define TEST_BAKED_STATE_WORDS 256
extern "C" {
const vigil_recipe vigil_baked_recipe = make_recipe();
const vigil_info vigil_baked_info = {"vigil-test", 3,    256, 20, VIGIL_FAMILY_GAUSSIAN, 2048 + 200, 0,
                                     vigil_recipe_id(&vigil_baked_recipe), 2048, 200};
uint64_t vigil_baked_state[TEST_BAKED_STATE_WORDS];
const size_t vigil_baked_state_size = sizeof vigil_baked_state;
}

TEST_CASE("facade: everything before init is NOT_INITIALIZED, then the full cycle works", "[facade]") {
    REQUIRE(vigil_model_state_size(&vigil_baked_recipe) <= vigil_baked_state_size);
    std::memset(vigil_baked_state, 0, sizeof vigil_baked_state); // as .bss at reset
    std::vector<float> s(3 * 256, 0.5f);
    uint8_t sim = 0;
    CHECK(vigil_learn(s.data()) == VIGIL_NOT_INITIALIZED);
    CHECK(vigil_detect(s.data(), &sim) == VIGIL_NOT_INITIALIZED);
    CHECK(vigil_set_sensitivity(2.0f) == VIGIL_NOT_INITIALIZED);
    CHECK(vigil_knowledge_size() == 0);
    CHECK(vigil_knowledge_save(s.data(), 100) == VIGIL_NOT_INITIALIZED);
    CHECK(vigil_knowledge_load(s.data(), 100) == VIGIL_NOT_INITIALIZED);
    CHECK(vigil_get_sensitivity() == 0.0f);
    CHECK(std::strcmp(vigil_get_info()->id, "vigil-test") == 0);

    REQUIRE(vigil_init() == VIGIL_OK);
    CHECK(vigil_get_sensitivity() == 1.0f);
    rt::Rng rng(1);
    vigil_status st = VIGIL_BAD_ARGUMENT;
    for (int i = 0; i < 60; ++i) st = vigil_learn(rt::signal(rt::Regime{}, rng).data());
    CHECK(st == VIGIL_LEARNING_DONE);
    REQUIRE(vigil_detect(rt::signal(rt::Regime{}, rng).data(), &sim) == VIGIL_OK);
    CHECK(sim >= VIGIL_SIMILARITY_THRESHOLD);
    rt::Regime shifted;
    shifted.cycles[0] = 40.0f;
    REQUIRE(vigil_detect(rt::signal(shifted, rng).data(), &sim) == VIGIL_OK);
    CHECK(sim < VIGIL_SIMILARITY_THRESHOLD);

    std::vector<uint8_t> blob(vigil_knowledge_size());
    REQUIRE(vigil_knowledge_save(blob.data(), blob.size()) == VIGIL_OK);
    REQUIRE(vigil_init() == VIGIL_OK); // forgets
    CHECK(vigil_detect(s.data(), &sim) == VIGIL_NOT_INITIALIZED);
    REQUIRE(vigil_knowledge_load(blob.data(), blob.size()) == VIGIL_OK);
    CHECK(vigil_detect(rt::signal(rt::Regime{}, rng).data(), &sim) == VIGIL_OK);
    // the facade's state has the baked identity: its knowledge loads into a core instance of
    // the same recipe (and the core's into the facade)
    std::vector<uint64_t> other((vigil_model_state_size(&vigil_baked_recipe) + 7) / 8);
    REQUIRE(vigil_model_init(other.data(), other.size() * 8, &vigil_baked_recipe) == VIGIL_OK);
    CHECK(vigil_model_knowledge_load(other.data(), blob.data(), blob.size()) == VIGIL_OK);
    CHECK(vigil_get_info()->recipe_id == vigil_recipe_id(&vigil_baked_recipe));
    blob[10] ^= 1;
    CHECK(vigil_knowledge_load(blob.data(), blob.size()) == VIGIL_BAD_KNOWLEDGE);
    s[0] = std::numeric_limits<float>::quiet_NaN();
    CHECK(vigil_learn(s.data()) == VIGIL_BAD_ARGUMENT);
}

TEST_CASE("C++ wrapper: typed statuses and size-checked containers", "[facade]") {
    vigil::Detector det;
    REQUIRE(det.init() == vigil::Status::Ok);
    CHECK(det.signal_size() == 3 * 256);
    std::vector<float> wrong(10, 0.0f);
    CHECK(det.learn(wrong) == vigil::Status::BadArgument);
    rt::Rng rng(2);
    vigil::Status st = vigil::Status::BadArgument;
    for (int i = 0; i < 20; ++i) st = det.learn(rt::signal(rt::Regime{}, rng));
    CHECK(st == vigil::Status::LearningDone);
    uint8_t sim = 0;
    CHECK(det.detect(rt::signal(rt::Regime{}, rng), sim) == vigil::Status::Ok);
    CHECK(det.set_sensitivity(-1.0f) == vigil::Status::BadArgument);
    CHECK(det.set_sensitivity(1.5f) == vigil::Status::Ok);
    CHECK(det.sensitivity() == 1.5f);
    CHECK(vigil::is_anomaly(89));
    CHECK_FALSE(vigil::is_anomaly(90));
    std::vector<uint8_t> k(det.knowledge_size());
    CHECK(det.save_knowledge(k.data(), k.size()) == vigil::Status::Ok);
    CHECK(det.load_knowledge(k.data(), k.size() - 1) == vigil::Status::BadKnowledge);
}

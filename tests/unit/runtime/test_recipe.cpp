// Recipes: validation of every field, feature counts, encode/decode, corruption, identity.
#include <catch2/catch.hpp>

#include <cstring>
#include <functional>

#include "runtime_test_support.hpp"
#include "vigil_recipe.h"
extern "C" {
#include "crc32.h"
}

using rt::bands_recipe;

TEST_CASE("CRC-32 matches the standard check value", "[recipe]") {
    const char *s = "123456789";
    CHECK(vigil_crc32(0, reinterpret_cast<const uint8_t *>(s), 9) == 0xCBF43926u);
    // chaining equals one pass
    const uint32_t a = vigil_crc32(0, reinterpret_cast<const uint8_t *>(s), 4);
    CHECK(vigil_crc32(a, reinterpret_cast<const uint8_t *>(s) + 4, 5) == 0xCBF43926u);
}

TEST_CASE("a typical recipe is valid and counts its features", "[recipe]") {
    vigil_recipe r = bands_recipe();
    CHECK(vigil_recipe_validate(&r) == VIGIL_OK);
    CHECK(vigil_recipe_feature_count(&r) == 24);
    r.features = VIGIL_FEAT_STATS | VIGIL_FEAT_SPECTRUM | VIGIL_FEAT_BANDS_LINEAR | VIGIL_FEAT_BANDS_LOG;
    CHECK(vigil_recipe_feature_count(&r) == 3 * (7 + 129 + 8 + 8));
    r.length = 200; // zero-padded to 256: same spectrum size
    CHECK(vigil_recipe_feature_count(&r) == 3 * (7 + 129 + 8 + 8));
    r = bands_recipe();
    r.features = VIGIL_FEAT_STATS;
    r.window = 0;
    r.log_magnitude = 0;
    r.bands = 0;
    r.length = 4;
    CHECK(vigil_recipe_feature_count(&r) == 21);
    CHECK(vigil_recipe_feature_count(nullptr) == 0);
}

TEST_CASE("every field is checked", "[recipe]") {
    using Edit = std::function<void(vigil_recipe &)>;
    const std::vector<std::pair<const char *, Edit>> bad = {
        {"version 1 (struct)", [](vigil_recipe &r) { r.version = 1; }},
        {"version 3", [](vigil_recipe &r) { r.version = 3; }},
        {"axes 0", [](vigil_recipe &r) { r.axes = 0; }},
        {"axes 17", [](vigil_recipe &r) { r.axes = 17; }},
        {"length 0", [](vigil_recipe &r) { r.length = 0; }},
        {"length too long", [](vigil_recipe &r) { r.length = VIGIL_MAX_LENGTH + 1; }},
        {"min_learn", [](vigil_recipe &r) { r.min_learn = 3; }},
        {"detrend", [](vigil_recipe &r) { r.detrend = 3; }},
        {"scaling", [](vigil_recipe &r) { r.scaling = 3; }},
        {"decimation 3", [](vigil_recipe &r) { r.decimation = 3; }},
        {"decimation 0", [](vigil_recipe &r) { r.decimation = 0; }},
        {"spectral too short", [](vigil_recipe &r) { r.length = 56; r.decimation = 8; }},
        {"window enum", [](vigil_recipe &r) { r.window = 2; }},
        {"features none", [](vigil_recipe &r) { r.features = 0; }},
        {"features unknown bit", [](vigil_recipe &r) { r.features |= 0x80; }},
        {"log magnitude on statistics only", [](vigil_recipe &r) { r.features = VIGIL_FEAT_STATS; r.window = 0; r.bands = 0; r.log_magnitude = 1; }},
        {"cross on one axis", [](vigil_recipe &r) { r.axes = 1; r.features = VIGIL_FEAT_CROSS; r.window = 0; r.bands = 0; r.log_magnitude = 0; }},
        {"log flag", [](vigil_recipe &r) { r.log_magnitude = 2; }},
        {"standardize flag", [](vigil_recipe &r) { r.standardize = 2; }},
        {"bands 0", [](vigil_recipe &r) { r.bands = 0; }},
        {"bands > max", [](vigil_recipe &r) { r.bands = 65; }},
        {"bands > n/2", [](vigil_recipe &r) { r.length = 16; r.bands = 9; }},
        {"bands without band features", [](vigil_recipe &r) { r.features = VIGIL_FEAT_SPECTRUM; }},
        {"window without spectrum", [](vigil_recipe &r) { r.features = VIGIL_FEAT_STATS; r.bands = 0; r.log_magnitude = 0; }},
        {"log without spectrum", [](vigil_recipe &r) { r.features = VIGIL_FEAT_STATS; r.bands = 0; r.window = 0; }},
        {"too many features", [](vigil_recipe &r) { r.features = VIGIL_FEAT_SPECTRUM; r.bands = 0; r.length = 4096; }},
        {"family", [](vigil_recipe &r) { r.model.family = VIGIL_FAMILY_COUNT; }},
        {"reserved", [](vigil_recipe &r) { r.model.reserved[1] = 1; }},
        {"family parameter", [](vigil_recipe &r) { r.model.f[0] = 2.0f; }},
        {"unused family slot", [](vigil_recipe &r) { r.model.i[3] = 1; }},
    };
    for (const auto &[what, edit] : bad) {
        vigil_recipe r = bands_recipe();
        edit(r);
        INFO(what);
        CHECK(vigil_recipe_validate(&r) == VIGIL_BAD_ARGUMENT);
        CHECK(vigil_recipe_feature_count(&r) == 0);
        CHECK(vigil_recipe_id(&r) == 0u);
        uint8_t buf[VIGIL_RECIPE_ENCODED_SIZE];
        CHECK(vigil_recipe_encode(&r, buf) == VIGIL_BAD_ARGUMENT);
    }
    CHECK(vigil_recipe_validate(nullptr) == VIGIL_BAD_ARGUMENT);
}

TEST_CASE("encode/decode round trip, little-endian layout", "[recipe]") {
    vigil_recipe r = bands_recipe();
    r.seed = 0x01020304u;
    r.model.f[0] = 0.5f;
    uint8_t buf[VIGIL_RECIPE_ENCODED_SIZE];
    REQUIRE(vigil_recipe_encode(&r, buf) == VIGIL_OK);
    CHECK(buf[0] == 2); // version, LE
    CHECK(buf[1] == 0);
    CHECK(buf[4] == 0x00); // length 256
    CHECK(buf[5] == 0x01);
    CHECK(buf[8] == 0x04); // seed LE
    CHECK(buf[11] == 0x01);
    vigil_recipe back{};
    REQUIRE(vigil_recipe_decode(buf, &back) == VIGIL_OK);
    CHECK(std::memcmp(&back, &r, sizeof r) == 0);
    CHECK(vigil_recipe_id(&back) == vigil_recipe_id(&r));
}

TEST_CASE("a corrupted encoding is rejected and leaves the output alone", "[recipe]") {
    const vigil_recipe r = bands_recipe();
    uint8_t buf[VIGIL_RECIPE_ENCODED_SIZE];
    REQUIRE(vigil_recipe_encode(&r, buf) == VIGIL_OK);
    for (size_t i = 0; i < VIGIL_RECIPE_ENCODED_SIZE; ++i)
        for (uint8_t bit : {0x01, 0x80}) {
            uint8_t bad[VIGIL_RECIPE_ENCODED_SIZE];
            std::memcpy(bad, buf, sizeof bad);
            bad[i] ^= bit;
            vigil_recipe out{};
            out.axes = 77;
            INFO("byte " << i);
            CHECK(vigil_recipe_decode(bad, &out) == VIGIL_BAD_ARGUMENT);
            CHECK(out.axes == 77);
        }
    CHECK(vigil_recipe_decode(nullptr, nullptr) == VIGIL_BAD_ARGUMENT);
}

TEST_CASE("the id is stable and changes with every field", "[recipe]") {
    const vigil_recipe r = bands_recipe();
    const uint32_t id = vigil_recipe_id(&r);
    CHECK(id != 0u);
    CHECK(vigil_recipe_id(&r) == id);
    vigil_recipe s = r;
    s.seed = 2;
    CHECK(vigil_recipe_id(&s) != id);
    s = r;
    s.model.f[0] = 0.02f;
    CHECK(vigil_recipe_id(&s) != id);
    s = r;
    s.bands = 7;
    CHECK(vigil_recipe_id(&s) != id);
}

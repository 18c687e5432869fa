#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <vector>

#include "vigil/engine/selection/candidate_space.hpp"
#include "vigil_core.h"

using namespace vigil::engine::selection;

TEST_CASE("candidate space: thousands of valid, unique candidates for 3 x 256", "[space]") {
    SpaceOptions o;  // 3 axes x 256, 64 KiB
    const auto space = build_candidate_space(o);
    INFO("candidates " << space.candidates.size() << ", groups " << space.groups.size() << ", generated "
                       << space.generated << ", filtered " << space.filtered_by_ram);
    CHECK(space.candidates.size() >= 5000);
    CHECK(space.candidates.size() <= 20000);
    CHECK(space.generated == space.candidates.size() + space.filtered_by_ram);
    std::set<std::string> keys;
    std::set<uint8_t> families;
    for (const auto& c : space.candidates) {
        REQUIRE(vigil_recipe_validate(&c.recipe) == VIGIL_OK);
        keys.insert(c.key);
        families.insert(c.recipe.model.family);
        REQUIRE(c.footprint.flash_bytes > 0);
        REQUIRE(c.footprint.instructions_per_detect > 0);
    }
    CHECK(keys.size() == space.candidates.size());
    CHECK(families.size() == VIGIL_FAMILY_COUNT - 1);  // every family but LOF (not searched by default yet)
    CHECK(families.count(VIGIL_FAMILY_LOF) == 0);
}

TEST_CASE("candidate space: groups are contiguous and share features", "[space]") {
    const auto space = build_candidate_space({});
    uint32_t next = 0;
    std::set<uint64_t> group_keys;
    for (uint32_t g = 0; g < space.groups.size(); ++g) {
        const auto& group = space.groups[g];
        REQUIRE(group.first_candidate == next);
        REQUIRE(group.candidates > 0);
        group_keys.insert(group.key);
        for (uint32_t i = group.first_candidate; i < group.first_candidate + group.candidates; ++i) {
            const auto& c = space.candidates[i];
            REQUIRE(c.group == g);
            REQUIRE(preprocessing_key(c.recipe) == group.key);
            REQUIRE(vigil_recipe_feature_count(&c.recipe) == group.feature_count);
        }
        next += group.candidates;
    }
    CHECK(next == space.candidates.size());
    CHECK(group_keys.size() == space.groups.size());
}

TEST_CASE("candidate space: deterministic order", "[space]") {
    const auto a = build_candidate_space({});
    const auto b = build_candidate_space({});
    REQUIRE(a.candidates.size() == b.candidates.size());
    for (size_t i = 0; i < a.candidates.size(); ++i) REQUIRE(a.candidates[i].key == b.candidates[i].key);
}

TEST_CASE("candidate space: the RAM filter drops exactly the candidates over the limit", "[space]") {
    SpaceOptions big;
    big.max_ram_bytes = size_t{1} << 30;
    const auto all = build_candidate_space(big);
    CHECK(all.filtered_by_ram == 0);
    SpaceOptions small;
    small.max_ram_bytes = 8 * 1024;
    const auto kept = build_candidate_space(small);
    size_t over = 0;
    for (const auto& c : all.candidates) over += c.footprint.ram_bytes > small.max_ram_bytes ? 1 : 0;
    CHECK(kept.filtered_by_ram == over);
    CHECK(kept.candidates.size() + over == all.candidates.size());
    CHECK(over > 0);
    for (const auto& c : kept.candidates) {
        REQUIRE(c.footprint.ram_bytes <= small.max_ram_bytes);
        // RAM as `vigil compile` states it: the state in 8-byte words + the stack.
        REQUIRE(c.footprint.state_bytes == vigil_model_state_size(&c.recipe));
        REQUIRE(c.footprint.stack_bytes == stack_bytes_bound(c.recipe, small.core));
        REQUIRE(c.footprint.stack_bytes > 0);
        REQUIRE(c.footprint.ram_bytes == (c.footprint.state_bytes + 7) / 8 * 8 + c.footprint.stack_bytes);
    }
}

TEST_CASE("candidate space: the optional flash budget drops exactly the candidates over it", "[space]") {
    SpaceOptions open;
    const auto all = build_candidate_space(open);
    CHECK(all.filtered_by_flash == 0);
    std::vector<uint32_t> flash;
    for (const auto& c : all.candidates) flash.push_back(c.footprint.flash_bytes);
    std::sort(flash.begin(), flash.end());
    SpaceOptions tight = open;
    tight.max_flash_bytes = flash[flash.size() / 2];  // about half the space fits
    const auto kept = build_candidate_space(tight);
    size_t over = 0;
    for (const auto& c : all.candidates) over += c.footprint.flash_bytes > *tight.max_flash_bytes ? 1 : 0;
    CHECK(over > 0);
    CHECK(kept.filtered_by_flash == over);
    CHECK(kept.candidates.size() + over == all.candidates.size());
    for (const auto& c : kept.candidates) REQUIRE(c.footprint.flash_bytes <= *tight.max_flash_bytes);
}

TEST_CASE("candidate space: bad options name the option", "[space]") {
    SpaceOptions o;
    o.axes = 0;
    CHECK_THROWS_WITH(build_candidate_space(o), Catch::Contains("axes"));
    o = {};
    o.min_learn = 2;
    CHECK_THROWS_WITH(build_candidate_space(o), Catch::Contains("min_learn"));
    o = {};
    o.max_ram_bytes = 0;
    CHECK_THROWS_WITH(build_candidate_space(o), Catch::Contains("max_ram_bytes"));
}

TEST_CASE("candidate space: sampling rate limits decimation", "[space]") {
    SpaceOptions o;
    o.sampling_rate_hz = 1000.0;
    o.min_bandwidth_hz = 200.0;  // keeps decimation 1 and 2 (Nyquist 500, 250 Hz)
    for (const auto& c : build_candidate_space(o).candidates) REQUIRE(c.recipe.decimation <= 2);
}

namespace {
uint8_t blocks_of(const CandidateSpace& space) {
    uint8_t all = 0;
    for (const auto& g : space.groups) all = static_cast<uint8_t>(all | g.features_recipe.features);
    return all;
}
constexpr uint8_t kSpectral = VIGIL_FEAT_SPECTRUM | VIGIL_FEAT_BANDS_LINEAR | VIGIL_FEAT_BANDS_LOG;
constexpr uint8_t kVectorOrProcess = VIGIL_FEAT_VALUES | VIGIL_FEAT_TRENDS | VIGIL_FEAT_CROSS;
}  // namespace

TEST_CASE("candidate space: generic tries every path, each kind narrows and orders", "[space]") {
    SpaceOptions o;  // 3 axes x 256
    const auto generic = build_candidate_space(o);
    CHECK(blocks_of(generic) == (VIGIL_FEAT_STATS | kSpectral | kVectorOrProcess));

    o.kind = SignalKind::vibration;
    const auto vibration = build_candidate_space(o);
    CHECK((blocks_of(vibration) & kVectorOrProcess) == 0);
    CHECK((blocks_of(vibration) & kSpectral) == kSpectral);
    CHECK(vibration.candidates.size() < generic.candidates.size());

    o.kind = SignalKind::spectrum;
    const auto spectrum = build_candidate_space(o);
    CHECK((blocks_of(spectrum) & kSpectral) == 0);  // no FFT of a spectrum
    CHECK(spectrum.groups.front().features_recipe.features == VIGIL_FEAT_VALUES);

    o.kind = SignalKind::process;
    const auto process = build_candidate_space(o);
    CHECK((blocks_of(process) & kSpectral) == 0);
    CHECK((process.groups.front().features_recipe.features & VIGIL_FEAT_TRENDS) != 0);
    for (const auto& g : process.groups)
        if (g.features_recipe.features & VIGIL_FEAT_TRENDS) REQUIRE(g.features_recipe.detrend == VIGIL_DETREND_NONE);

    o.kind = SignalKind::current;
    const auto current = build_candidate_space(o);
    CHECK((blocks_of(current) & VIGIL_FEAT_TRENDS) != 0);
    CHECK((blocks_of(current) & VIGIL_FEAT_VALUES) == 0);
}

TEST_CASE("candidate space: one axis has no cross-channel path", "[space]") {
    SpaceOptions o;
    o.axes = 1;
    o.length = 32;
    for (const auto& g : build_candidate_space(o).groups) REQUIRE((g.features_recipe.features & VIGIL_FEAT_CROSS) == 0);
}

TEST_CASE("candidate space: a spectrum's values ignore the time-series bandwidth limit", "[space]") {
    SpaceOptions o;
    o.sampling_rate_hz = 1000.0;
    o.min_bandwidth_hz = 200.0;
    o.kind = SignalKind::spectrum;
    bool pooled_by_8 = false;
    for (const auto& c : build_candidate_space(o).candidates) pooled_by_8 |= c.recipe.decimation == 8;
    CHECK(pooled_by_8);
}

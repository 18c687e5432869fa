// The fixed-point spectral path in selection: candidates only for cores without an FPU, in
// their own preprocessing groups, JSON round trip, and the per-core instruction estimate.
#include <catch2/catch.hpp>

#include <set>

#include "vigil/engine/selection/candidate_space.hpp"
#include "vigil/engine/selection/footprint.hpp"
#include "vigil/engine/selection/recipe_json.hpp"
#include "vigil_core.h"

using namespace vigil::engine::selection;

namespace {
size_t fixed_count(const CandidateSpace& s) {
    size_t n = 0;
    for (const auto& c : s.candidates) n += c.recipe.arithmetic == VIGIL_ARITH_FIXED;
    return n;
}
}  // namespace

TEST_CASE("fixed arithmetic: candidates only where the core has no FPU", "[space][fixed]") {
    SpaceOptions o;
    o.core = Core::m4;
    const auto with_fpu = build_candidate_space(o);
    CHECK(fixed_count(with_fpu) == 0);
    for (Core core : {Core::m0plus, Core::m3, Core::m4_soft}) {
        o.core = core;
        const auto soft = build_candidate_space(o);
        const size_t fixed = fixed_count(soft);
        CHECK(fixed > 0);
        CHECK(soft.candidates.size() == with_fpu.candidates.size() + fixed);
        std::set<uint64_t> keys;
        for (const auto& g : soft.groups) {
            CHECK(keys.insert(g.key).second);  // fixed groups are their own groups
            for (uint32_t i = g.first_candidate; i < g.first_candidate + g.candidates; ++i)
                CHECK(soft.candidates[i].recipe.arithmetic == g.features_recipe.arithmetic);
        }
    }
}

TEST_CASE("fixed arithmetic: JSON, key and per-core instruction estimate", "[fixed]") {
    SpaceOptions o;
    o.core = Core::m0plus;
    const auto space = build_candidate_space(o);
    const Candidate* fx = nullptr;
    for (const auto& c : space.candidates)
        if (c.recipe.arithmetic == VIGIL_ARITH_FIXED) {
            fx = &c;
            break;
        }
    REQUIRE(fx != nullptr);
    const auto j = recipe_to_json(fx->recipe);
    CHECK(j["preprocessing"]["arithmetic"] == "fixed");
    const vigil_recipe back = recipe_from_json(j);
    CHECK(vigil_recipe_id(&back) == vigil_recipe_id(&fx->recipe));
    CHECK(recipe_key(back) == fx->key);
    CHECK(recipe_from_key(fx->key).has_value());
    // version 1 JSON (no arithmetic field) reads as a float recipe; with an arithmetic field it is refused
    vigil_recipe fl = fx->recipe;
    fl.arithmetic = VIGIL_ARITH_FLOAT;
    auto j1 = recipe_to_json(fl);
    CHECK_FALSE(j1["preprocessing"].contains("arithmetic"));
    j1["version"] = 1;
    CHECK(recipe_from_json(j1).arithmetic == VIGIL_ARITH_FLOAT);
    j1["preprocessing"]["arithmetic"] = "fixed";
    CHECK_THROWS_AS(recipe_from_json(j1), RecipeJsonError);

    // soft float is expensive, integer arithmetic is not; with an FPU both are cheap
    const double fixed_m0 = estimate_instructions_per_detect(fx->recipe, Core::m0plus);
    const double float_m0 = estimate_instructions_per_detect(fl, Core::m0plus);
    CHECK(fixed_m0 * 4 < float_m0);
    CHECK(estimate_instructions_per_detect(fl, Core::m4) * 10 < float_m0);
    CHECK(fx->footprint.instructions_per_detect == fixed_m0);
    CHECK(estimate_instructions_per_detect(fl) == estimate_instructions_per_detect(fl, Core::m4));
}

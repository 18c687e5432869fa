#include <catch2/catch.hpp>

#include "selection_test_support.hpp"
#include "vigil/engine/selection/candidate_space.hpp"
#include "vigil/engine/selection/recipe_json.hpp"

using namespace vigil::engine::selection;
using nlohmann::json;

namespace {
std::string error_field(const json& j) {
    try {
        recipe_from_json(j);
    } catch (const RecipeJsonError& e) {
        return e.field;
    }
    return "<no error>";
}
}  // namespace

TEST_CASE("recipe JSON round trip over a whole candidate space", "[recipe_json]") {
    SpaceOptions o;
    o.axes = 2;
    o.length = 128;
    const auto space = build_candidate_space(o);
    REQUIRE(space.candidates.size() > 1000);
    for (const auto& c : space.candidates) {
        const json j = recipe_to_json(c.recipe);
        const vigil_recipe back = recipe_from_json_text(j.dump());
        REQUIRE(recipe_key(back) == c.key);
        const auto from_key = recipe_from_key(c.key);
        REQUIRE(from_key.has_value());
        REQUIRE(recipe_key(*from_key) == c.key);
    }
}

TEST_CASE("recipe JSON is readable", "[recipe_json]") {
    const json j = recipe_to_json(selection_test::band_recipe());
    CHECK(j["model"]["family"] == "gaussian");
    CHECK(j["model"]["combine"] == "rms");
    CHECK(j["preprocessing"]["features"] == json::array({"bands_log"}));
    CHECK(j["preprocessing"]["window"] == "hann");
    CHECK(j["preprocessing"]["standardize"] == true);
}

TEST_CASE("recipe JSON errors name the field", "[recipe_json]") {
    const json good = recipe_to_json(selection_test::band_recipe());
    json j = good;
    j.erase("axes");
    CHECK(error_field(j) == "axes");
    j = good;
    j["preprocessing"]["detrend"] = "quadratic";
    CHECK(error_field(j) == "preprocessing.detrend");
    j = good;
    j["preprocessing"]["features"] = json::array({"bands_log", "wavelets"});
    CHECK(error_field(j) == "preprocessing.features[1]");
    j = good;
    j["model"]["colour"] = 3;
    CHECK(error_field(j) == "model.colour");
    j = good;
    j["model"]["family"] = "forest";
    CHECK(error_field(j) == "model.family");
    j = good;
    j["model"]["variance_floor"] = "high";
    CHECK(error_field(j) == "model.variance_floor");
    j = good;
    j["model"]["variance_floor"] = 5.0;  // the family accepts [0, 1]
    CHECK(error_field(j) == "model");
    j = good;
    j["min_learn"] = 2;
    CHECK(error_field(j) == "min_learn");
    j = good;
    j["preprocessing"]["decimation"] = 3;
    CHECK(error_field(j) == "preprocessing.decimation");
    j = good;
    j["preprocessing"]["bands"] = 0;
    CHECK(error_field(j) == "preprocessing.bands");
    j = good;
    j["extra"] = 1;
    CHECK(error_field(j) == "extra");
    CHECK_THROWS_AS(recipe_from_json_text("{\"axes\": "), RecipeJsonError);
}

TEST_CASE("recipe keys reject malformed text", "[recipe_json]") {
    const std::string key = recipe_key(selection_test::band_recipe());
    CHECK(key.size() == 2 * VIGIL_RECIPE_PAYLOAD_SIZE);  // 104: recipe version 2
    CHECK_FALSE(recipe_from_key(key.substr(1)).has_value());
    std::string bad = key;
    bad[0] = 'g';
    CHECK_FALSE(recipe_from_key(bad).has_value());
    CHECK_FALSE(recipe_from_key(std::string(2 * VIGIL_RECIPE_PAYLOAD_SIZE, '0')).has_value());  // version 0: invalid
}

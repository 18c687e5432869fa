#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <string>
#include <vector>

#include "vigil/engine/packaging/baked_source.hpp"
#include "vigil_core.h"

namespace pkg = vigil::engine::packaging;

namespace {
vigil_recipe kmeans_recipe() {
    vigil_recipe r{};
    r.version = VIGIL_RECIPE_VERSION;
    r.axes = 3;
    r.length = 256;
    r.min_learn = 16;
    r.seed = 7;
    r.detrend = VIGIL_DETREND_MEAN;
    r.decimation = 2;
    r.window = VIGIL_WINDOW_HANN;
    r.features = VIGIL_FEAT_STATS | VIGIL_FEAT_BANDS_LOG;
    r.log_magnitude = 1;
    r.bands = 16;
    r.standardize = 1;
    r.model.family = VIGIL_FAMILY_KMEANS;
    r.model.i[0] = 8;
    r.model.f[0] = 0.1f;   // not exact in binary: must round-trip through the hex literal
    r.model.f[1] = 0.05f;
    return r;
}
}  // namespace

TEST_CASE("library_id is vigil- and the recipe id in hex", "[baked]") {
    const auto r = kmeans_recipe();
    char expected[32];
    std::snprintf(expected, sizeof expected, "vigil-%08x", static_cast<unsigned>(vigil_recipe_id(&r)));
    CHECK(pkg::library_id(r) == expected);
}

TEST_CASE("baked_source defines the four contract symbols with exact values", "[baked]") {
    const auto r = kmeans_recipe();
    REQUIRE(vigil_recipe_validate(&r) == VIGIL_OK);
    const std::string src = pkg::baked_source(r, 12345);
    CHECK_THAT(src, Catch::Contains("#include \"vigil_baked.h\""));
    CHECK_THAT(src, Catch::Contains("const vigil_recipe vigil_baked_recipe = {"));
    CHECK_THAT(src, Catch::Contains("const vigil_info vigil_baked_info = {"));
    CHECK_THAT(src, Catch::Contains("const size_t vigil_baked_state_size = sizeof vigil_baked_state;"));
    const size_t words = (vigil_model_state_size(&r) + 7) / 8;
    // Why snprintf, not operator+: GCC 12 reports a false -Wrestrict on "literal" + std::string
    // at -O3 (GCC bug 105329).
    char expected[96];
    std::snprintf(expected, sizeof expected, "uint64_t vigil_baked_state[%zuu];", words);
    CHECK_THAT(src, Catch::Contains(expected));
    std::snprintf(expected, sizeof expected, "\"%s\",", pkg::library_id(r).c_str());
    CHECK_THAT(src, Catch::Contains(expected));
    CHECK_THAT(src, Catch::Contains("12345u, /* flash_bytes"));
    std::snprintf(expected, sizeof expected, "%zuu, /* ram_bytes", words * 8);
    CHECK_THAT(src, Catch::Contains(expected));
    std::snprintf(expected, sizeof expected, "%zuu, /* state_bytes", words * 8);
    CHECK_THAT(src, Catch::Contains(expected));
    const std::string with_stack = pkg::baked_source(r, 12345, 200);
    std::snprintf(expected, sizeof expected, "%zuu, /* ram_bytes", words * 8 + 200);
    CHECK_THAT(with_stack, Catch::Contains(expected));
    CHECK_THAT(with_stack, Catch::Contains("200u /* stack_bytes"));

    // Every float literal reads back as the recipe's exact bits.
    std::smatch m;
    REQUIRE(std::regex_search(src, m, std::regex(R"(\{(-?0x[0-9a-fp.+-]+f|0\.0f), (-?0x[0-9a-fp.+-]+f|0\.0f), )")));
    CHECK(std::strtof(m[1].str().c_str(), nullptr) == r.model.f[0]);
    CHECK(std::strtof(m[2].str().c_str(), nullptr) == r.model.f[1]);
    CHECK(pkg::baked_source(r, 12345) == src);  // deterministic
}

TEST_CASE("baked_source refuses an invalid recipe", "[baked]") {
    auto r = kmeans_recipe();
    r.decimation = 3;
    CHECK_THROWS_AS(pkg::baked_source(r, 0), std::invalid_argument);
}

TEST_CASE("baked_family_source registers only the recipe's family", "[baked]") {
    const auto r = kmeans_recipe();
    const std::string src = pkg::baked_family_source(r);
    CHECK_THAT(src, Catch::Contains("#include \"src/families.h\""));
    CHECK_THAT(src, Catch::Contains("const vigil_family_ops *vigil_family_get(uint8_t family)"));
    CHECK_THAT(src, Catch::Contains("return family == 2u ? &vigil_family_kmeans : NULL;"));
}

TEST_CASE("baked_config_source allows exactly the recipe, with the host's plan, twiddles and edges", "[baked]") {
    auto r = kmeans_recipe();
    r.decimation = 1;
    r.features = VIGIL_FEAT_BANDS_LOG;
    r.bands = 8;
    REQUIRE(vigil_recipe_validate(&r) == VIGIL_OK);
    const std::string src = pkg::baked_config_source(r);
    CHECK_THAT(src, Catch::Contains("#define VIGIL_CFG_ONE_RECIPE 1"));
    CHECK_THAT(src, Catch::Contains("#define VIGIL_CFG_FEATURES 0x08u"));
    CHECK_THAT(src, Catch::Contains("#define VIGIL_CFG_DETREND 0x02u"));
    CHECK_THAT(src, Catch::Contains("#define VIGIL_CFG_DECIMATION 0x002u"));
    CHECK_THAT(src, Catch::Contains("#define VIGIL_CFG_N 256u"));
    CHECK_THAT(src, Catch::Contains("#define VIGIL_CFG_DIM 24u"));
    CHECK_THAT(src, Catch::Contains("#define VIGIL_CFG_EDGES_LOG {1u, 2u, 3u, 6u, 11u, 21u, 38u, 70u, 129u}"));
    CHECK_THAT(src, !Catch::Contains("VIGIL_CFG_EDGES_LINEAR"));
    // the twiddle table: 65 values, each the host's float exactly (hex literals)
    const size_t at = src.find("#define VIGIL_CFG_TWIDDLES {");
    REQUIRE(at != std::string::npos);
    std::vector<float> tw(65);
    vigil_twiddles(256, tw.data());
    std::string table = src.substr(at, src.find('}', at) - at);
    std::vector<float> read;
    const std::regex literal(R"((-?0x[0-9a-fp.+-]+f|-?0\.0f))");
    for (std::sregex_iterator it(table.begin(), table.end(), literal), end; it != end; ++it)
        read.push_back(std::strtof(it->str().c_str(), nullptr));
    REQUIRE(read.size() == tw.size());
    for (size_t k = 0; k < tw.size(); ++k) CHECK(std::memcmp(&read[k], &tw[k], sizeof(float)) == 0);
    CHECK(pkg::baked_config_source(r) == src);  // deterministic
    r.decimation = 3;
    CHECK_THROWS_AS(pkg::baked_config_source(r), std::invalid_argument);
}

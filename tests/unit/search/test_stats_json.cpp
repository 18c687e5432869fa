#include <catch2/catch.hpp>

#include "vigil/engine/search/stats_json.hpp"

using namespace vigil::engine;

TEST_CASE("statistics survive the checkpoint bit for bit") {
    selection::EvaluationStats stats;
    selection::SplitStats s0{0, {{10, 9, 5, 4, 0.1 + 0.2, -1.0 / 3.0}, {3, 3, 0, 0, 1e-17, 0}}};
    selection::SplitStats s1{1, {{10, 8, 5, 5, 2.718281828459045, 0.30000000000000004}, {3, 2, 1, 1, -0.5, 0.25}}};
    stats.splits = {s0, s1};
    const auto text = search::stats_to_json(stats).dump();
    const auto back = search::stats_from_json(nlohmann::json::parse(text));
    CHECK(back == stats);
}

TEST_CASE("a failure text is kept, a malformed document refused") {
    selection::EvaluationStats stats;
    stats.failure = "learn: status 4 (group 1, r.csv:3)";
    CHECK(search::stats_from_json(search::stats_to_json(stats)) == stats);
    CHECK_THROWS_AS(search::stats_from_json(nlohmann::json::parse(R"({"splits":[{"split":0,"groups":[[1,2]]}],"failure":""})")),
                    std::invalid_argument);
    CHECK_THROWS_AS(search::stats_from_json(nlohmann::json::object()), std::invalid_argument);
}

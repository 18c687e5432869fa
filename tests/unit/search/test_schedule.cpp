#include <catch2/catch.hpp>

#include "vigil/engine/search/schedule.hpp"

using namespace vigil::engine::search;

TEST_CASE("halving: one split for all, then a third with three times the splits") {
    const auto stages = plan_stages(300, {});
    REQUIRE(stages.size() == 3);
    CHECK(stages[0].candidates == 300);
    CHECK(stages[0].first_split == 0);
    CHECK(stages[0].total_splits == 1);
    CHECK(stages[1].candidates == 100);
    CHECK(stages[1].first_split == 1);
    CHECK(stages[1].total_splits == 3);
    CHECK(stages[2].candidates == 34);
    CHECK(stages[2].first_split == 3);
    CHECK(stages[2].total_splits == 9);
    CHECK(planned_evaluations(stages) == 434);
}

TEST_CASE("halving keeps at least the top few, and never more than there are") {
    ScheduleOptions options;
    options.top_few = 5;
    auto stages = plan_stages(7, options);
    REQUIRE(stages.size() == 3);
    CHECK(stages[1].candidates == 5);
    CHECK(stages[2].candidates == 5);
    stages = plan_stages(2, options);
    CHECK(stages[1].candidates == 2);
    CHECK(stages.back().total_splits == 9);
}

TEST_CASE("the last stage gets exactly max_splits, even when not a power of growth") {
    ScheduleOptions options;
    options.max_splits = 5;
    const auto stages = plan_stages(50, options);
    REQUIRE(stages.size() == 3);
    CHECK(stages[1].total_splits == 3);
    CHECK(stages[2].first_split == 3);
    CHECK(stages[2].total_splits == 5);
    options.max_splits = 1;
    CHECK(plan_stages(50, options).size() == 1);
}

TEST_CASE("no candidates, no stages, bad options are refused") {
    CHECK(plan_stages(0, {}).empty());
    ScheduleOptions bad;
    bad.growth = 1;
    CHECK_THROWS_AS(plan_stages(10, bad), std::invalid_argument);
    bad = {};
    bad.max_splits = 0;
    CHECK_THROWS_AS(plan_stages(10, bad), std::invalid_argument);
}

#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>

#include "selection_test_support.hpp"
#include "vigil/engine/selection/candidate_space.hpp"
#include "vigil/engine/selection/evaluation.hpp"
#include "vigil/engine/selection/indicators.hpp"
#include "vigil_core.h"

using namespace vigil::engine::selection;
using namespace selection_test;

TEST_CASE("evaluation finds a good candidate on synthetic data", "[evaluation]") {
    Evaluator ev(make_groups(2), {});
    SpaceOptions o;
    o.axes = 2;
    o.length = 128;
    const auto space = build_candidate_space(o);
    // A sample of the space (every 7th candidate) keeps the test quick and covers all families.
    double best = 0;
    std::string best_key;
    size_t evaluated = 0, failed = 0;
    for (size_t i = 0; i < space.candidates.size(); i += 7) {
        const auto& c = space.candidates[i];
        const auto ind = compute_indicators(ev.evaluate(c.recipe, 0, 1), c.footprint);
        ++evaluated;
        failed += ind.failed ? 1 : 0;
        if (ind.balanced_accuracy > best) {
            best = ind.balanced_accuracy;
            best_key = c.key;
        }
    }
    INFO("evaluated " << evaluated << ", failed " << failed << ", best " << best_key);
    CHECK(best > 0.9);
    CHECK(failed < evaluated / 10);
    // The hand-picked spectral recipe separates the classes too.
    const auto ind = compute_indicators(ev.evaluate(band_recipe(), 0, 3), {});
    CHECK(ind.balanced_accuracy > 0.9);
    CHECK(ind.confidence > 50);
    CHECK(ind.splits == 3);
}

TEST_CASE("evaluation: merged split ranges equal one evaluation of all splits", "[evaluation]") {
    Evaluator ev(make_groups(2), {});
    const vigil_recipe r = band_recipe(2, 128, VIGIL_FAMILY_KMEANS);
    const EvaluationStats all = ev.evaluate(r, 0, 5);
    EvaluationStats parts = ev.evaluate(r, 3, 2);
    parts.merge(ev.evaluate(r, 0, 1));
    parts.merge(ev.evaluate(r, 1, 2));
    REQUIRE(parts.splits.size() == 5);
    CHECK(parts == all);
    const auto a = compute_indicators(all, {}), b = compute_indicators(parts, {});
    CHECK(a.balanced_accuracy == b.balanced_accuracy);
    CHECK(a.confidence == b.confidence);
    CHECK_THROWS_AS(parts.merge(ev.evaluate(r, 2, 1)), std::invalid_argument);
}

TEST_CASE("evaluation is what the device does", "[evaluation]") {
    // Replaying split 0 of group 0 by hand with the signal-level API (vigil_model_learn /
    // vigil_model_similarity on the raw signals) gives the same similarities.
    const auto groups = make_groups(1);
    Evaluator ev(groups, {});
    const vigil_recipe r = band_recipe();
    const auto sims = ev.similarities(r, 0);
    const Split sp = ev.split(0, 0);
    std::vector<uint64_t> state((vigil_model_state_size(&r) + 7) / 8);
    REQUIRE(vigil_model_init(state.data(), state.size() * 8, &r) == VIGIL_OK);
    for (uint32_t row : sp.learn) vigil_model_learn(state.data(), groups[0].regular.data->row(row).data());
    size_t k = 0;
    for (uint32_t row : sp.detect) {
        float s = 0;
        REQUIRE(vigil_model_similarity(state.data(), groups[0].regular.data->row(row).data(), &s) == VIGIL_OK);
        REQUIRE(sims[k].similarity == s);
        REQUIRE_FALSE(sims[k].abnormal);
        REQUIRE(sims[k].line == row + 1);
        REQUIRE(sims[k].file == "regular0.csv");
        ++k;
    }
    for (uint32_t row : groups[0].abnormal.rows) {
        float s = 0;
        REQUIRE(vigil_model_similarity(state.data(), groups[0].abnormal.data->row(row).data(), &s) == VIGIL_OK);
        REQUIRE(sims[k].similarity == s);
        REQUIRE(sims[k].abnormal);
        ++k;
    }
    CHECK(k == sims.size());
}

TEST_CASE("evaluation is thread-safe and deterministic", "[evaluation]") {
    Evaluator ev(make_groups(1), {});
    SpaceOptions o;
    o.axes = 2;
    o.length = 128;
    const auto space = build_candidate_space(o);
    std::vector<size_t> picks;
    for (size_t i = 0; i < space.candidates.size(); i += 97) picks.push_back(i);
    std::vector<EvaluationStats> serial, parallel(picks.size());
    for (size_t i : picks) serial.push_back(ev.evaluate(space.candidates[i].recipe, 0, 1));
    ev.features().clear();
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (size_t k = t; k < picks.size(); k += 4) parallel[k] = ev.evaluate(space.candidates[picks[k]].recipe, 0, 1);
        });
    for (auto& th : threads) th.join();
    for (size_t k = 0; k < picks.size(); ++k) REQUIRE(parallel[k] == serial[k]);
}

TEST_CASE("evaluation: bad input is refused with a reason", "[evaluation]") {
    auto groups = make_groups(1);
    Evaluator ev(groups, {});
    vigil_recipe r = band_recipe();
    r.min_learn = 1000;
    CHECK_THROWS_WITH(ev.evaluate(r, 0, 1), Catch::Contains("min_learn"));
    auto bad = groups;
    bad[0].regular.rows = {3, 2};
    CHECK_THROWS_WITH(Evaluator(bad, {}), Catch::Contains("ascending"));
    bad = groups;
    bad[0].abnormal = whole_file("other.csv", make_signals(5, 3, 128, true, 1));
    CHECK_THROWS_WITH(Evaluator(bad, {}), Catch::Contains("other.csv"));
    // A signal the runtime refuses (overflowing features) makes the candidate fail, naming it.
    auto huge = std::make_shared<vigil::engine::dataset::Dataset>(*groups[0].regular.data);
    std::fill(huge->data.begin(), huge->data.begin() + 256, 3e38f);
    auto g2 = groups;
    g2[0].regular = whole_file("huge.csv", huge);
    Evaluator ev2(g2, {});
    vigil_recipe stats = band_recipe();
    stats.features = VIGIL_FEAT_STATS;
    stats.window = stats.log_magnitude = stats.bands = 0;
    const auto st = ev2.evaluate(stats, 0, 3);
    CHECK(st.failed());
    CHECK(ev2.features().get(stats)->rejected == std::vector<std::string>{"huge.csv:1"});
}

#include <catch2/catch.hpp>

#include "selection_test_support.hpp"
#include "vigil/engine/selection/learning_curve.hpp"

using namespace vigil::engine::selection;
using namespace selection_test;

TEST_CASE("learning curve: doubling sizes, monotone-ish, sensible minimum", "[learning_curve]") {
    Evaluator ev(make_groups(1, 120, 40), {});
    const vigil_recipe r = band_recipe(2, 128, VIGIL_FAMILY_GAUSSIAN);
    const LearningCurve curve = learning_curve(ev, r, {});
    REQUIRE(curve.points.size() >= 4);
    CHECK(curve.points.front().learn_calls == 4);
    CHECK(curve.points[1].learn_calls == 8);
    CHECK(curve.points.back().learn_calls == ev.learn_signals());
    for (const auto& p : curve.points) REQUIRE_FALSE(p.failed);
    // Monotone-ish: no point falls far below one with fewer learn calls.
    for (size_t i = 1; i < curve.points.size(); ++i)
        CHECK(curve.points[i].balanced_accuracy >= curve.points[i - 1].balanced_accuracy - 0.05);
    CHECK(curve.points.back().balanced_accuracy > curve.points.front().balanced_accuracy - 0.01);
    CHECK(curve.best_balanced_accuracy > 0.9);
    // The recommendation: the first point from which every point is within 98 % of the best,
    // neither the floor by accident nor more than the data holds.
    CHECK(curve.recommended_min_learn >= 4);
    CHECK(curve.recommended_min_learn <= ev.learn_signals());
    for (size_t i = 0; i < curve.points.size(); ++i) {
        const auto& p = curve.points[i];
        if (p.learn_calls >= curve.recommended_min_learn) CHECK(p.balanced_accuracy >= 0.98 * curve.best_balanced_accuracy);
        if (i + 1 < curve.points.size() && curve.points[i + 1].learn_calls == curve.recommended_min_learn)
            CHECK(p.balanced_accuracy < 0.98 * curve.best_balanced_accuracy);
    }
    CHECK(with_recommended_min_learn(r, curve).min_learn == curve.recommended_min_learn);
}

TEST_CASE("learning curve: the minimum follows the rule for any fraction", "[learning_curve]") {
    Evaluator ev(make_groups(1, 120, 40), {});
    vigil_recipe r = band_recipe(2, 128, VIGIL_FAMILY_KMEANS);
    const LearningCurve strict = learning_curve(ev, r, {3, 4, 1.0});
    // fraction 1: the first point from which every point reaches the best value exactly.
    uint32_t expected = strict.points.back().learn_calls;
    for (size_t i = strict.points.size(); i-- > 0;) {
        if (strict.points[i].failed || strict.points[i].balanced_accuracy != strict.best_balanced_accuracy) break;
        expected = strict.points[i].learn_calls;
    }
    CHECK(strict.recommended_min_learn == expected);
    const LearningCurve loose = learning_curve(ev, r, {3, 4, 0.5});
    CHECK(loose.recommended_min_learn <= strict.recommended_min_learn);
    CHECK_THROWS_AS(learning_curve(ev, r, {0, 4, 0.98}), std::invalid_argument);
    CHECK_THROWS_AS(learning_curve(ev, r, {3, 4, 1.5}), std::invalid_argument);
}

TEST_CASE("learning curve: a good point before a dip is not recommended", "[learning_curve]") {
    // The bearing case of tests/bench/select/run with runtime 0.2.0: 1.0 at 4 calls, 0.5 at 8,
    // 1.0 at 14 -> 14, not 4.
    const std::vector<LearningCurvePoint> dip = {{4, 1.0, 77.0, false}, {8, 0.5, 55.0, false}, {14, 1.0, 92.0, false}};
    CHECK(recommended_min_learn(dip, 0.98) == 14);
    const std::vector<LearningCurvePoint> rising = {{4, 0.6, 0, false}, {8, 0.99, 0, false}, {16, 1.0, 0, false}};
    CHECK(recommended_min_learn(rising, 0.98) == 8);
    const std::vector<LearningCurvePoint> failed_late = {{4, 1.0, 0, false}, {8, 0, 0, true}};
    CHECK(recommended_min_learn(failed_late, 0.98) == 4);
    const std::vector<LearningCurvePoint> failed_early = {{4, 0, 0, true}, {8, 0.99, 0, false}, {16, 1.0, 0, false}};
    CHECK(recommended_min_learn(failed_early, 0.98) == 8);
    CHECK(recommended_min_learn({}, 0.98) == 0);
}

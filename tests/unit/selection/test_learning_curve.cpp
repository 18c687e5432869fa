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
    // The recommendation: the first point within 98 % of the best, neither the floor by
    // accident nor more than the data holds.
    CHECK(curve.recommended_min_learn >= 4);
    CHECK(curve.recommended_min_learn <= ev.learn_signals());
    for (const auto& p : curve.points) {
        if (p.learn_calls < curve.recommended_min_learn) CHECK(p.balanced_accuracy < 0.98 * curve.best_balanced_accuracy);
        if (p.learn_calls == curve.recommended_min_learn) CHECK(p.balanced_accuracy >= 0.98 * curve.best_balanced_accuracy);
    }
    CHECK(with_recommended_min_learn(r, curve).min_learn == curve.recommended_min_learn);
}

TEST_CASE("learning curve: the minimum follows the rule for any fraction", "[learning_curve]") {
    Evaluator ev(make_groups(1, 120, 40), {});
    vigil_recipe r = band_recipe(2, 128, VIGIL_FAMILY_KMEANS);
    const LearningCurve strict = learning_curve(ev, r, {3, 4, 1.0});
    // fraction 1: the first point that reaches the best value exactly.
    for (const auto& p : strict.points)
        if (p.balanced_accuracy == strict.best_balanced_accuracy) {
            CHECK(strict.recommended_min_learn == p.learn_calls);
            break;
        }
    const LearningCurve loose = learning_curve(ev, r, {3, 4, 0.5});
    CHECK(loose.recommended_min_learn <= strict.recommended_min_learn);
    CHECK_THROWS_AS(learning_curve(ev, r, {0, 4, 0.98}), std::invalid_argument);
    CHECK_THROWS_AS(learning_curve(ev, r, {3, 4, 1.5}), std::invalid_argument);
}

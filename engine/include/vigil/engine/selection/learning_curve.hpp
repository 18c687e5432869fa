// Learning curve of one recipe: balanced accuracy against the number of learn calls, and the
// recommended minimum (docs/selection.md, "Learning curve").
//
// Points n = 4, 8, 16, 32, ... (doubling) and finally the whole learn part, each capped by the
// smallest learn part over groups. For each n the recipe is run with min_learn = n, learning the
// first n signals of each split's learn part in file order, averaged over `splits` splits.
// Recommended minimum: the smallest n from which every point (n and more learn calls) reaches
// `fraction_of_best` x the best balanced accuracy on the curve (a point that reaches it before a
// dip does not count).
#pragma once

#include <cstdint>
#include <vector>

#include "vigil/engine/selection/evaluation.hpp"
#include "vigil/engine/selection/indicators.hpp"

namespace vigil::engine::selection {

struct LearningCurveOptions {
    uint32_t splits = 5;
    uint32_t first_learn_calls = VIGIL_MIN_LEARN_FLOOR;
    double fraction_of_best = 0.98;
};

struct LearningCurvePoint {
    uint32_t learn_calls = 0;
    double balanced_accuracy = 0;
    double confidence = 0;
    bool failed = false;
};

struct LearningCurve {
    std::vector<LearningCurvePoint> points;  // ascending learn_calls
    double best_balanced_accuracy = 0;
    uint32_t recommended_min_learn = 0;
};

LearningCurve learning_curve(const Evaluator& evaluator, const vigil_recipe& recipe,
                             const LearningCurveOptions& options = {});

// The rule above on a curve's points (ascending learn_calls); 0 for no points. Failed points
// are skipped; if the last good point is below the threshold, the last point's learn_calls.
uint32_t recommended_min_learn(const std::vector<LearningCurvePoint>& points, double fraction_of_best);

// The recipe with min_learn = curve.recommended_min_learn.
vigil_recipe with_recommended_min_learn(vigil_recipe recipe, const LearningCurve& curve);

}  // namespace vigil::engine::selection

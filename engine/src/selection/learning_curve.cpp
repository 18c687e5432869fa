// Learning curve and recommended minimum number of learn calls (learning_curve.hpp).
#include "vigil/engine/selection/learning_curve.hpp"

#include <algorithm>
#include <stdexcept>

namespace vigil::engine::selection {

LearningCurve learning_curve(const Evaluator& evaluator, const vigil_recipe& recipe,
                             const LearningCurveOptions& options) {
    if (options.splits == 0) throw std::invalid_argument("learning curve: splits must be >= 1");
    if (!(options.fraction_of_best > 0 && options.fraction_of_best <= 1))
        throw std::invalid_argument("learning curve: fraction_of_best must be in (0, 1]");
    const uint32_t available = evaluator.learn_signals();
    const uint32_t start = std::max<uint32_t>(options.first_learn_calls, VIGIL_MIN_LEARN_FLOOR);
    if (available < start)
        throw std::invalid_argument("learning curve: only " + std::to_string(available) +
                                    " learn signals, at least " + std::to_string(start) + " needed");
    std::vector<uint32_t> sizes;
    for (uint64_t n = start; n < available; n *= 2) sizes.push_back(static_cast<uint32_t>(n));
    sizes.push_back(available);

    LearningCurve curve;
    for (uint32_t n : sizes) {
        vigil_recipe r = recipe;
        r.min_learn = static_cast<uint16_t>(std::min<uint32_t>(n, UINT16_MAX));
        LearningCurvePoint p;
        p.learn_calls = n;
        if (vigil_recipe_validate(&r) != VIGIL_OK) {
            p.failed = true;  // e.g. a half-space-tree window longer than n: not usable with n calls
        } else {
            const auto ind = compute_indicators(evaluator.evaluate_with_learn_calls(r, 0, options.splits, n), {});
            p.balanced_accuracy = ind.balanced_accuracy;
            p.confidence = ind.confidence;
            p.failed = ind.failed;
        }
        curve.points.push_back(p);
    }
    for (const auto& p : curve.points)
        if (!p.failed) curve.best_balanced_accuracy = std::max(curve.best_balanced_accuracy, p.balanced_accuracy);
    curve.recommended_min_learn = recommended_min_learn(curve.points, options.fraction_of_best);
    return curve;
}

uint32_t recommended_min_learn(const std::vector<LearningCurvePoint>& points, double fraction_of_best) {
    if (points.empty()) return 0;
    double best = 0;
    for (const auto& p : points)
        if (!p.failed) best = std::max(best, p.balanced_accuracy);
    // The smallest n from which every point (n and more learn calls) is within fraction_of_best
    // of the best: an early point that happens to score well before a dip (a model whose output
    // swings with rounding-level changes of its input, e.g. PCA on unstandardised features of
    // 1e-9) is not "learnt" yet. For a curve that never dips this is the first point that
    // reaches the threshold.
    // (A failed point, one the runtime cannot run with that few calls, is never recommended and
    // does not interrupt the run of good points.)
    uint32_t n = points.back().learn_calls;
    for (size_t i = points.size(); i-- > 0;) {
        if (points[i].failed) continue;
        if (points[i].balanced_accuracy < fraction_of_best * best) break;
        n = points[i].learn_calls;
    }
    return n;
}

vigil_recipe with_recommended_min_learn(vigil_recipe recipe, const LearningCurve& curve) {
    if (curve.recommended_min_learn < VIGIL_MIN_LEARN_FLOOR || curve.recommended_min_learn > UINT16_MAX)
        throw std::invalid_argument("with_recommended_min_learn: no usable recommendation");
    recipe.min_learn = static_cast<uint16_t>(curve.recommended_min_learn);
    return recipe;
}

}  // namespace vigil::engine::selection

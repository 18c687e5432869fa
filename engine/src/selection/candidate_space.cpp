// The candidate space (candidate_space.hpp; the grids are documented in docs/selection.md).
#include "vigil/engine/selection/candidate_space.hpp"

#include <algorithm>
#include <span>
#include <stdexcept>
#include <string>

#include "vigil/engine/selection/recipe_json.hpp"
#include "vigil_core.h"

namespace vigil::engine::selection {
namespace {

// Feature configurations: which blocks, window, log magnitude and band count. A short list
// chosen for coverage (level statistics, full spectrum, coarse and fine band energies, and
// their combination with statistics) rather than the full cross product, which would mostly
// add near-duplicates and multiply feature-extraction time.
struct FeatureConfig {
    uint8_t features, window, log_magnitude, bands;
};
constexpr FeatureConfig kFeatureConfigs[] = {
    {VIGIL_FEAT_STATS, 0, 0, 0},
    {VIGIL_FEAT_SPECTRUM, VIGIL_WINDOW_HANN, 0, 0},
    {VIGIL_FEAT_SPECTRUM, VIGIL_WINDOW_HANN, 1, 0},
    {VIGIL_FEAT_BANDS_LOG, VIGIL_WINDOW_HANN, 1, 8},
    {VIGIL_FEAT_BANDS_LOG, VIGIL_WINDOW_HANN, 1, 16},
    {VIGIL_FEAT_BANDS_LOG, VIGIL_WINDOW_NONE, 1, 16},
    {VIGIL_FEAT_BANDS_LINEAR, VIGIL_WINDOW_HANN, 1, 8},
    {VIGIL_FEAT_BANDS_LINEAR, VIGIL_WINDOW_HANN, 0, 16},
    {VIGIL_FEAT_STATS | VIGIL_FEAT_BANDS_LOG, VIGIL_WINDOW_HANN, 1, 8},
    {VIGIL_FEAT_STATS | VIGIL_FEAT_BANDS_LOG, VIGIL_WINDOW_HANN, 1, 16},
    {VIGIL_FEAT_STATS | VIGIL_FEAT_SPECTRUM, VIGIL_WINDOW_HANN, 1, 0},
};

// The learned parts per stateless scaling: (scaling field, standardize). Learned scaling only
// without standardisation (after standardisation a per-feature scale changes nothing) and only
// on top of no per-signal scaling (the recipe has one scaling field).
struct LearnedVariant {
    uint8_t scaling, standardize;
};
constexpr LearnedVariant kVariantsNoScaling[] = {
    {VIGIL_SCALING_NONE, 0}, {VIGIL_SCALING_NONE, 1}, {VIGIL_SCALING_LEARNED, 0}};
constexpr LearnedVariant kVariantsPerSignal[] = {{VIGIL_SCALING_PER_SIGNAL, 0}, {VIGIL_SCALING_PER_SIGNAL, 1}};

vigil_model_params model(uint8_t family, std::initializer_list<uint16_t> ints, std::initializer_list<float> reals) {
    vigil_model_params p{};
    p.family = family;
    size_t k = 0;
    for (auto v : ints) p.i[k++] = v;
    k = 0;
    for (auto v : reals) p.f[k++] = v;
    return p;
}

// Hyperparameter grids per family: a few settings each, spanning the documented ranges where
// they change behaviour most. The half-space-tree window is tied to min_learn (the trees are
// built after the window, and must have counted vectors when learning is done).
std::vector<vigil_model_params> model_grid(uint16_t min_learn) {
    const uint16_t window = static_cast<uint16_t>(std::max(1, min_learn / 2));
    return {
        model(VIGIL_FAMILY_GAUSSIAN, {0}, {0.01f}),
        model(VIGIL_FAMILY_GAUSSIAN, {1}, {0.01f}),
        model(VIGIL_FAMILY_MAHALANOBIS, {}, {0.1f, 0.0f}),
        model(VIGIL_FAMILY_MAHALANOBIS, {}, {0.5f, 0.0f}),
        model(VIGIL_FAMILY_KMEANS, {1}, {0.0f, 0.1f}),
        model(VIGIL_FAMILY_KMEANS, {4}, {0.0f, 0.1f}),
        model(VIGIL_FAMILY_KMEANS, {8}, {0.0f, 0.1f}),
        model(VIGIL_FAMILY_KMEANS, {8}, {0.05f, 0.1f}),
        model(VIGIL_FAMILY_KNN, {32, 1}, {}),
        model(VIGIL_FAMILY_KNN, {64, 3}, {}),
        model(VIGIL_FAMILY_KNN, {256, 5}, {}),
        model(VIGIL_FAMILY_PCA, {2}, {0.0f}),
        model(VIGIL_FAMILY_PCA, {4}, {0.0f}),
        model(VIGIL_FAMILY_PCA, {8}, {2.0f}),
        model(VIGIL_FAMILY_HSTREES, {16, 6, window}, {0.1f}),
        model(VIGIL_FAMILY_HSTREES, {32, 6, window}, {0.1f}),
        model(VIGIL_FAMILY_HSTREES, {16, 8, window}, {0.05f}),
        model(VIGIL_FAMILY_OSELM, {8}, {1.0f, 1.0f}),
        model(VIGIL_FAMILY_OSELM, {16}, {1.0f, 1.0f}),
        model(VIGIL_FAMILY_OSELM, {32}, {1.0f, 4.0f}),
    };
}

void check_options(const SpaceOptions& o) {
    if (o.axes < 1 || o.axes > VIGIL_MAX_AXES)
        throw std::invalid_argument("axes: must be 1.." + std::to_string(VIGIL_MAX_AXES));
    if (o.length < 4 || o.length > VIGIL_MAX_LENGTH)
        throw std::invalid_argument("length: must be 4.." + std::to_string(VIGIL_MAX_LENGTH));
    if (o.sampling_rate_hz && !(*o.sampling_rate_hz > 0))
        throw std::invalid_argument("sampling_rate_hz: must be > 0");
    if (!(o.min_bandwidth_hz >= 0)) throw std::invalid_argument("min_bandwidth_hz: must be >= 0");
    if (o.max_ram_bytes == 0) throw std::invalid_argument("max_ram_bytes: must be > 0");
    if (o.min_learn < VIGIL_MIN_LEARN_FLOOR)
        throw std::invalid_argument("min_learn: must be >= " + std::to_string(VIGIL_MIN_LEARN_FLOOR));
}

}  // namespace

uint64_t preprocessing_key(const vigil_recipe& r) {
    const bool per_signal = r.scaling == VIGIL_SCALING_PER_SIGNAL;  // learned scaling is state
    uint64_t k = r.axes;
    k = (k << 16) | r.length;
    k = (k << 2) | r.detrend;
    k = (k << 1) | (per_signal ? 1u : 0u);
    k = (k << 4) | r.decimation;
    k = (k << 1) | r.window;
    k = (k << 4) | r.features;
    k = (k << 1) | r.log_magnitude;
    k = (k << 8) | r.bands;
    k = (k << 1) | (r.arithmetic == VIGIL_ARITH_FIXED ? 1u : 0u);
    return k;
}

CandidateSpace build_candidate_space(const SpaceOptions& o) {
    check_options(o);
    CandidateSpace space;
    space.options = o;
    const auto models = model_grid(o.min_learn);
    for (uint8_t detrend : {VIGIL_DETREND_NONE, VIGIL_DETREND_MEAN, VIGIL_DETREND_LINEAR})
        for (bool per_signal : {false, true})
            for (uint8_t decimation : {1, 2, 4, 8}) {
                if (o.sampling_rate_hz && o.min_bandwidth_hz > 0 &&
                    *o.sampling_rate_hz / (2.0 * decimation) < o.min_bandwidth_hz)
                    continue;
                for (const auto& fc : kFeatureConfigs)
                  for (uint8_t arithmetic : {VIGIL_ARITH_FLOAT, VIGIL_ARITH_FIXED}) {
                    // The fixed-point spectral path only where the core has no FPU (there it is
                    // ~10x cheaper per detect; with an FPU the float path is faster and more
                    // precise), and only where the runtime has it (band features, fast-path shape).
                    if (arithmetic == VIGIL_ARITH_FIXED && core_has_fpu(o.core)) continue;
                    PreprocessingGroup group;
                    group.first_candidate = static_cast<uint32_t>(space.candidates.size());
                    const auto& variants = per_signal ? std::span<const LearnedVariant>(kVariantsPerSignal)
                                                      : std::span<const LearnedVariant>(kVariantsNoScaling);
                    for (const auto& v : variants)
                        for (const auto& m : models) {
                            vigil_recipe r{};
                            r.version = VIGIL_RECIPE_VERSION;
                            r.axes = o.axes;
                            r.length = o.length;
                            r.min_learn = o.min_learn;
                            r.seed = o.seed;
                            r.detrend = detrend;
                            r.scaling = v.scaling;
                            r.decimation = decimation;
                            r.window = fc.window;
                            r.features = fc.features;
                            r.log_magnitude = fc.log_magnitude;
                            r.bands = fc.bands;
                            r.standardize = v.standardize;
                            r.model = m;
                            r.arithmetic = arithmetic;
                            // Invalid combinations (too few samples after decimation, too many
                            // bands, Mahalanobis beyond 32 features, ...) are simply not candidates.
                            if (vigil_recipe_validate(&r) != VIGIL_OK) continue;
                            ++space.generated;
                            Candidate c;
                            c.footprint = footprint(r, o.core);
                            if (c.footprint.ram_bytes > o.max_ram_bytes) {
                                ++space.filtered_by_ram;
                                continue;
                            }
                            if (o.max_flash_bytes && c.footprint.flash_bytes > *o.max_flash_bytes) {
                                ++space.filtered_by_flash;
                                continue;
                            }
                            c.recipe = r;
                            c.key = recipe_key(r);
                            c.group = static_cast<uint32_t>(space.groups.size());
                            space.candidates.push_back(std::move(c));
                        }
                    group.candidates = static_cast<uint32_t>(space.candidates.size()) - group.first_candidate;
                    if (group.candidates == 0) continue;
                    group.features_recipe = space.candidates[group.first_candidate].recipe;
                    group.key = preprocessing_key(group.features_recipe);
                    group.feature_count = vigil_recipe_feature_count(&group.features_recipe);
                    space.groups.push_back(group);
                }
            }
    return space;
}

}  // namespace vigil::engine::selection

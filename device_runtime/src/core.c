/* The reentrant core: one caller-provided state block per model instance (layout in model_state.h),
 * no globals, no allocation.
 *
 * Learning one feature vector x (vigil_model_learn_features):
 *   1. once warmed up, score T(x) with the statistics and model as they are (prequential) and
 *      feed the calibration;
 *   2. update the per-feature statistics with x (Welford);
 *   3. the family learns T(x) with the updated statistics.
 * T is the learned transform: standardisation (x - mean) s with s = 1 / std, or learned
 * scaling x s with s = 1 / rms, rms = sqrt(mean^2 + var) (only when not standardising: after
 * standardisation a per-feature scale changes nothing), or the identity. The factors s are
 * kept in the state, refreshed whenever the statistics change, so a detect costs a product
 * per feature, not a square root and a division (on a core without an FPU those two are ~650
 * instructions a feature). */
#include "vigil_core.h"

#include <string.h>

#include "calibration.h"
#include "config_use.h"
#include "feature_pipeline.h"
#include "preprocess.h"
#include "model_state.h"
#include "vigil_math.h"

#define SENSITIVITY_MAX 100.0f

static size_t align8(size_t n) { return (n + 7u) & ~(size_t)7u; }

static int needs_stats(const vigil_recipe *r) {
    return CFG_STANDARDIZE(r) || CFG_SCALING(r, VIGIL_SCALING_LEARNED);
}

/* Computes the layout; 0 if the recipe is invalid. */
static size_t layout(const vigil_recipe *r, vigil_plan *plan, vigil_state_header *h) {
    const vigil_family_ops *ops;
    size_t off, dim_bytes, family_size;
    uint32_t work;
    if (vigil_recipe_validate(r) != VIGIL_OK || !vigil_recipe_plan(r, plan)) return 0;
#if VIGIL_CFG_ONE_RECIPE
    (void)ops; /* computed on the host by the family's state_size (vigil_config.h) */
    family_size = VIGIL_CFG_FAMILY_SIZE;
#else
    ops = vigil_family_get(r->model.family);
    family_size = align8(ops->state_size(&r->model, (uint16_t)plan->dim));
#endif
    work = plan->work > plan->dim ? plan->work : plan->dim;
    dim_bytes = align8((size_t)plan->dim * sizeof(float));
    off = align8(sizeof(vigil_state_header));
    h->off_work = (uint32_t)off;
    off += align8((size_t)work * sizeof(float));
    h->off_features = (uint32_t)off;
    off += dim_bytes;
    h->off_mean = h->off_m2 = 0u;
    if (needs_stats(r)) {
        h->off_mean = (uint32_t)off;
        off += dim_bytes;
        h->off_m2 = (uint32_t)off;
        off += dim_bytes;
        off += dim_bytes; /* scale (vigil_state_off_scale) */
    }
    h->off_family = (uint32_t)off;
    h->family_size = (uint32_t)family_size;
    off += family_size;
    h->size = (uint32_t)off;
    return off;
}

size_t vigil_model_state_size(const vigil_recipe *r) {
    vigil_plan plan;
    vigil_state_header h;
    return layout(r, &plan, &h);
}

vigil_state_header *vigil_state_get(void *state) {
    vigil_state_header *h = (vigil_state_header *)state;
    if (state == NULL || ((uintptr_t)state & 7u) != 0u || h->magic != VIGIL_STATE_MAGIC) return NULL;
    return h;
}

const vigil_state_header *vigil_state_get_c(const void *state) {
    const vigil_state_header *h = (const vigil_state_header *)state;
    if (state == NULL || ((uintptr_t)state & 7u) != 0u || h->magic != VIGIL_STATE_MAGIC) return NULL;
    return h;
}

/* BAD_ARGUMENT for NULL/misaligned, NOT_INITIALIZED for a block init never succeeded on. */
static vigil_status state_error(const void *state) {
    return (state == NULL || ((uintptr_t)state & 7u) != 0u) ? VIGIL_BAD_ARGUMENT : VIGIL_NOT_INITIALIZED;
}

vigil_status vigil_model_init(void *state, size_t size, const vigil_recipe *r) {
    return vigil_model_init_id(state, size, r, vigil_recipe_id(r));
}

vigil_status vigil_model_init_id(void *state, size_t size, const vigil_recipe *r, uint32_t recipe_id) {
    vigil_state_header *h = (vigil_state_header *)state;
    const vigil_family_ops *ops;
    size_t need;
    if (state == NULL || ((uintptr_t)state & 7u) != 0u || r == NULL) return VIGIL_BAD_ARGUMENT;
    need = vigil_model_state_size(r);
    if (need == 0u || size < need) return VIGIL_BAD_ARGUMENT;

    /* deterministic bytes: states of equal history compare equal. The magic stays 0 until the
     * end: a failed init leaves an unusable state, never a half one. */
    memset(state, 0, need);
    (void)layout(r, &h->plan, h);
    h->recipe = *r;
    h->recipe_id = recipe_id;
    h->sensitivity = 1.0f; /* (the calibration starts zeroed: vigil_calibration_reset's state) */
    ops = vigil_family_get(r->model.family);
    if (ops->init((uint8_t *)state + h->off_family, &h->recipe.model, (uint16_t)h->plan.dim,
                  r->seed) != VIGIL_OK)
        return VIGIL_BAD_ARGUMENT;
    h->magic = VIGIL_STATE_MAGIC;
    return VIGIL_OK;
}

/* out = T(x) with the statistics as they are now. Only called once something was learned
 * (the calibration's warm-up is >= 2 learns, detect needs min_learn >= 1), so with statistics
 * the count is >= 1 (a knowledge blob must say stdz_count = learn_count) and s is set. */
static void transform(const vigil_state_header *h, const float *x, float *out) {
    const uint32_t dim = h->plan.dim;
    const float *mean, *scale;
    uint32_t j;
    if (!vigil_state_has_stats(h)) {
        for (j = 0; j < dim; ++j) out[j] = x[j];
        return;
    }
    mean = vigil_state_floats_c(h, h->off_mean);
    scale = vigil_state_floats_c(h, vigil_state_off_scale(h));
    if (CFG_STANDARDIZE(&h->recipe)) {
        for (j = 0; j < dim; ++j) out[j] = (x[j] - mean[j]) * scale[j];
    } else { /* learned scaling */
        for (j = 0; j < dim; ++j) out[j] = x[j] * scale[j];
    }
}

static float raw_score(vigil_state_header *h, const float *x) {
    const vigil_family_ops *ops = vigil_family_get(h->recipe.model.family);
    float *work = vigil_state_floats(h, h->off_work);
    transform(h, x, work);
    return ops->score((const uint8_t *)h + h->off_family, &h->recipe.model, (uint16_t)h->plan.dim, work);
}

static vigil_status learn_checked(vigil_state_header *h, const float *x) {
    const vigil_family_ops *ops = vigil_family_get(h->recipe.model.family);
    float *work = vigil_state_floats(h, h->off_work);
    const uint32_t dim = h->plan.dim;

    if (h->learn_count >= vigil_calibration_warmup(h->recipe.min_learn))
        vigil_calibration_add(&h->cal, raw_score(h, x));
    if (vigil_state_has_stats(h)) {
        if (h->stdz_count < UINT32_MAX) h->stdz_count += 1u;
        vigil_welford_update(h->stdz_count, vigil_state_floats(h, h->off_mean), x, dim, CFG_STANDARDIZE(&h->recipe));
    }
    transform(h, x, work);
    ops->learn((uint8_t *)h + h->off_family, &h->recipe.model, (uint16_t)dim, work);
    if (h->learn_count < UINT32_MAX) h->learn_count += 1u;
    return h->learn_count >= h->recipe.min_learn ? VIGIL_LEARNING_DONE : VIGIL_LEARNING_IN_PROGRESS;
}

vigil_status vigil_model_learn_features(void *state, const float *features) {
    vigil_state_header *h = vigil_state_get(state);
    if (h == NULL) return state_error(state);
    if (features == NULL || !vigil_all_finite(features, h->plan.dim)) return VIGIL_BAD_ARGUMENT;
    return learn_checked(h, features);
}

/* The features of a signal in the state's scratch; BAD_ARGUMENT for a bad signal (nothing
 * learned changes: only the scratch may have been used) or features that overflowed. */
static vigil_status extract(vigil_state_header *h, const float *signal) {
    float *features = vigil_state_floats(h, h->off_features);
    if (!vigil_features_check(&h->recipe, &h->plan, signal)) return VIGIL_BAD_ARGUMENT;
    vigil_features_run(&h->recipe, &h->plan, signal, features, vigil_state_floats(h, h->off_work));
    return vigil_all_finite(features, h->plan.dim) ? VIGIL_OK : VIGIL_BAD_ARGUMENT;
}

vigil_status vigil_model_learn(void *state, const float *signal) {
    vigil_state_header *h = vigil_state_get(state);
    if (h == NULL) return state_error(state);
    if (signal == NULL || extract(h, signal) != VIGIL_OK) return VIGIL_BAD_ARGUMENT;
    return learn_checked(h, vigil_state_floats(h, h->off_features));
}

static vigil_status similarity_checked(vigil_state_header *h, const float *x, float *similarity) {
    if (h->learn_count < h->recipe.min_learn) return VIGIL_NOT_INITIALIZED;
    *similarity = vigil_calibration_similarity(&h->cal, raw_score(h, x), h->sensitivity);
    return VIGIL_OK;
}

vigil_status vigil_model_similarity_features(void *state, const float *features, float *similarity) {
    vigil_state_header *h = vigil_state_get(state);
    if (h == NULL) return state_error(state);
    if (features == NULL || similarity == NULL || !vigil_all_finite(features, h->plan.dim))
        return VIGIL_BAD_ARGUMENT;
    return similarity_checked(h, features, similarity);
}

vigil_status vigil_model_similarity(void *state, const float *signal, float *similarity) {
    vigil_state_header *h = vigil_state_get(state);
    if (h == NULL) return state_error(state);
    if (signal == NULL || similarity == NULL) return VIGIL_BAD_ARGUMENT;
    if (h->learn_count < h->recipe.min_learn) /* a bad signal is still a bad argument */
        return vigil_all_finite(signal, (uint32_t)h->recipe.axes * h->recipe.length) ? VIGIL_NOT_INITIALIZED
                                                                                       : VIGIL_BAD_ARGUMENT;
    if (extract(h, signal) != VIGIL_OK) return VIGIL_BAD_ARGUMENT;
    return similarity_checked(h, vigil_state_floats(h, h->off_features), similarity);
}

vigil_status vigil_model_detect(void *state, const float *signal, uint8_t *similarity) {
    float s = 0.0f;
    vigil_status st;
    if (similarity == NULL) return VIGIL_BAD_ARGUMENT;
    st = vigil_model_similarity(state, signal, &s);
    /* Truncation, not rounding: detect < 90 exactly when the similarity is < 90. */
    if (st == VIGIL_OK) *similarity = (uint8_t)s;
    return st;
}

vigil_status vigil_model_set_sensitivity(void *state, float sensitivity) {
    vigil_state_header *h = vigil_state_get(state);
    if (h == NULL) return state_error(state);
    if (!(sensitivity > 0.0f && sensitivity <= SENSITIVITY_MAX)) return VIGIL_BAD_ARGUMENT;
    h->sensitivity = sensitivity;
    return VIGIL_OK;
}

float vigil_model_get_sensitivity(const void *state) {
    const vigil_state_header *h = vigil_state_get_c(state);
    return h == NULL ? 0.0f : h->sensitivity;
}

uint32_t vigil_model_learn_count(const void *state) {
    const vigil_state_header *h = vigil_state_get_c(state);
    return h == NULL ? 0u : h->learn_count;
}

/* The preprocessing pipeline without argument checks (internal): core.c calls it on a state it
 * has already validated. */
#ifndef VIGIL_FEATURE_PIPELINE_H
#define VIGIL_FEATURE_PIPELINE_H

#include "config_use.h"
#include "plan.h"

/* 1 when all n values are finite. */
int vigil_all_finite(const float *x, uint32_t n);

/* The paths of the pipeline (features.c): nothing needs the axis on its own before the window,
 * so it can be read straight from the interleaved signal ... */
static inline int vigil_direct_load(const vigil_recipe *r) {
    return !CFG_DECIMATED(r) && !CFG_SCALING(r, VIGIL_SCALING_PER_SIGNAL) && !CFG_DETREND(r, VIGIL_DETREND_LINEAR) &&
           !CFG_FEATURE(r, VIGIL_FEAT_STATS) && !CFG_FEATURE(r, VIGIL_FEAT_TRENDS) && !CFG_FEATURE(r, VIGIL_FEAT_VALUES);
}

/* ... and the length is a power of two: the fast path. */
static inline int vigil_fast_path(const vigil_recipe *r, const vigil_plan *p) {
    return CFG_FFT_LENGTH(p) != 0u && vigil_direct_load(r) && CFG_SAMPLES(p) == CFG_FFT_LENGTH(p);
}

/* 1 unless the signal must be refused before anything is written: checks every sample where
 * the pipeline would not notice a non-finite one itself (callers check the features after
 * extraction). */
static inline int vigil_features_check(const vigil_recipe *r, const vigil_plan *p, const float *signal) {
    /* The fast path needs no pass of its own: every sample goes through sums and the FFT into
     * every feature, and NaN or inf never becomes finite there, so a bad sample shows as
     * non-finite features (which the callers check, as they check for overflow). */
    if (vigil_fast_path(r, p)) return 1;
    return vigil_all_finite(signal, (uint32_t)r->axes * r->length);
}

/* Extracts the plan's dim features of one signal into out, using work (plan->work floats) as
 * the only scratch. The recipe must be valid and vigil_features_check must have accepted the
 * signal; the features must then be checked (vigil_all_finite). */
void vigil_features_run(const vigil_recipe *r, const vigil_plan *p, const float *signal, float *out,
                        float *work);

#endif

/* The preprocessing pipeline: the recipe's steps in a fixed order, one axis at a time through a
 * single scratch of plan.work floats, so RAM does not grow with the number of axes.
 *
 * Per axis: extract + decimate -> detrend -> per-signal scaling -> [time statistics]
 *           -> (spectral) Hann window over the m real samples -> zero-pad to n -> real FFT
 *           -> [amplitude spectrum] [linear bands] [log bands] -> log(1 + x) on spectral values.
 * Feature order: axis by axis, and within an axis the blocks in that order. Stateless: the
 * output depends only on the recipe and the signal, so the engine computes it once per signal
 * and shares it across every model with the same preprocessing. */
#include "feature_pipeline.h"

#include <stdint.h>

#include "preprocess.h"
#include "vigil_core.h"
#include "vigil_math.h"

int vigil_all_finite(const float *x, uint32_t n) {
    /* x - x is 0 for every finite x and NaN for NaN or +-inf, and NaN survives the sum: one
     * subtraction and one addition per value, no branch (a compare per value cost ~20
     * instructions per sample on Cortex-M4). Needs IEEE semantics: no fast-math. */
    float acc = 0.0f;
    uint32_t i;
    for (i = 0; i < n; ++i) acc += x[i] - x[i];
    return acc == 0.0f;
}

void vigil_features_run(const vigil_recipe *r, const vigil_plan *p, const float *signal,
                        float *out, float *work) {
    uint16_t lin_edges[VIGIL_MAX_BANDS + 1u], log_edges[VIGIL_MAX_BANDS + 1u];
    uint32_t axis, i;
    if (r->features & VIGIL_FEAT_BANDS_LINEAR) vigil_band_edges_linear(p->n, r->bands, lin_edges);
    if (r->features & VIGIL_FEAT_BANDS_LOG) vigil_band_edges_log(p->n, r->bands, log_edges);

    for (axis = 0; axis < r->axes; ++axis) {
        const uint32_t m = vigil_decimate_axis(signal, r->axes, r->length, axis, r->decimation, work);
        if (r->detrend == VIGIL_DETREND_MEAN) vigil_remove_mean(work, m);
        if (r->detrend == VIGIL_DETREND_LINEAR) vigil_remove_linear_trend(work, m);
        if (r->scaling == VIGIL_SCALING_PER_SIGNAL) vigil_scale_unit_rms(work, m);
        if (r->features & VIGIL_FEAT_STATS) {
            vigil_time_stats(work, m, out);
            out += VIGIL_TIME_STATS;
        }
        if (p->n == 0u) continue;

        if (r->window == VIGIL_WINDOW_HANN) vigil_hann_apply(work, m);
        for (i = m; i < p->n; ++i) work[i] = 0.0f;
        vigil_rfft(work, p->n);
        if (r->features & VIGIL_FEAT_SPECTRUM) {
            const uint32_t bins = p->n / 2u + 1u;
            vigil_spectrum_amplitude(work, p->n, out);
            if (r->log_magnitude) vigil_log1p_inplace(out, bins);
            out += bins;
        }
        if (r->features & VIGIL_FEAT_BANDS_LINEAR) {
            vigil_band_energies(work, p->n, lin_edges, r->bands, out);
            if (r->log_magnitude) vigil_log1p_inplace(out, r->bands);
            out += r->bands;
        }
        if (r->features & VIGIL_FEAT_BANDS_LOG) {
            vigil_band_energies(work, p->n, log_edges, r->bands, out);
            if (r->log_magnitude) vigil_log1p_inplace(out, r->bands);
            out += r->bands;
        }
    }
}

size_t vigil_features_scratch_size(const vigil_recipe *r) {
    vigil_plan p;
    if (vigil_recipe_validate(r) != VIGIL_OK || !vigil_recipe_plan(r, &p)) return 0;
    return ((size_t)p.work * sizeof(float) + 7u) & ~(size_t)7u;
}

vigil_status vigil_features_extract(const vigil_recipe *r, const float *signal, float *out,
                                    void *scratch, size_t scratch_size) {
    vigil_plan p;
    if (signal == NULL || out == NULL || scratch == NULL) return VIGIL_BAD_ARGUMENT;
    if (vigil_recipe_validate(r) != VIGIL_OK || !vigil_recipe_plan(r, &p)) return VIGIL_BAD_ARGUMENT;
    if (((uintptr_t)scratch & 7u) != 0u || scratch_size < (size_t)p.work * sizeof(float))
        return VIGIL_BAD_ARGUMENT;
    if (!vigil_all_finite(signal, (uint32_t)r->axes * r->length)) return VIGIL_BAD_ARGUMENT;
    vigil_features_run(r, &p, signal, out, (float *)scratch);
    /* finite input can still overflow (e.g. squares of 1e30) */
    return vigil_all_finite(out, p.dim) ? VIGIL_OK : VIGIL_BAD_ARGUMENT;
}

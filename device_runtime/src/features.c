/* The preprocessing pipeline: the recipe's steps in a fixed order, one axis at a time through a
 * single scratch of plan.work floats, so RAM does not grow with the number of axes.
 *
 * Per axis: extract + decimate -> detrend -> per-signal scaling -> [time statistics]
 *           -> (spectral) Hann window over the m real samples -> zero-pad to n -> real FFT
 *           (the steps up to the FFT fused into one pass where the recipe allows: fused_load)
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
    /* x - x is 0 for every finite x and NaN for NaN or +-inf, and NaN survives the sums: one
     * subtraction and one addition per value, no branch (a compare per value cost ~20
     * instructions per sample on Cortex-M4). Four independent sums: the answer does not depend
     * on the order, and the loop overhead is paid once per four values. Needs IEEE semantics:
     * no fast-math. */
    float acc0 = 0.0f, acc1 = 0.0f, acc2 = 0.0f, acc3 = 0.0f;
    uint32_t i;
    for (i = 0; i + 4u <= n; i += 4u) {
        acc0 += x[i] - x[i];
        acc1 += x[i + 1u] - x[i + 1u];
        acc2 += x[i + 2u] - x[i + 2u];
        acc3 += x[i + 3u] - x[i + 3u];
    }
    for (; i < n; ++i) acc0 += x[i] - x[i];
    return (acc0 + acc1) + (acc2 + acc3) == 0.0f;
}

/* The spectral-only pipeline of one axis fused into one read of the interleaved signal (plus
 * one strided pass for the mean): gather, centre and window in one loop, zero-pad. It applies
 * when nothing needs the axis in between (no decimation, per-signal scaling, linear trend or
 * time statistics) and gives the same bits as the step-by-step path (same operations, same
 * order: vigil_strided_mean sums like vigil_remove_mean, vigil_hann_apply is vigil_hann_load). */
static int fused_load_applies(const vigil_recipe *r) {
    return r->decimation == 1u && r->scaling != VIGIL_SCALING_PER_SIGNAL &&
           r->detrend != VIGIL_DETREND_LINEAR && !(r->features & VIGIL_FEAT_STATS);
}

/* Returns 1 when work holds the FFT input already in bit-reversed order (Hann over a
 * power-of-two length: the window pass stores each value where the FFT's permutation would). */
static int fused_load(const vigil_recipe *r, const vigil_plan *p, const float *signal,
                      uint32_t axis, float *work) {
    const float *src = signal + axis;
    const uint32_t stride = r->axes, m = p->m;
    const float mean = r->detrend == VIGIL_DETREND_MEAN ? vigil_strided_mean(src, stride, m) : 0.0f;
    uint32_t i;
    if (r->window == VIGIL_WINDOW_HANN && m == p->n && m >= 8u) {
        vigil_hann_load_bitreversed(src, stride, mean, m, work);
        return 1;
    }
    for (i = 0; i < m; ++i) work[i] = src[i * stride] - mean; /* (x - 0 is x: no detrend) */
    if (r->window == VIGIL_WINDOW_HANN) vigil_hann_apply(work, m);
    for (i = m; i < p->n; ++i) work[i] = 0.0f;
    return 0;
}

void vigil_features_run(const vigil_recipe *r, const vigil_plan *p, const float *signal,
                        float *out, float *work) {
    uint16_t lin_edges[VIGIL_MAX_BANDS + 1u], log_edges[VIGIL_MAX_BANDS + 1u];
    uint32_t axis, i;
    if (r->features & VIGIL_FEAT_BANDS_LINEAR) vigil_band_edges_linear(p->n, r->bands, lin_edges);
    if (r->features & VIGIL_FEAT_BANDS_LOG) vigil_band_edges_log(p->n, r->bands, log_edges);

    for (axis = 0; axis < r->axes; ++axis) {
        int bitreversed = 0;
        if (p->n != 0u && fused_load_applies(r)) {
            bitreversed = fused_load(r, p, signal, axis, work);
        } else {
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
        }
        if (bitreversed) {
            vigil_rfft_bitreversed(work, p->n);
        } else {
            vigil_rfft(work, p->n);
        }
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

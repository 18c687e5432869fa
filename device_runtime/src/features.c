/* The preprocessing pipeline: the recipe's steps in a fixed order, one axis at a time through a
 * single scratch of plan.work floats, so RAM does not grow with the number of axes.
 *
 * Per axis: extract + decimate -> detrend -> per-signal scaling -> [time statistics] [trends]
 *           -> [values, signed log with log_magnitude]
 *           -> (spectral) Hann window over the m real samples -> zero-pad to n -> real FFT
 *           -> [amplitude spectrum] [linear bands] [log bands] -> log(1 + x) on spectral values.
 * Then, once per signal, [cross-channel features] from the raw signal.
 * Feature order: axis by axis, and within an axis the blocks in that order; cross last. Stateless: the
 * output depends only on the recipe and the signal, so the engine computes it once per signal
 * and shares it across every model with the same preprocessing.
 *
 * The fast path (spectral features from a power-of-two length, with nothing that needs the
 * axis on its own: no decimation, per-signal scaling, linear trend or time statistics) reads
 * each sample once: one pass gathers the axis from the interleaved signal, subtracts its first
 * sample, windows, stores in the FFT's bit-reversed input order and does the FFT's first stage
 * (window.c), summing the values as it goes; the remaining stages follow, then a split that
 * keeps only what the features read. Mean removal is finished in the frequency domain: the
 * signal minus its mean differs from the signal minus its first sample by the constant
 * (sum / n), whose windowed spectrum is (sum / n) W[k], with W the window's own spectrum:
 * W[0] = n, others 0 without a window; W[0] = n/2, W[1] = -n/4, others 0 for Hann. So bins >= 2
 * need nothing and bins 0 and 1 get exact corrections. Subtracting the first sample (not 0)
 * keeps the FFT's input as small as the centred signal, so its rounding is as small.
 *
 * vigil_config.h decides what a build can run: with a library's generated configuration every
 * branch its recipe never takes folds away at compile time, and the twiddle table and band
 * edges are const data instead of being computed per call. */
#include "feature_pipeline.h"

#include <stdint.h>

#include "hann_load.h"
#include "preprocess.h"
#include "config_use.h"
#include "vigil_core.h"
#include "vigil_math.h"

int vigil_all_finite(const float *x, uint32_t n) {
    /* x - x is 0 for every finite x and NaN for NaN or +-inf, and NaN survives the sums: one
     * subtraction and one addition per value, no branch (a compare per value cost ~20
     * instructions per sample on Cortex-M4). Four independent sums: the answer does not depend
     * on the order, and the loop overhead is paid once per four values. Needs IEEE semantics:
     * no fast-math. (A library built for one recipe checks only its features and, before
     * learning is done, a signal: one sum, in less flash.) */
    float acc0 = 0.0f, acc1 = 0.0f, acc2 = 0.0f, acc3 = 0.0f;
    uint32_t i = 0;
#if !VIGIL_CFG_ONE_RECIPE
    for (; i + 4u <= n; i += 4u) {
        acc0 += x[i] - x[i];
        acc1 += x[i + 1u] - x[i + 1u];
        acc2 += x[i + 2u] - x[i + 2u];
        acc3 += x[i + 3u] - x[i + 3u];
    }
#endif
    for (; i < n; ++i) acc0 += x[i] - x[i];
    return (acc0 + acc1) + (acc2 + acc3) == 0.0f;
}

/* The spectral features of one axis from its complex FFT in work. mean_sum: the fast path's
 * sum of the axis minus its first sample (0 elsewhere), for the mean's correction. */
static float *spectral_features(const vigil_recipe *r, uint32_t n, const float *tw,
                                const uint16_t *lin_edges, const uint16_t *log_edges, float mean_sum,
                                float *work, float *out) {
    const int hann = CFG_HANN(r);
    const float bin1 = hann ? 0.5f * mean_sum : 0.0f; /* on 2X[1]: (sum / n)(n / 4) x 2 */
    float *first = out;
    if (CFG_FEATURE(r, VIGIL_FEAT_SPECTRUM)) {
        vigil_rfft_split(work, n, tw);
        work[0] -= hann ? 0.5f * mean_sum : mean_sum; /* X[0] - (sum / n) W[0] */
        work[2] += 0.5f * bin1;                       /* X[1] - (sum / n) W[1] */
        vigil_spectrum_amplitude(work, n, out);
        out += n / 2u + 1u;
        if (CFG_FEATURE(r, VIGIL_FEAT_BANDS_LINEAR)) {
            vigil_band_energies(work, n, lin_edges, r->bands, out);
            out += r->bands;
        }
        if (CFG_FEATURE(r, VIGIL_FEAT_BANDS_LOG)) {
            vigil_band_energies(work, n, log_edges, r->bands, out);
            out += r->bands;
        }
    } else {
        vigil_rfft_split_power(work, n, tw, bin1);
        if (CFG_FEATURE(r, VIGIL_FEAT_BANDS_LINEAR)) {
            vigil_band_powers(work, n, lin_edges, r->bands, out);
            out += r->bands;
        }
        if (CFG_FEATURE(r, VIGIL_FEAT_BANDS_LOG)) {
            vigil_band_powers(work, n, log_edges, r->bands, out);
            out += r->bands;
        }
    }
    if (CFG_LOG_MAGNITUDE(r)) /* log(1 + x) (spectral features are >= 0) */
        for (; first < out; ++first) *first = vigil_log1pf_nonneg(*first);
    return out;
}

/* One axis of the other paths, up to the FFT's input in work (m samples). Returns the next
 * output position (after the time statistics). */
static float *time_domain(const vigil_recipe *r, const vigil_plan *p, const float *signal, uint32_t axis,
                          float *out, float *work) {
    uint32_t m, i;
    if (vigil_direct_load(r)) { /* gather and centre only (a non-power-of-two length) */
        const float *src = signal + axis;
        const float mean = CFG_DETREND(r, VIGIL_DETREND_MEAN) ? vigil_strided_mean(src, r->axes, CFG_SAMPLES(p)) : 0.0f;
        m = CFG_SAMPLES(p);
        for (i = 0; i < m; ++i) work[i] = src[i * r->axes] - mean; /* (x - 0 is x: no detrend) */
        return out;
    }
    m = vigil_decimate_axis(signal, r->axes, r->length, axis, r->decimation, work);
    if (CFG_DETREND(r, VIGIL_DETREND_MEAN)) vigil_remove_mean(work, m);
    if (CFG_DETREND(r, VIGIL_DETREND_LINEAR)) vigil_remove_linear_trend(work, m);
    if (CFG_SCALING(r, VIGIL_SCALING_PER_SIGNAL)) vigil_scale_unit_rms(work, m);
    if (CFG_FEATURE(r, VIGIL_FEAT_STATS)) {
        vigil_time_stats(work, m, out);
        out += VIGIL_TIME_STATS;
    }
    if (CFG_FEATURE(r, VIGIL_FEAT_TRENDS)) {
        vigil_trends(work, m, out);
        out += VIGIL_TRENDS;
    }
    if (CFG_FEATURE(r, VIGIL_FEAT_VALUES)) { /* before the window changes work */
        vigil_values(work, m, CFG_LOG_MAGNITUDE(r), out);
        out += m;
    }
    return out;
}

/* The fixed-point path: per axis, integer powers (fixed.c), then the band sums, or their
 * log(1 + x), as floats. work is used as n int32 only, in fixed.c (another translation unit). */
static void fixed_run(const vigil_recipe *r, uint32_t n, const float *tw, const float *signal, float *out,
                      float *work, const uint16_t *lin_edges, const uint16_t *log_edges) {
#if defined(VIGIL_CFG_TWIDDLES_Q15)
    static const uint16_t cq[] = VIGIL_CFG_TWIDDLES_Q15;
    (void)tw;
#else
    uint16_t cq[n / 4u + 1u]; /* the host: from the float table, once per signal */
    vigil_fixed_cos_q15(n, tw, cq);
#endif
    uint32_t axis;
    for (axis = 0; axis < CFG_AXES(r); ++axis) {
        int32_t *z = (int32_t *)(void *)work;
        const int32_t g = vigil_fixed_powers(signal + axis, CFG_AXES(r), n, CFG_DETREND(r, VIGIL_DETREND_MEAN),
                                             CFG_HANN(r), cq, z);
        if (CFG_FEATURE(r, VIGIL_FEAT_BANDS_LINEAR)) {
            vigil_fixed_bands(z, n, g, lin_edges, r->bands, CFG_LOG_MAGNITUDE(r), out);
            out += r->bands;
        }
        if (CFG_FEATURE(r, VIGIL_FEAT_BANDS_LOG)) {
            vigil_fixed_bands(z, n, g, log_edges, r->bands, CFG_LOG_MAGNITUDE(r), out);
            out += r->bands;
        }
    }
}

void vigil_features_run(const vigil_recipe *r, const vigil_plan *p, const float *signal, float *out,
                        float *work) {
    const uint32_t n = CFG_FFT_LENGTH(p);
#if defined(VIGIL_CFG_EDGES_LINEAR)
    static const uint16_t lin_edges[] = VIGIL_CFG_EDGES_LINEAR;
#else
    uint16_t lin_edges[VIGIL_MAX_BANDS + 1u];
#endif
#if defined(VIGIL_CFG_EDGES_LOG)
    static const uint16_t log_edges[] = VIGIL_CFG_EDGES_LOG;
#else
    uint16_t log_edges[VIGIL_MAX_BANDS + 1u];
#endif
#if defined(VIGIL_CFG_TWIDDLES)
    static const float tw[] = VIGIL_CFG_TWIDDLES;
#else
    float tw[(p->n != 0u ? p->n / 4u : 0u) + 1u]; /* the host: computed once per signal */
    if (n != 0u) vigil_twiddles(n, tw);
#endif
    uint32_t axis, i;
#if !defined(VIGIL_CFG_EDGES_LINEAR)
    if (CFG_FEATURE(r, VIGIL_FEAT_BANDS_LINEAR)) vigil_band_edges_linear(n, r->bands, lin_edges);
#endif
#if !defined(VIGIL_CFG_EDGES_LOG)
    if (CFG_FEATURE(r, VIGIL_FEAT_BANDS_LOG)) vigil_band_edges_log(n, r->bands, log_edges);
#endif
    if (CFG_FIXED(r)) { /* integer spectra (fixed.c): band features of the fast path's shape only */
        fixed_run(r, n, tw, signal, out, work, lin_edges, log_edges);
        return;
    }

    for (axis = 0; axis < CFG_AXES(r); ++axis) {
        float mean_sum = 0.0f;
        if (vigil_fast_path(r, p)) {
            const float *src = signal + axis;
            const int centre = CFG_DETREND(r, VIGIL_DETREND_MEAN);
            const float sum = vigil_hann_stage1_load(src, CFG_AXES(r), centre ? src[0] : 0.0f, n, tw, CFG_HANN(r), work);
            if (centre) mean_sum = sum;
            vigil_fft_stages(work, n / 2u, tw, 1);
        } else {
            out = time_domain(r, p, signal, axis, out, work);
            if (n == 0u) continue;
            if (CFG_HANN(r)) {
                if (CFG_SAMPLES(p) == n) {
                    vigil_hann_apply_table(work, n, tw);
                } else {
                    vigil_hann_apply(work, CFG_SAMPLES(p));
                }
            }
            for (i = CFG_SAMPLES(p); i < n; ++i) work[i] = 0.0f;
            vigil_bit_reverse(work, n / 2u);
            vigil_fft_stages(work, n / 2u, tw, 0);
        }
        out = spectral_features(r, n, tw, lin_edges, log_edges, mean_sum, work, out);
    }
    if (CFG_FEATURE(r, VIGIL_FEAT_CROSS)) vigil_cross_channel(signal, CFG_AXES(r), r->length, work, out);
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
    if (!vigil_features_check(r, &p, signal)) return VIGIL_BAD_ARGUMENT;
    vigil_features_run(r, &p, signal, out, (float *)scratch);
    /* non-finite input (on the fast path), or finite input that overflowed (squares of 1e30) */
    return vigil_all_finite(out, p.dim) ? VIGIL_OK : VIGIL_BAD_ARGUMENT;
}

/* Cross-channel features (VIGIL_FEAT_CROSS): a broken relationship between channels (the flow
 * no longer follows the pump current) shows in neither channel alone. From the raw interleaved
 * signal (no per-axis step applies: correlation ignores offsets and scales, and a detrend would
 * erase the levels), for every pair i < j in order (0,1), (0,2), ..., (1,2), ...:
 *   first all level differences  mean_i - mean_j,
 *   then all correlations        cov_ij / sqrt(var_i var_j)   (0 when a channel is constant).
 * axes (axes - 1) features. Two passes (means, then centred products) for accuracy; work holds
 * 2 axes floats (means, then variances). */
#include "preprocess.h"

#include "fsqrt.h"

/* Below this relative variance a channel is constant up to rounding: its correlation is 0. */
#define CONSTANT_VARIANCE 1.0e-10f

void vigil_cross_channel(const float *signal, uint32_t axes, uint32_t length, float *work, float *out) {
    float *mean = work, *var = work + axes;
    const uint32_t pairs = axes * (axes - 1u) / 2u;
    float *levels = out, *corr = out + pairs;
    uint32_t a, b, t, k;
    for (a = 0; a < axes; ++a) {
        mean[a] = vigil_strided_mean(signal + a, axes, length);
        var[a] = 0.0f;
    }
    for (t = 0; t < length; ++t)
        for (a = 0; a < axes; ++a) {
            const float d = signal[t * axes + a] - mean[a];
            var[a] += d * d;
        }
    for (a = 0, k = 0; a < axes; ++a)
        for (b = a + 1u; b < axes; ++b, ++k) {
            /* constant relative to the channel's own sum of squares, like time_stats.c's test */
            const float sq_a = var[a] + mean[a] * mean[a] * (float)length;
            const float sq_b = var[b] + mean[b] * mean[b] * (float)length;
            float cov = 0.0f;
            levels[k] = mean[a] - mean[b];
            for (t = 0; t < length; ++t)
                cov += (signal[t * axes + a] - mean[a]) * (signal[t * axes + b] - mean[b]);
            if (!(var[a] > CONSTANT_VARIANCE * sq_a) || !(var[b] > CONSTANT_VARIANCE * sq_b))
                corr[k] = 0.0f;
            else
                corr[k] = cov / vigil_sqrtf(var[a] * var[b]);
        }
}

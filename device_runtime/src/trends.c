/* Per-channel summaries for slow process data (VIGIL_FEAT_TRENDS): a fault there shows as a
 * level change, a drift, a changed slope or spread, not as a tone. Over the n values of one
 * channel in one line:
 *   level = mean                     spread = standard deviation (about the mean)
 *   change = slope of the least-squares line times (n - 1), the drift across the line
 *   range = max - min                last - first
 * With t_i = i - (n-1)/2 the slope is sum t_i x_i / sum t_i^2, sum t_i^2 = n (n^2 - 1) / 12
 * (as in detrend.c). Read the values before any detrending for the level to mean anything:
 * the candidate space pairs this block with detrend none. */
#include "preprocess.h"

#include "fsqrt.h"

void vigil_trends(const float *x, uint32_t n, float out[VIGIL_TRENDS]) {
    const float nf = (float)n, centre = 0.5f * (float)(n - 1u);
    float sum = 0.0f, m2 = 0.0f, sxt = 0.0f, lo = x[0], hi = x[0], mean;
    uint32_t i;
    for (i = 0; i < n; ++i) {
        const float v = x[i];
        sum += v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
    }
    mean = sum / nf;
    for (i = 0; i < n; ++i) {
        const float d = x[i] - mean;
        m2 += d * d;
        sxt += ((float)i - centre) * d;
    }
    out[0] = mean;
    out[1] = vigil_sqrtf(m2 / nf);
    out[2] = n > 1u ? sxt / (nf * (nf * nf - 1.0f) / 12.0f) * (nf - 1.0f) : 0.0f;
    out[3] = hi - lo;
    out[4] = x[n - 1u] - x[0];
}

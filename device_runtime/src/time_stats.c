/* Time-domain statistics of one axis, two passes (mean, then central moments) for accuracy:
 *   RMS = sqrt(mean x^2)          std = sqrt(m2)             peak-to-peak = max - min
 *   crest = max|x| / RMS          skewness = m3 / m2^1.5     kurtosis = m4 / m2^2 (not excess)
 *   mean-crossing rate = sign changes of (x - mean) / (n - 1)
 * with m_k = mean (x - mean)^k. Crossings are counted around the mean so an offset does not
 * hide them whatever the detrend option. A (numerically) constant axis has skewness and
 * kurtosis 0 and a crest factor 0 if it is all zero. */
#include "preprocess.h"

#include "fsqrt.h"

/* Below this relative variance the axis is constant up to rounding: higher moments would only
 * amplify rounding noise. */
#define DEGENERATE_VARIANCE 1.0e-10f

void vigil_time_stats(const float *x, uint32_t n, float out[VIGIL_TIME_STATS]) {
    float sum = 0.0f, sum_sq = 0.0f, m2 = 0.0f, m3 = 0.0f, m4 = 0.0f;
    float lo = x[0], hi = x[0], peak = 0.0f, mean, rms, inv_n = 1.0f / (float)n;
    uint32_t i, crossings = 0;
    int prev_positive;

    for (i = 0; i < n; ++i) {
        const float v = x[i];
        const float a = v < 0.0f ? -v : v;
        sum += v;
        sum_sq += v * v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        if (a > peak) peak = a;
    }
    mean = sum * inv_n;
    prev_positive = x[0] - mean >= 0.0f;
    for (i = 0; i < n; ++i) {
        const float d = x[i] - mean;
        const float d2 = d * d;
        const int positive = d >= 0.0f;
        m2 += d2;
        m3 += d2 * d;
        m4 += d2 * d2;
        if (positive != prev_positive) ++crossings;
        prev_positive = positive;
    }
    m2 *= inv_n;
    m3 *= inv_n;
    m4 *= inv_n;
    rms = vigil_sqrtf(sum_sq * inv_n);

    out[0] = rms;
    out[1] = vigil_sqrtf(m2);
    out[2] = hi - lo;
    out[3] = rms > 0.0f ? peak / rms : 0.0f;
    if (m2 > DEGENERATE_VARIANCE * (sum_sq * inv_n) && m2 > 0.0f) {
        out[4] = m3 / (m2 * vigil_sqrtf(m2));
        out[5] = m4 / (m2 * m2);
    } else {
        out[4] = 0.0f;
        out[5] = 0.0f;
    }
    out[6] = n > 1u ? (float)crossings / (float)(n - 1u) : 0.0f;
}

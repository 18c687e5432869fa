/* Welford's online mean and sum of squared deviations, per feature:
 *   delta = x - mean;  mean += delta / count;  m2 += delta (x - mean)
 * Stable in float over long runs (no difference of large sums); variance = m2 / count.
 * In the same loop, the factor s of the learned transform (docs/runtime.md): with
 * standardisation s = 1 / sqrt(var + 1e-6 mean^2 + 1e-30) (a feature constant during learning
 * gives big, finite z-scores), else (learned scaling) s = 1 / sqrt(mean^2 + var), 1 when that
 * is 0. One loop for both keeps the library small (it runs on every learn). */
#include "preprocess.h"

#include "config_use.h"
#include "fsqrt.h"

#define STD_FLOOR_REL2 1.0e-6f
#define STD_FLOOR_ABS2 1.0e-30f

void vigil_welford_update(uint32_t count, float *stats, const float *x, uint32_t dim, int standardize) {
    const uint32_t stride = (dim + 1u) & ~1u; /* align8(4 dim) bytes, in floats */
    float *const mean = stats, *const m2 = stats + stride, *const scale = m2 + stride;
    const float inv = 1.0f / (float)count;
    /* a compiled library allows one of the two: the other branch is not built */
    const int stdz = CFG_HAS(VIGIL_CFG_STANDARDIZE, 1u) && (!CFG_HAS(VIGIL_CFG_STANDARDIZE, 0u) || standardize);
    uint32_t j;
    for (j = 0; j < dim; ++j) {
        float var, mu2;
        if (x != NULL) {
            const float delta = x[j] - mean[j];
            mean[j] += delta * inv;
            m2[j] += delta * (x[j] - mean[j]);
        }
        var = m2[j] * inv;
        mu2 = mean[j] * mean[j];
        if (stdz) {
            scale[j] = 1.0f / vigil_sqrtf(var + STD_FLOOR_REL2 * mu2 + STD_FLOOR_ABS2);
        } else {
            const float rms = vigil_sqrtf(mu2 + var);
            scale[j] = rms > 0.0f ? 1.0f / rms : 1.0f;
        }
    }
}

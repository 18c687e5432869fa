/* Welford's online mean and sum of squared deviations, per feature:
 *   delta = x - mean;  mean += delta / count;  m2 += delta (x - mean)
 * Stable in float over long runs (no difference of large sums); variance = m2 / count. */
#include "preprocess.h"

void vigil_welford_update(uint32_t count, float *mean, float *m2, const float *x, uint32_t dim) {
    const float inv = 1.0f / (float)count;
    uint32_t j;
    for (j = 0; j < dim; ++j) {
        const float delta = x[j] - mean[j];
        mean[j] += delta * inv;
        m2[j] += delta * (x[j] - mean[j]);
    }
}

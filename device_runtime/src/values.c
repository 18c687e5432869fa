/* The values themselves as features (VIGIL_FEAT_VALUES): for lines that already are feature
 * vectors (a magnitude spectrum from the sensor, per-cycle measurements), where an FFT would be
 * meaningless. Pooling comes from the recipe's decimation (block averages), so a 512-bin
 * spectrum fits a small RAM budget as 64 pooled bins. With log_magnitude each value becomes
 * sign(x) log(1 + |x|): log(1 + x) for the non-negative values of a spectrum, and still
 * monotonic and finite for signed ones. */
#include "preprocess.h"

#include "vigil_math.h"

void vigil_values(const float *x, uint32_t n, int signed_log, float *out) {
    uint32_t i;
    if (!signed_log) {
        for (i = 0; i < n; ++i) out[i] = x[i];
        return;
    }
    for (i = 0; i < n; ++i) {
        const float v = x[i];
        out[i] = v < 0.0f ? -vigil_log1pf_nonneg(-v) : vigil_log1pf_nonneg(v);
    }
}

/* Per-signal scaling: each axis divided by its own RMS after detrending, so the features
 * describe the shape of the signal, not its level (amplitude changes become invisible: that
 * is the point of choosing this option). Learned scaling is not here: it is part of the
 * model's state (see core.c and docs/runtime.md). */
#include "preprocess.h"

#include "fsqrt.h"

void vigil_scale_unit_rms(float *x, uint32_t n) {
    float acc = 0.0f, inv;
    uint32_t i;
    for (i = 0; i < n; ++i) acc += x[i] * x[i];
    if (!(acc > 0.0f)) return;
    inv = 1.0f / vigil_sqrtf(acc / (float)n);
    for (i = 0; i < n; ++i) x[i] *= inv;
}

/* Calibration of raw scores into similarity (formula in calibration.h and docs/runtime.md). */
#include "calibration.h"


#include "vigil_math.h"

#define LN_0_9 -0.105360515657826301f

/* Neither NaN nor +-inf: one integer test on the bits (the same answer as vigil_isfinite). */
static int finite(float x) {
    union {
        float f;
        uint32_t u;
    } b;
    b.f = x;
    return (b.u & 0x7f800000u) != 0x7f800000u;
}

void vigil_calibration_reset(vigil_calibration *c) {
    c->count = 0;
    c->mean = 0.0f;
    c->var = 0.0f;
}

void vigil_calibration_add(vigil_calibration *c, float score) {
    float alpha, delta;
    if (!finite(score) || score < 0.0f) return;
    /* Winsorised: once the estimate has VIGIL_CAL_ROBUST_AFTER scores, a score beyond the
     * current r90 counts as r90, so a few heavy-tailed learning scores cannot stretch the
     * threshold (mean + k std is not robust: one score of 100x the others moves it 10x). */
    if (c->count >= VIGIL_CAL_ROBUST_AFTER) {
        const float cap = vigil_calibration_r90(c);
        if (score > cap) score = cap;
    }
    if (c->count < UINT32_MAX) c->count += 1u;
    /* alpha = 1/count reproduces the exact (population) mean and variance; the floor at
     * 1/VIGIL_CAL_WINDOW turns it into an exponentially weighted window afterwards. */
    alpha = 1.0f / (float)(c->count < VIGIL_CAL_WINDOW ? c->count : VIGIL_CAL_WINDOW);
    delta = score - c->mean;
    c->mean += alpha * delta;
    c->var = (1.0f - alpha) * (c->var + alpha * delta * delta);
}

float vigil_calibration_similarity(const vigil_calibration *c, float score, float sensitivity) {
    float ratio, sim;
    if (!finite(score)) return 0.0f;
    if (score <= 0.0f) return 100.0f;
    ratio = sensitivity * (score / vigil_calibration_r90(c));
    if (!(ratio < 1000.0f)) return 0.0f; /* 0.9^1000 is 0 in float; also catches overflow */
    sim = 100.0f * vigil_expf_nonpositive(LN_0_9 * ratio); /* ratio in [0, 1000): finite, <= 0 */
    return sim < 100.0f ? sim : 100.0f;
}

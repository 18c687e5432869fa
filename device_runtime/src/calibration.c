/* Calibration of raw scores into similarity (formula in calibration.h and docs/runtime.md). */
#include "calibration.h"

#include <math.h>

#include "vigil_math.h"

#define LN_0_9 -0.105360515657826301f

uint32_t vigil_calibration_warmup(uint16_t min_learn) {
    const uint32_t half = (uint32_t)min_learn / 2u;
    return half > 2u ? half : 2u;
}

void vigil_calibration_reset(vigil_calibration *c) {
    c->count = 0;
    c->mean = 0.0f;
    c->var = 0.0f;
}

void vigil_calibration_add(vigil_calibration *c, float score) {
    float alpha, delta;
    if (!vigil_isfinite(score) || score < 0.0f) return;
    if (c->count < UINT32_MAX) c->count += 1u;
    /* alpha = 1/count reproduces the exact (population) mean and variance; the floor at
     * 1/VIGIL_CAL_WINDOW turns it into an exponentially weighted window afterwards. */
    alpha = 1.0f / (float)(c->count < VIGIL_CAL_WINDOW ? c->count : VIGIL_CAL_WINDOW);
    delta = score - c->mean;
    c->mean += alpha * delta;
    c->var = (1.0f - alpha) * (c->var + alpha * delta * delta);
}

float vigil_calibration_r90(const vigil_calibration *c) {
    const float r90 = c->mean + VIGIL_CAL_STDS * sqrtf(c->var);
    return r90 > VIGIL_CAL_MIN_R90 ? r90 : VIGIL_CAL_MIN_R90;
}

float vigil_calibration_similarity(const vigil_calibration *c, float score, float sensitivity) {
    float ratio, sim;
    if (!vigil_isfinite(score)) return 0.0f;
    if (score <= 0.0f) return 100.0f;
    ratio = sensitivity * (score / vigil_calibration_r90(c));
    if (!(ratio < 1000.0f)) return 0.0f; /* 0.9^1000 is 0 in float; also catches overflow */
    sim = 100.0f * vigil_expf(LN_0_9 * ratio);
    return sim < 100.0f ? sim : 100.0f;
}

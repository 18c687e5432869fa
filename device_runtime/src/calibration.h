/* Calibration (internal): turns a family's raw score (>= 0, larger = more anomalous, any scale)
 * into the 0..100 similarity, the same way for every family.
 *
 * While learning, each incoming vector is scored *before* it is learned (prequential: the model
 * sees it as new, like a signal at detect time), once warmed up. Those raw scores feed a running
 * mean and variance with weight 1/min(count, VIGIL_CAL_WINDOW): exact mean/variance for the
 * first VIGIL_CAL_WINDOW scores, then an exponential window that forgets the early, immature
 * model. Reference score r90 = mean + 2.5 std (VIGIL_CAL_STDS; docs/runtime.md says how it was
 * chosen), and
 *     similarity = 100 * 0.9^(sensitivity * score / r90)
 * so score 0 -> 100, score r90 -> 90 at sensitivity 1 (the anomaly threshold). */
#ifndef VIGIL_CALIBRATION_H
#define VIGIL_CALIBRATION_H

#include <stdint.h>

#include "fsqrt.h"

#define VIGIL_CAL_WINDOW 128u
#define VIGIL_CAL_STDS 2.5f
/* scores seen before the robust (winsorised) update starts */
#ifndef VIGIL_CAL_ROBUST_AFTER
#define VIGIL_CAL_ROBUST_AFTER 8u
#endif
/* r90 never goes below this: a model whose learned scores were all 0 calls any difference an
 * anomaly instead of dividing by zero. */
#define VIGIL_CAL_MIN_R90 1.0e-20f

typedef struct {
    uint32_t count; /* prequential scores seen */
    float mean;
    float var;
} vigil_calibration;

/* Learn calls after which learned vectors start to be scored: max(2, min_learn / 2), so at
 * least two scores exist when min_learn (>= 4) is reached. */
static inline uint32_t vigil_calibration_warmup(uint16_t min_learn) {
    const uint32_t half = (uint32_t)min_learn / 2u;
    return half > 2u ? half : 2u;
}
void vigil_calibration_reset(vigil_calibration *c);
/* Adds one raw score; non-finite scores are ignored. */
void vigil_calibration_add(vigil_calibration *c, float score);
/* r90 = max(mean + VIGIL_CAL_STDS std, VIGIL_CAL_MIN_R90). */
static inline float vigil_calibration_r90(const vigil_calibration *c) {
    const float r90 = c->mean + VIGIL_CAL_STDS * vigil_sqrtf(c->var);
    return r90 > VIGIL_CAL_MIN_R90 ? r90 : VIGIL_CAL_MIN_R90;
}
/* Similarity in [0, 100]; 0 for a non-finite score. */
float vigil_calibration_similarity(const vigil_calibration *c, float score, float sensitivity);

#endif

/* The preprocessing pipeline without argument checks (internal): core.c calls it on a state it
 * has already validated. */
#ifndef VIGIL_FEATURE_PIPELINE_H
#define VIGIL_FEATURE_PIPELINE_H

#include "plan.h"

/* 1 when all n values are finite. */
int vigil_all_finite(const float *x, uint32_t n);

/* Extracts the plan's dim features of one signal into out, using work (plan->work floats) as
 * the only scratch. The recipe must be valid and the signal finite. */
void vigil_features_run(const vigil_recipe *r, const vigil_plan *p, const float *signal,
                        float *out, float *work);

#endif

/* The sizes a recipe implies (internal): computed once by recipe.c and used by features.c and
 * core.c, so the feature count, the scratch and the state layout can never disagree. */
#ifndef VIGIL_PLAN_H
#define VIGIL_PLAN_H

#include <stdint.h>

#include "vigil_config.h"
#include "vigil_recipe.h"

typedef struct {
    uint32_t m;        /* samples per axis after decimation */
    uint32_t n;        /* FFT length (next power of two >= m), 0 without spectral features */
    uint32_t work;     /* floats of preprocessing scratch: n with spectral features, else m */
    uint32_t per_axis; /* features per axis */
    uint32_t dim;      /* features per signal */
} vigil_plan;

#if VIGIL_CFG_ONE_RECIPE
/* A library built for one recipe (vigil_config.h): the plan of that recipe, as the generic
 * vigil_recipe_plan computed it on the host when the library was compiled (vigil_recipe_validate
 * accepts that recipe only). Inline, so the state layout folds to constants. */
static inline int vigil_recipe_plan(const vigil_recipe *r, vigil_plan *p) {
    (void)r;
    p->m = VIGIL_CFG_M;
    p->n = VIGIL_CFG_N;
    p->work = VIGIL_CFG_WORK;
    p->per_axis = VIGIL_CFG_PER_AXIS;
    p->dim = VIGIL_CFG_DIM;
    return 1;
}
#else
/* Fills *p from the recipe's preprocessing fields; 0 if they are unusable (model not checked). */
int vigil_recipe_plan(const vigil_recipe *r, vigil_plan *p);
#endif

/* 1 if the recipe asks for any spectral feature block. */
int vigil_recipe_spectral(const vigil_recipe *r);

#endif

/* Small helpers shared by the model families (internal to the device runtime).
 *
 * Everything here uses only + - * /, sqrtf and comparisons, in a fixed loop order, so the host
 * build and every Cortex-M build compute bit-identical results (-ffp-contract=off keeps the
 * compiler from fusing a*b+c into an FMA on cores that have one). */
#ifndef VIGIL_FAMILY_UTIL_H
#define VIGIL_FAMILY_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "vigil_config.h"
#include "vigil_family.h"

/* Largest raw score a family returns: keeps the core's arithmetic finite even when a learned
 * spread is zero and the input differs (division by a floor of ~1e-12). */
#define VIGIL_SCORE_MAX 1.0e30f

/* Rounds a byte count up to the next multiple of 8 (every state block and sub-array starts on
 * an 8-byte boundary, so float and uint32 arrays are always aligned). */
static inline size_t vigil_align8(size_t bytes) { return (bytes + 7u) & ~(size_t)7u; }

/* Clamps a score to [0, VIGIL_SCORE_MAX]; NaN becomes VIGIL_SCORE_MAX (never "normal"). */
static inline float vigil_score_clamp(float s) {
    if (!(s <= VIGIL_SCORE_MAX)) return VIGIL_SCORE_MAX; /* also catches NaN */
    if (s < 0.0f) return 0.0f;
    return s;
}

/* A hyperparameter as a family reads it: from the recipe, or in a library built for one recipe
 * (vigil_config.h: VIGIL_CFG_MODEL_I and VIGIL_CFG_MODEL_F, the recipe's own values) a
 * compile-time constant, so branches on it and checks of it fold away. */
#if VIGIL_CFG_ONE_RECIPE
static const uint16_t vigil_cfg_model_i[4] = VIGIL_CFG_MODEL_I;
static const float vigil_cfg_model_f[4] = VIGIL_CFG_MODEL_F;
#define VIGIL_PARAM_I(p, k) ((void)(p), vigil_cfg_model_i[k])
#define VIGIL_PARAM_F(p, k) ((void)(p), vigil_cfg_model_f[k])
#else
#define VIGIL_PARAM_I(p, k) ((p)->i[k])
#define VIGIL_PARAM_F(p, k) ((p)->f[k])
#endif

/* True when every slot the family does not use is zero: unused slots are part of the recipe's
 * identity, so a non-zero value there is a bad recipe, not something to ignore.
 * used_i / used_f are bitmasks of the slots the family reads (bit n = slot n). */
int vigil_params_unused_zero(const vigil_model_params *p, unsigned used_i, unsigned used_f);

/* True when f is finite (not NaN, not +-inf) without libm: NaN fails x == x, inf fails the
 * range comparisons. */
int vigil_is_finite(float f);

/* ---- pseudo-random numbers: xorshift32, the state lives in the family's state block ---- */

/* Turns any seed (0 included) into a valid non-zero xorshift32 state; different seeds and
 * different `stream`s (e.g. one per tree) give unrelated sequences. */
uint32_t vigil_rng_seed(uint32_t seed, uint32_t stream);
/* Next 32 random bits (Marsaglia's xorshift32, period 2^32 - 1). */
uint32_t vigil_rng_next(uint32_t *state);
/* Uniform in [0, 1): the top 24 bits, so the float is exact. */
float vigil_rng_uniform(uint32_t *state);
/* Uniform integer in [0, n) (n >= 1), by multiply-shift (no modulo bias worth noting for n <<
 * 2^32, and no division). */
uint32_t vigil_rng_below(uint32_t *state, uint32_t n);

/* ---- small linear algebra on row-major float arrays ---- */

float vigil_dot(const float *a, const float *b, uint16_t n);
float vigil_sq_dist(const float *a, const float *b, uint16_t n);

/* In-place Cholesky factorisation A = L L^T of a symmetric n x n matrix (only the lower
 * triangle is read; L overwrites it and the strict upper triangle is zeroed). A pivot below
 * `min_pivot` (not positive definite, or rounding) is replaced by it, so the factor is always
 * usable; returns the number of pivots replaced (0 = A was numerically positive definite). */
uint16_t vigil_cholesky(float *a, uint16_t n, float min_pivot);

/* Solves L y = b by forward substitution (L lower triangular from vigil_cholesky). y may
 * alias b. */
void vigil_forward_subst(const float *l, uint16_t n, const float *b, float *y);

#endif

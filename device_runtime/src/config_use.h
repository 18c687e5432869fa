/* What a build can run (internal): vigil_config.h's masks as tests on a recipe. With the
 * runtime's own configuration they are the plain tests; with a library's generated one (one
 * recipe, VIGIL_CFG_ONE_RECIPE) every test is a compile-time constant, so the code for what
 * the recipe never uses is not compiled in. */
#ifndef VIGIL_CONFIG_USE_H
#define VIGIL_CONFIG_USE_H

#include <stdint.h>

#include "vigil_config.h"
#include "vigil_recipe.h"

#define CFG_HAS(mask, value) ((((uint32_t)(mask)) >> (value)) & 1u)
#define CFG_ONE VIGIL_CFG_ONE_RECIPE
#define CFG_FEATURE(r, bit) ((VIGIL_CFG_FEATURES & (bit)) != 0u && (CFG_ONE || ((r)->features & (bit)) != 0u))
#define CFG_DETREND(r, v) (CFG_HAS(VIGIL_CFG_DETREND, v) && (CFG_ONE || (r)->detrend == (v)))
#define CFG_SCALING(r, v) (CFG_HAS(VIGIL_CFG_SCALING, v) && (CFG_ONE || (r)->scaling == (v)))
#define CFG_HANN(r) (CFG_HAS(VIGIL_CFG_WINDOW, VIGIL_WINDOW_HANN) && (CFG_ONE || (r)->window == VIGIL_WINDOW_HANN))
#define CFG_LOG_MAGNITUDE(r) (CFG_HAS(VIGIL_CFG_LOG_MAGNITUDE, 1u) && (CFG_ONE || (r)->log_magnitude != 0u))
#define CFG_DECIMATED(r) (VIGIL_CFG_DECIMATION != (1u << 1) && (r)->decimation != 1u)
#if VIGIL_CFG_ONE_RECIPE
#define CFG_AXES(r) ((void)(r), (uint32_t)VIGIL_CFG_AXES)
#define CFG_SAMPLES(p) ((void)(p), (uint32_t)VIGIL_CFG_M)
#define CFG_FFT_LENGTH(p) ((void)(p), (uint32_t)VIGIL_CFG_N)
#else
#define CFG_AXES(r) ((uint32_t)(r)->axes)
#define CFG_SAMPLES(p) ((p)->m)
#define CFG_FFT_LENGTH(p) ((p)->n)
#endif

#define CFG_FIXED(r) (CFG_HAS(VIGIL_CFG_ARITHMETIC, VIGIL_ARITH_FIXED) && (CFG_ONE || (r)->arithmetic == VIGIL_ARITH_FIXED))
#define CFG_STANDARDIZE(r) (CFG_HAS(VIGIL_CFG_STANDARDIZE, 1u) && (CFG_ONE || (r)->standardize != 0u))

#endif

/* Layout of the caller-provided state block (internal). Everything is addressed by offsets
 * from the start of the block, never by pointers, so a state can be copied or moved (the engine
 * clones instances). Each region starts on an 8-byte boundary:
 *
 *   [header][work: max(plan.work, dim) floats][features: dim floats]
 *   [mean: dim floats][m2: dim floats][scale: dim floats]
 *                                        (only with standardisation or learned scaling)
 *   [family state: family->state_size() bytes]
 */
#ifndef VIGIL_MODEL_STATE_H
#define VIGIL_MODEL_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "calibration.h"
#include "config_use.h"
#include "plan.h"

#define VIGIL_STATE_MAGIC 0x4C534756u /* "VGSL" */

typedef struct {
    uint32_t magic;
    uint32_t recipe_id;
    vigil_recipe recipe; /* private copy: the caller's recipe may go away */
    vigil_plan plan;
    uint32_t size;       /* bytes of the whole block, = vigil_model_state_size */
    uint32_t off_work, off_features, off_mean, off_m2, off_family;
    uint32_t family_size;
    uint32_t learn_count;
    uint32_t stdz_count; /* vectors in the standardisation statistics */
    float sensitivity;
    vigil_calibration cal;
} vigil_state_header;

/* vigil_model_init with the recipe's identity given (vigil_recipe_id(r)): a compiled library
 * has it baked (vigil_baked_info.recipe_id), so it does not link the encoder to compute it. */
vigil_status vigil_model_init_id(void *state, size_t size, const vigil_recipe *r, uint32_t recipe_id);

/* The header of an initialised state, NULL otherwise (NULL, misaligned or no magic). */
vigil_state_header *vigil_state_get(void *state);
const vigil_state_header *vigil_state_get_c(const void *state);

static inline float *vigil_state_floats(vigil_state_header *h, uint32_t offset) {
    return (float *)(void *)((uint8_t *)h + offset);
}
static inline const float *vigil_state_floats_c(const vigil_state_header *h, uint32_t offset) {
    return (const float *)(const void *)((const uint8_t *)h + offset);
}
/* The per-feature factors s of the learned transform, recomputed whenever the statistics
 * change (a learn, a knowledge load: vigil_welford_update), so detect multiplies instead of
 * taking a square root and a division per feature: the region after m2 (same size). */
static inline uint32_t vigil_state_off_scale(const vigil_state_header *h) {
    return h->off_m2 + (h->off_m2 - h->off_mean);
}
/* 1 when the recipe keeps per-feature statistics (standardisation or learned scaling). */
static inline int vigil_state_has_stats(const vigil_state_header *h) {
#if VIGIL_CFG_ONE_RECIPE /* known when the library was compiled */
    (void)h;
    return CFG_HAS(VIGIL_CFG_STANDARDIZE, 1u) || CFG_HAS(VIGIL_CFG_SCALING, VIGIL_SCALING_LEARNED);
#else
    return h->off_mean != 0u;
#endif
}

#endif

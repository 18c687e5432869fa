/* The reentrant core (DESIGN.md, principle 3): explicit recipe and caller-provided state, so
 * the engine can run thousands of instances on many threads. The shipped vigil_* facade
 * (vigil.h) is a thin layer over one static instance of this.
 *
 * Memory: the caller provides one block of vigil_model_state_size(recipe) bytes, aligned to
 * 8 bytes. It holds everything: configuration copy, preprocessing scratch, learned
 * standardisation, the family's state and the calibration. That number is the library's RAM. */
#ifndef VIGIL_CORE_H
#define VIGIL_CORE_H

#include "vigil_recipe.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Exact bytes of state for this recipe (0 if the recipe is invalid). */
size_t vigil_model_state_size(const vigil_recipe *r);

/* Forgets all knowledge. `state` must be 8-byte aligned and at least state_size bytes. */
vigil_status vigil_model_init(void *state, size_t size, const vigil_recipe *r);

/* Learns one signal (axes x length floats, interleaved per sample). Returns
 * LEARNING_IN_PROGRESS or LEARNING_DONE; BAD_ARGUMENT on NaN/inf, with nothing learned changed
 * (only the preprocessing scratch of the block may have been used). */
vigil_status vigil_model_learn(void *state, const float *signal);

/* Similarity 0..100 of one signal, rounded (detect) or exact (similarity, for the engine's
 * confidence). NOT_INITIALIZED before the minimum number of learn calls. */
vigil_status vigil_model_detect(void *state, const float *signal, uint8_t *similarity);
vigil_status vigil_model_similarity(void *state, const float *signal, float *similarity);

/* Sensitivity rescales the output only; it never changes what was learned. Default 1. */
vigil_status vigil_model_set_sensitivity(void *state, float sensitivity);
float vigil_model_get_sensitivity(const void *state);

/* Knowledge: a versioned, checksummed blob of what was learned. */
size_t vigil_model_knowledge_size(const void *state);
vigil_status vigil_model_knowledge_save(const void *state, void *buffer, size_t size);
vigil_status vigil_model_knowledge_load(void *state, const void *buffer, size_t size);

uint32_t vigil_model_learn_count(const void *state);

/* The two halves of a signal's path, for the engine: preprocessing is stateless and can be
 * computed once per signal and shared across every model that uses the same preprocessing.
 * scratch must hold vigil_features_scratch_size(r) bytes (8-byte aligned); out holds
 * vigil_recipe_feature_count(r) floats. */
size_t vigil_features_scratch_size(const vigil_recipe *r);
vigil_status vigil_features_extract(const vigil_recipe *r, const float *signal, float *out,
                                    void *scratch, size_t scratch_size);
vigil_status vigil_model_learn_features(void *state, const float *features);
vigil_status vigil_model_similarity_features(void *state, const float *features, float *similarity);

/* For the compile step (host side): the numbers a library compiled for one recipe bakes into
 * its vigil_config.h (engine/src/packaging/baked_source.cpp), computed here by the very code
 * the host runs. */
typedef struct {
    uint32_t m, n, work, per_axis, dim; /* the recipe's plan: samples per axis, FFT length, ... */
    uint32_t family_size;               /* the family's state bytes, aligned to 8 */
    uint16_t edges_linear[VIGIL_MAX_BANDS + 1u], edges_log[VIGIL_MAX_BANDS + 1u]; /* bands + 1 each */
} vigil_library_plan;
vigil_status vigil_library_plan_of(const vigil_recipe *r, vigil_library_plan *out);
/* The FFT's twiddle table for n (a power of two >= 4): cos(2 pi k / n), k = 0 .. n/4. */
void vigil_twiddles(uint32_t n, float *table);
/* The same cosines in Q15 for the fixed-point path: q[k] = round(32768 table[k]). */
void vigil_fixed_cos_q15(uint32_t n, const float *table, uint16_t *q);

#ifdef __cplusplus
}
#endif
#endif

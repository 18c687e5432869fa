/* The baked-recipe contract between facade.c and a compiled library.
 *
 * facade.c is compiled once and never edited; the compile step generates ONE C file that
 * defines these four symbols (and nothing else):
 *
 *   #include "vigil_baked.h"
 *   const vigil_recipe vigil_baked_recipe = { ... };            // the benchmarked recipe
 *   const vigil_info vigil_baked_info = { "vigil-3f9a12c0", ... }; // what vigil_get_info says
 *   uint64_t vigil_baked_state[VIGIL_BAKED_STATE_WORDS];        // (state_size + 7) / 8 words
 *   const size_t vigil_baked_state_size = sizeof vigil_baked_state;
 *
 * where the state size is vigil_model_state_size(&recipe) computed on the host (exact, and the
 * same on every target: the state holds only 4- and 8-byte aligned fields). uint64_t gives the
 * 8-byte alignment the core requires, and .bss starts it zeroed, which the core reads as
 * "not initialised" until vigil_init. vigil_init re-checks the size against the recipe, so a
 * mis-generated library fails with BAD_ARGUMENT instead of overflowing, and gives the state
 * vigil_baked_info.recipe_id as its identity (knowledge blobs carry it): it must be
 * vigil_recipe_id(&vigil_baked_recipe), as the compile step writes it.
 *
 * A compiled library also replaces include/vigil_config.h with one generated for its recipe
 * (vigil_config.h says what that changes); the facade works the same with either. */
#ifndef VIGIL_BAKED_H
#define VIGIL_BAKED_H

#include "vigil.h"
#include "vigil_recipe.h"

#ifdef __cplusplus
extern "C" {
#endif

extern const vigil_recipe vigil_baked_recipe;
extern const vigil_info vigil_baked_info;
extern uint64_t vigil_baked_state[];
extern const size_t vigil_baked_state_size;

#ifdef __cplusplus
}
#endif
#endif

/* The shipped vigil_* API: a thin facade over ONE instance of the core, whose recipe and state
 * buffer a compiled library provides (contract in vigil_baked.h). The facade keeps no variable
 * of its own: "initialised" is the core's magic in the baked state, which starts zeroed. */
#include "vigil.h"

#include "vigil_baked.h"
#include "vigil_core.h"
#include "model_state.h"

/* The core checks the size against the recipe (BAD_ARGUMENT if the state is too small); the
 * recipe's identity is the baked one (the compile step computed it from the same recipe). */
vigil_status vigil_init(void) {
    return vigil_model_init_id(vigil_baked_state, vigil_baked_state_size, &vigil_baked_recipe,
                               vigil_baked_info.recipe_id);
}

vigil_status vigil_learn(const float *signal) { return vigil_model_learn(vigil_baked_state, signal); }

vigil_status vigil_detect(const float *signal, uint8_t *similarity) {
    return vigil_model_detect(vigil_baked_state, signal, similarity);
}

vigil_status vigil_set_sensitivity(float sensitivity) {
    return vigil_model_set_sensitivity(vigil_baked_state, sensitivity);
}

float vigil_get_sensitivity(void) { return vigil_model_get_sensitivity(vigil_baked_state); }

size_t vigil_knowledge_size(void) { return vigil_model_knowledge_size(vigil_baked_state); }

vigil_status vigil_knowledge_save(void *buffer, size_t size) {
    return vigil_model_knowledge_save(vigil_baked_state, buffer, size);
}

vigil_status vigil_knowledge_load(const void *buffer, size_t size) {
    return vigil_model_knowledge_load(vigil_baked_state, buffer, size);
}

const vigil_info *vigil_get_info(void) { return &vigil_baked_info; }

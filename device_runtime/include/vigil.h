/* Vigil anomaly-detection library: the shipped C API.
 *
 * One library = one recipe baked into flash. A signal is one buffer of axes x length floats,
 * interleaved per sample (x0 y0 z0 x1 y1 z1 ...), the same layout as one line of the files
 * used to select the library. Learn on normal signals only; similarity below 90 = anomaly. */
#ifndef VIGIL_H
#define VIGIL_H

#include "vigil_types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const char *id;          /* library id, e.g. "vigil-3f9a12c0" */
    uint16_t axes;
    uint16_t length;         /* samples per axis */
    uint16_t min_learn;      /* learn calls needed before detect */
    uint8_t family;          /* model family (vigil_family_id) */
    uint32_t ram_bytes;      /* RAM the library needs: state_bytes + stack_bytes */
    uint32_t flash_bytes;    /* code + const data it adds to a program (metadata.json says how measured) */
    uint32_t recipe_id;
    /* since 0.2.0 (vigil_version.h): */
    uint32_t state_bytes;    /* its one static state buffer (.bss) */
    uint32_t stack_bytes;    /* the deepest stack any vigil_* call uses, on top of the caller's frame */
} vigil_info;

/* Every call before vigil_init returns VIGIL_NOT_INITIALIZED (vigil_get_sensitivity returns 0
 * and vigil_knowledge_size 0 then). vigil_get_info works at any time. */
vigil_status vigil_init(void);                                  /* forget all knowledge */
vigil_status vigil_learn(const float *signal);                  /* one buffer, axes interleaved */
vigil_status vigil_detect(const float *signal, uint8_t *similarity); /* 0..100 */
vigil_status vigil_set_sensitivity(float sensitivity);          /* rescales output only */
float        vigil_get_sensitivity(void);
size_t       vigil_knowledge_size(void);                        /* save/restore learned state */
vigil_status vigil_knowledge_save(void *buffer, size_t size);
vigil_status vigil_knowledge_load(const void *buffer, size_t size);
const vigil_info *vigil_get_info(void);

#ifdef __cplusplus
}
#endif
#endif

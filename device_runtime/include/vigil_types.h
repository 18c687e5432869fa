/* Vigil device runtime: status codes and basic types shared by the core and the facade. */
#ifndef VIGIL_TYPES_H
#define VIGIL_TYPES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    VIGIL_OK = 0,
    VIGIL_NOT_INITIALIZED,      /* init was not called, or detect before enough learning */
    VIGIL_LEARNING_IN_PROGRESS, /* learned, but fewer calls than the recipe's minimum */
    VIGIL_LEARNING_DONE,        /* learned, and the minimum number of calls is reached */
    VIGIL_BAD_ARGUMENT,         /* NULL pointer, NaN/inf sample, out-of-range value */
    VIGIL_BAD_KNOWLEDGE         /* blob from another recipe/version, or corrupted */
} vigil_status;

/* Similarity below this value means "anomaly". */
#define VIGIL_SIMILARITY_THRESHOLD 90

#ifdef __cplusplus
}
#endif
#endif

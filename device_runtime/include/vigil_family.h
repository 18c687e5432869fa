/* The interface every model family implements (one module per family, see src/family_*.c).
 *
 * A family sees fixed-size feature vectors (the output of preprocessing) and produces a raw
 * anomaly score: >= 0, larger means "less like what was learned". The core turns raw scores
 * into the calibrated 0..100 similarity, so families never deal with calibration or
 * sensitivity. Families own no memory: the core hands each one a state block of exactly
 * state_size() bytes, aligned to 8 bytes. No malloc, no globals, no libm transcendental
 * functions (use vigil_math.h) so host and Cortex-M results are bit-identical. */
#ifndef VIGIL_FAMILY_H
#define VIGIL_FAMILY_H

#include "vigil_types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    VIGIL_FAMILY_GAUSSIAN = 0,   /* per-feature Gaussian, z-scores */
    VIGIL_FAMILY_MAHALANOBIS,    /* multivariate Gaussian, incremental covariance */
    VIGIL_FAMILY_KMEANS,         /* online k-means with a radius per cluster */
    VIGIL_FAMILY_KNN,            /* k nearest neighbours on a bounded reservoir */
    VIGIL_FAMILY_PCA,            /* streaming PCA reconstruction error */
    VIGIL_FAMILY_HSTREES,        /* half-space trees (streaming isolation forest) */
    VIGIL_FAMILY_OSELM,          /* small network trained online (OS-ELM autoencoder) */
    VIGIL_FAMILY_LOF,            /* local outlier factor on a bounded reservoir */
    VIGIL_FAMILY_COUNT
} vigil_family_id;

/* Hyperparameters of a model. Their meaning per family is documented in the family's module
 * and in docs/models.md; unused slots must be zero (they are part of the recipe's identity). */
typedef struct {
    uint8_t family;   /* vigil_family_id */
    uint8_t reserved[3];
    uint16_t i[4];    /* integer hyperparameters */
    float f[4];       /* real hyperparameters */
} vigil_model_params;

typedef struct {
    const char *name; /* stable short name, e.g. "gaussian" */
    /* Bytes of state for this family with these parameters on `dim` features; a multiple of 8. */
    size_t (*state_size)(const vigil_model_params *p, uint16_t dim);
    /* Validates the parameters (VIGIL_BAD_ARGUMENT if unusable) and resets the state. */
    vigil_status (*init)(void *state, const vigil_model_params *p, uint16_t dim, uint32_t seed);
    /* Learns one feature vector (incremental, unsupervised, normal data only). */
    void (*learn)(void *state, const vigil_model_params *p, uint16_t dim, const float *x);
    /* Raw anomaly score of x, >= 0 (0 = exactly like what was learned). Must not change state. */
    float (*score)(const void *state, const vigil_model_params *p, uint16_t dim, const float *x);
} vigil_family_ops;

/* The registry: one entry per vigil_family_id, NULL for an unknown id. */
const vigil_family_ops *vigil_family_get(uint8_t family);

#ifdef __cplusplus
}
#endif
#endif

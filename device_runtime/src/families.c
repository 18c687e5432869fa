/* The registry of model families: vigil_family_id -> ops table (const, lives in flash). */
#include "families.h"

static const vigil_family_ops *const vigil_families[VIGIL_FAMILY_COUNT] = {
    &vigil_family_gaussian, /* VIGIL_FAMILY_GAUSSIAN */
    NULL,                   /* VIGIL_FAMILY_MAHALANOBIS: not yet implemented */
    NULL,                   /* VIGIL_FAMILY_KMEANS: not yet implemented */
    NULL,                   /* VIGIL_FAMILY_KNN: not yet implemented */
    NULL,                   /* VIGIL_FAMILY_PCA: not yet implemented */
    NULL,                   /* VIGIL_FAMILY_HSTREES: not yet implemented */
    NULL,                   /* VIGIL_FAMILY_OSELM: not yet implemented */
};

const vigil_family_ops *vigil_family_get(uint8_t family) {
    return family < (uint8_t)VIGIL_FAMILY_COUNT ? vigil_families[family] : NULL;
}

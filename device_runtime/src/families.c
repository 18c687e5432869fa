/* The registry of model families: vigil_family_id -> ops table (const, lives in flash). */
#include "families.h"

static const vigil_family_ops *const vigil_families[VIGIL_FAMILY_COUNT] = {
    &vigil_family_gaussian,    /* VIGIL_FAMILY_GAUSSIAN */
    &vigil_family_mahalanobis, /* VIGIL_FAMILY_MAHALANOBIS */
    &vigil_family_kmeans,      /* VIGIL_FAMILY_KMEANS */
    &vigil_family_knn,         /* VIGIL_FAMILY_KNN */
    &vigil_family_pca,         /* VIGIL_FAMILY_PCA */
    &vigil_family_hstrees,     /* VIGIL_FAMILY_HSTREES */
    &vigil_family_oselm,       /* VIGIL_FAMILY_OSELM */
    &vigil_family_lof,         /* VIGIL_FAMILY_LOF */
};

const vigil_family_ops *vigil_family_get(uint8_t family) {
    return family < (uint8_t)VIGIL_FAMILY_COUNT ? vigil_families[family] : NULL;
}

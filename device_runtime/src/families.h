/* The family modules' ops tables (internal): the registry in families.c lists them by
 * vigil_family_id. Adding a family = one family_*.c module, one line here, one in families.c. */
#ifndef VIGIL_FAMILIES_H
#define VIGIL_FAMILIES_H

#include "vigil_family.h"

extern const vigil_family_ops vigil_family_gaussian;
extern const vigil_family_ops vigil_family_mahalanobis;
extern const vigil_family_ops vigil_family_kmeans;
extern const vigil_family_ops vigil_family_knn;
extern const vigil_family_ops vigil_family_pca;
extern const vigil_family_ops vigil_family_hstrees;
extern const vigil_family_ops vigil_family_oselm;
extern const vigil_family_ops vigil_family_lof;

#endif

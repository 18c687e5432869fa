/* vigil_library_plan_of (vigil_core.h): what a library compiled for one recipe bakes into its
 * vigil_config.h, computed by the code the host runs, so the baked constants and tables are the
 * host's own values bit for bit. Never linked into a library (nothing there calls it). */
#include "vigil_core.h"

#include <string.h>

#include "plan.h"
#include "preprocess.h"

vigil_status vigil_library_plan_of(const vigil_recipe *r, vigil_library_plan *out) {
    vigil_plan p;
    const vigil_family_ops *ops;
    if (out == NULL || vigil_recipe_validate(r) != VIGIL_OK || !vigil_recipe_plan(r, &p)) return VIGIL_BAD_ARGUMENT;
    memset(out, 0, sizeof *out);
    out->m = p.m;
    out->n = p.n;
    out->work = p.work;
    out->per_axis = p.per_axis;
    out->dim = p.dim;
    ops = vigil_family_get(r->model.family);
    out->family_size = (uint32_t)((ops->state_size(&r->model, (uint16_t)p.dim) + 7u) & ~(size_t)7u);
    if (r->features & VIGIL_FEAT_BANDS_LINEAR) vigil_band_edges_linear(p.n, r->bands, out->edges_linear);
    if (r->features & VIGIL_FEAT_BANDS_LOG) vigil_band_edges_log(p.n, r->bands, out->edges_log);
    return VIGIL_OK;
}

/* Recipes: validation, sizes, portable encoding and identity (rules in vigil_recipe.h). */
#include "vigil_recipe.h"

#include <string.h>

#include "crc32.h"
#include "vigil_config.h"
#include "plan.h"
#include "preprocess.h"
#include "le_bytes.h"

#define FEAT_ALL (VIGIL_FEAT_STATS | VIGIL_FEAT_SPECTRUM | VIGIL_FEAT_BANDS_LINEAR | VIGIL_FEAT_BANDS_LOG | \
                  VIGIL_FEAT_VALUES | VIGIL_FEAT_TRENDS | VIGIL_FEAT_CROSS)
#define FEAT_BANDS (VIGIL_FEAT_BANDS_LINEAR | VIGIL_FEAT_BANDS_LOG)
#define MIN_SAMPLES 4u
#define MIN_SPECTRAL_SAMPLES 8u

int vigil_recipe_spectral(const vigil_recipe *r) {
    return (r->features & (VIGIL_FEAT_SPECTRUM | FEAT_BANDS)) != 0u;
}

#if VIGIL_CFG_ONE_RECIPE
/* A library built for one recipe (vigil_config.h) runs that recipe only: the very bytes baked
 * next to it (vigil_baked.h), validated with the generic rules below by the host that compiled
 * it. Its plan is in plan.h. */
extern const vigil_recipe vigil_baked_recipe;

vigil_status vigil_recipe_validate(const vigil_recipe *r) {
    const uint8_t *a = (const uint8_t *)r, *b = (const uint8_t *)&vigil_baked_recipe;
    size_t i;
    if (r == NULL) return VIGIL_BAD_ARGUMENT;
    for (i = 0; i < sizeof *r; ++i)
        if (a[i] != b[i]) return VIGIL_BAD_ARGUMENT;
    return VIGIL_OK;
}
#else
int vigil_recipe_plan(const vigil_recipe *r, vigil_plan *p) {
    const int spectral = vigil_recipe_spectral(r);
    uint32_t per_axis = 0;
    if (r->axes < 1u || r->axes > VIGIL_MAX_AXES) return 0;
    if (r->length < 1u || r->length > VIGIL_MAX_LENGTH) return 0;
    if (r->decimation != 1u && r->decimation != 2u && r->decimation != 4u && r->decimation != 8u)
        return 0;
    if (r->features == 0u || (r->features & ~FEAT_ALL) != 0u) return 0;
    p->m = (uint32_t)r->length / r->decimation;
    if (p->m < (spectral ? MIN_SPECTRAL_SAMPLES : MIN_SAMPLES)) return 0;
    p->n = spectral ? vigil_next_pow2(p->m) : 0u;
    p->work = spectral ? p->n : p->m;
    if (r->features & VIGIL_FEAT_CROSS) {
        if (r->axes < 2u) return 0;
        if (p->work < 2u * r->axes) p->work = 2u * r->axes; /* means and variances */
    }
    if (r->features & FEAT_BANDS) {
        if (r->bands < 1u || r->bands > VIGIL_MAX_BANDS || r->bands > p->n / 2u) return 0;
    } else if (r->bands != 0u) {
        return 0;
    }
    if (r->features & VIGIL_FEAT_STATS) per_axis += VIGIL_TIME_STATS;
    if (r->features & VIGIL_FEAT_SPECTRUM) per_axis += p->n / 2u + 1u;
    if (r->features & VIGIL_FEAT_BANDS_LINEAR) per_axis += r->bands;
    if (r->features & VIGIL_FEAT_BANDS_LOG) per_axis += r->bands;
    if (r->features & VIGIL_FEAT_TRENDS) per_axis += VIGIL_TRENDS;
    if (r->features & VIGIL_FEAT_VALUES) per_axis += p->m;
    p->per_axis = per_axis;
    p->dim = per_axis * r->axes;
    if (r->features & VIGIL_FEAT_CROSS) p->dim += (uint32_t)r->axes * (r->axes - 1u);
    return p->dim <= VIGIL_MAX_FEATURES;
}

/* What this build can run (vigil_config.h); every value is already known to be in range. */
#define ALLOWED(mask, value) ((((uint32_t)(mask)) >> (value)) & 1u)
static int config_allows(const vigil_recipe *r, const vigil_plan *p) {
    if ((r->features & ~(uint32_t)VIGIL_CFG_FEATURES) != 0u || r->axes > VIGIL_CFG_MAX_AXES) return 0;
    if (!ALLOWED(VIGIL_CFG_DETREND, r->detrend) || !ALLOWED(VIGIL_CFG_SCALING, r->scaling) ||
        !ALLOWED(VIGIL_CFG_WINDOW, r->window) || !ALLOWED(VIGIL_CFG_DECIMATION, r->decimation) ||
        !ALLOWED(VIGIL_CFG_LOG_MAGNITUDE, r->log_magnitude) || !ALLOWED(VIGIL_CFG_STANDARDIZE, r->standardize) ||
        !ALLOWED(VIGIL_CFG_ARITHMETIC, r->arithmetic))
        return 0;
    (void)p;
    return 1;
}

/* The fixed-point path covers band features of a power-of-two length read straight from the
 * signal (the float fast path's shape): 1 if the recipe's arithmetic is one this runtime has. */
static int arithmetic_ok(const vigil_recipe *r, const vigil_plan *p) {
    if (r->spare[0] | r->spare[1] | r->spare[2]) return 0;
    if (r->arithmetic == VIGIL_ARITH_FLOAT) return 1;
    if (r->arithmetic != VIGIL_ARITH_FIXED) return 0;
    return (r->features & ~FEAT_BANDS) == 0u && r->decimation == 1u && r->scaling != VIGIL_SCALING_PER_SIGNAL &&
           r->detrend != VIGIL_DETREND_LINEAR && p->m == p->n;
}

vigil_status vigil_recipe_validate(const vigil_recipe *r) {
    const vigil_family_ops *ops;
    vigil_plan plan;
    if (r == NULL || r->version != VIGIL_RECIPE_VERSION) return VIGIL_BAD_ARGUMENT;
    if (r->min_learn < VIGIL_MIN_LEARN_FLOOR) return VIGIL_BAD_ARGUMENT;
    if (r->detrend > VIGIL_DETREND_LINEAR || r->scaling > VIGIL_SCALING_LEARNED) return VIGIL_BAD_ARGUMENT;
    if (r->window > VIGIL_WINDOW_HANN || r->log_magnitude > 1u || r->standardize > 1u)
        return VIGIL_BAD_ARGUMENT;
    if (!vigil_recipe_plan(r, &plan)) return VIGIL_BAD_ARGUMENT;
    if (!vigil_recipe_spectral(r) && r->window != 0u) return VIGIL_BAD_ARGUMENT;
    if (!vigil_recipe_spectral(r) && !(r->features & VIGIL_FEAT_VALUES) && r->log_magnitude != 0u)
        return VIGIL_BAD_ARGUMENT;
    if (!arithmetic_ok(r, &plan)) return VIGIL_BAD_ARGUMENT;
    if (!config_allows(r, &plan)) return VIGIL_BAD_ARGUMENT;
    ops = vigil_family_get(r->model.family);
    if (ops == NULL) return VIGIL_BAD_ARGUMENT;
    if (r->model.reserved[0] | r->model.reserved[1] | r->model.reserved[2]) return VIGIL_BAD_ARGUMENT;
    /* Families return 0 bytes for parameters they reject. */
    if (ops->state_size(&r->model, (uint16_t)plan.dim) == 0u) return VIGIL_BAD_ARGUMENT;
    return VIGIL_OK;
}

#endif

uint16_t vigil_recipe_feature_count(const vigil_recipe *r) {
    vigil_plan plan;
    if (vigil_recipe_validate(r) != VIGIL_OK || !vigil_recipe_plan(r, &plan)) return 0;
    return (uint16_t)plan.dim;
}

/* The payload only (no validation, no checksum): version 2's 52 bytes, or with v1 != 0 the
 * 48 bytes of version 1 (version field 1, no arithmetic), the identity of a float recipe. */
static void encode_payload(const vigil_recipe *r, uint8_t *out, int v1) {
    unsigned k;
    vigil_put_u16(out + 0, v1 ? 1u : r->version);
    vigil_put_u16(out + 2, r->axes);
    vigil_put_u16(out + 4, r->length);
    vigil_put_u16(out + 6, r->min_learn);
    vigil_put_u32(out + 8, r->seed);
    out[12] = r->detrend;
    out[13] = r->scaling;
    out[14] = r->decimation;
    out[15] = r->window;
    out[16] = r->features;
    out[17] = r->log_magnitude;
    out[18] = r->bands;
    out[19] = r->standardize;
    out[20] = r->model.family;
    out[21] = r->model.reserved[0];
    out[22] = r->model.reserved[1];
    out[23] = r->model.reserved[2];
    for (k = 0; k < 4u; ++k) vigil_put_u16(out + 24 + 2u * k, r->model.i[k]);
    for (k = 0; k < 4u; ++k) {
        uint32_t bits;
        memcpy(&bits, &r->model.f[k], sizeof bits);
        vigil_put_u32(out + 32 + 4u * k, bits);
    }
    if (!v1) {
        out[48] = r->arithmetic;
        out[49] = r->spare[0];
        out[50] = r->spare[1];
        out[51] = r->spare[2];
    }
}

vigil_status vigil_recipe_encode(const vigil_recipe *r, uint8_t out[VIGIL_RECIPE_ENCODED_SIZE]) {
    if (out == NULL || vigil_recipe_validate(r) != VIGIL_OK) return VIGIL_BAD_ARGUMENT;
    encode_payload(r, out, 0);
    vigil_put_u32(out + VIGIL_RECIPE_PAYLOAD_SIZE, vigil_crc32(0u, out, VIGIL_RECIPE_PAYLOAD_SIZE));
    return VIGIL_OK;
}

vigil_status vigil_recipe_decode(const uint8_t in[VIGIL_RECIPE_ENCODED_SIZE], vigil_recipe *r) {
    if (in == NULL) return VIGIL_BAD_ARGUMENT;
    return vigil_recipe_decode_sized(in, vigil_get_u16(in) == 1u ? VIGIL_RECIPE_ENCODED_SIZE_V1 : VIGIL_RECIPE_ENCODED_SIZE,
                                     r);
}

vigil_status vigil_recipe_decode_sized(const uint8_t *in, size_t size, vigil_recipe *r) {
    vigil_recipe tmp;
    unsigned k;
    size_t payload;
    if (in == NULL || r == NULL) return VIGIL_BAD_ARGUMENT;
    if (size == VIGIL_RECIPE_ENCODED_SIZE_V1 && vigil_get_u16(in) == 1u) {
        payload = VIGIL_RECIPE_PAYLOAD_SIZE_V1;
    } else if (size == VIGIL_RECIPE_ENCODED_SIZE && vigil_get_u16(in) == VIGIL_RECIPE_VERSION) {
        payload = VIGIL_RECIPE_PAYLOAD_SIZE;
    } else {
        return VIGIL_BAD_ARGUMENT;
    }
    if (vigil_get_u32(in + payload) != vigil_crc32(0u, in, payload)) return VIGIL_BAD_ARGUMENT;
    memset(&tmp, 0, sizeof tmp);
    tmp.version = VIGIL_RECIPE_VERSION; /* a version-1 recipe is a float recipe of this version */
    tmp.axes = vigil_get_u16(in + 2);
    tmp.length = vigil_get_u16(in + 4);
    tmp.min_learn = vigil_get_u16(in + 6);
    tmp.seed = vigil_get_u32(in + 8);
    tmp.detrend = in[12];
    tmp.scaling = in[13];
    tmp.decimation = in[14];
    tmp.window = in[15];
    tmp.features = in[16];
    tmp.log_magnitude = in[17];
    tmp.bands = in[18];
    tmp.standardize = in[19];
    tmp.model.family = in[20];
    tmp.model.reserved[0] = in[21];
    tmp.model.reserved[1] = in[22];
    tmp.model.reserved[2] = in[23];
    for (k = 0; k < 4u; ++k) tmp.model.i[k] = vigil_get_u16(in + 24 + 2u * k);
    for (k = 0; k < 4u; ++k) {
        const uint32_t bits = vigil_get_u32(in + 32 + 4u * k);
        memcpy(&tmp.model.f[k], &bits, sizeof bits);
    }
    if (payload == VIGIL_RECIPE_PAYLOAD_SIZE) {
        tmp.arithmetic = in[48];
        tmp.spare[0] = in[49];
        tmp.spare[1] = in[50];
        tmp.spare[2] = in[51];
    }
    if (vigil_recipe_validate(&tmp) != VIGIL_OK) return VIGIL_BAD_ARGUMENT;
    *r = tmp;
    return VIGIL_OK;
}

uint32_t vigil_recipe_id(const vigil_recipe *r) {
    uint8_t payload[VIGIL_RECIPE_PAYLOAD_SIZE];
    const int v1 = r != NULL && r->arithmetic == VIGIL_ARITH_FLOAT;
    if (vigil_recipe_validate(r) != VIGIL_OK) return 0u;
    encode_payload(r, payload, v1);
    return vigil_crc32(0u, payload, v1 ? VIGIL_RECIPE_PAYLOAD_SIZE_V1 : VIGIL_RECIPE_PAYLOAD_SIZE);
}

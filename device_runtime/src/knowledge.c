/* Knowledge: everything learned, as a versioned, checksummed, little-endian blob (the scratch
 * and the sensitivity are not knowledge). Format (docs/runtime.md):
 *
 *   0  'V' 'G' 'L' 'K'          4  u16 format version      6  u16 feature count (dim)
 *   8  u32 recipe id           12  u32 learn count         16  u32 standardisation count
 *  20  u32 family state bytes F 24  u32 calibration count  28  f32 calibration mean
 *  32  f32 calibration variance
 *  36  [f32 mean[dim], f32 m2[dim]]   only with standardisation or learned scaling
 *   .. F bytes of family state, as the family keeps it (IEEE-754 little-endian floats and
 *      integers on every supported target, so host and Cortex-M blobs are interchangeable)
 *   .. u32 CRC-32 of every byte before it
 *
 * Loading checks everything (size, magic, version, recipe, sizes, checksum, plausible values)
 * before it writes a single byte: a rejected blob leaves the state exactly as it was. */
#include "vigil_core.h"

#include <string.h>

#include "config_use.h"
#include "crc32.h"
#include "model_state.h"
#include "preprocess.h"
#include "vigil_math.h"
#include "le_bytes.h"

#define KNOWLEDGE_MAGIC_0 'V'
#define KNOWLEDGE_MAGIC_1 'G'
#define KNOWLEDGE_MAGIC_2 'L'
#define KNOWLEDGE_MAGIC_3 'K'
#define KNOWLEDGE_VERSION 1u
#define KNOWLEDGE_HEADER 36u

static size_t stats_bytes(const vigil_state_header *h) {
    return vigil_state_has_stats(h) ? 2u * (size_t)h->plan.dim * sizeof(float) : 0u;
}

static size_t blob_size(const vigil_state_header *h) {
    return KNOWLEDGE_HEADER + stats_bytes(h) + h->family_size + 4u;
}

size_t vigil_model_knowledge_size(const void *state) {
    const vigil_state_header *h = vigil_state_get_c(state);
    return h == NULL ? 0u : blob_size(h);
}

vigil_status vigil_model_knowledge_save(const void *state, void *buffer, size_t size) {
    const vigil_state_header *h = vigil_state_get_c(state);
    uint8_t *out = (uint8_t *)buffer, *p;
    size_t total;
    uint32_t j;
    if (h == NULL) return state == NULL ? VIGIL_BAD_ARGUMENT : VIGIL_NOT_INITIALIZED;
    total = blob_size(h);
    if (buffer == NULL || size < total) return VIGIL_BAD_ARGUMENT;
    out[0] = KNOWLEDGE_MAGIC_0;
    out[1] = KNOWLEDGE_MAGIC_1;
    out[2] = KNOWLEDGE_MAGIC_2;
    out[3] = KNOWLEDGE_MAGIC_3;
    vigil_put_u16(out + 4, KNOWLEDGE_VERSION);
    vigil_put_u16(out + 6, (uint16_t)h->plan.dim);
    vigil_put_u32(out + 8, h->recipe_id);
    vigil_put_u32(out + 12, h->learn_count);
    vigil_put_u32(out + 16, h->stdz_count);
    vigil_put_u32(out + 20, h->family_size);
    vigil_put_u32(out + 24, h->cal.count);
    vigil_put_f32(out + 28, h->cal.mean);
    vigil_put_f32(out + 32, h->cal.var);
    p = out + KNOWLEDGE_HEADER;
    if (vigil_state_has_stats(h)) {
        const float *mean = vigil_state_floats_c(h, h->off_mean);
        const float *m2 = vigil_state_floats_c(h, h->off_m2);
        for (j = 0; j < h->plan.dim; ++j, p += 4) vigil_put_f32(p, mean[j]);
        for (j = 0; j < h->plan.dim; ++j, p += 4) vigil_put_f32(p, m2[j]);
    }
    memcpy(p, (const uint8_t *)h + h->off_family, h->family_size);
    p += h->family_size;
    vigil_put_u32(p, vigil_crc32(0u, out, (size_t)(p - out)));
    return VIGIL_OK;
}

/* Values a genuine save could have produced (a blob can pass the CRC and still be forged). */
static int plausible(const vigil_state_header *h, const uint8_t *in) {
    const uint32_t learn = vigil_get_u32(in + 12), stdz = vigil_get_u32(in + 16), cal = vigil_get_u32(in + 24);
    const float mean = vigil_get_f32(in + 28), var = vigil_get_f32(in + 32);
    const uint8_t *p = in + KNOWLEDGE_HEADER;
    uint32_t j;
    /* each learn counts into the statistics when there are any: the transform relies on it */
    if (stdz != (vigil_state_has_stats(h) ? learn : 0u) || cal > learn) return 0;
    if (!vigil_isfinite(mean) || !vigil_isfinite(var) || mean < 0.0f || var < 0.0f) return 0;
    if (vigil_state_has_stats(h)) {
        for (j = 0; j < h->plan.dim; ++j)
            if (!vigil_isfinite(vigil_get_f32(p + 4u * j))) return 0;
        p += 4u * h->plan.dim;
        for (j = 0; j < h->plan.dim; ++j) {
            const float m2 = vigil_get_f32(p + 4u * j);
            if (!vigil_isfinite(m2) || m2 < 0.0f) return 0;
        }
    }
    return 1;
}

vigil_status vigil_model_knowledge_load(void *state, const void *buffer, size_t size) {
    vigil_state_header *h = vigil_state_get(state);
    const uint8_t *in = (const uint8_t *)buffer, *p;
    size_t total;
    uint32_t j;
    if (h == NULL) return state == NULL ? VIGIL_BAD_ARGUMENT : VIGIL_NOT_INITIALIZED;
    if (buffer == NULL) return VIGIL_BAD_ARGUMENT;
    total = blob_size(h);
    if (size < total) return VIGIL_BAD_KNOWLEDGE; /* truncated */
    if (in[0] != KNOWLEDGE_MAGIC_0 || in[1] != KNOWLEDGE_MAGIC_1 || in[2] != KNOWLEDGE_MAGIC_2 ||
        in[3] != KNOWLEDGE_MAGIC_3 || vigil_get_u16(in + 4) != KNOWLEDGE_VERSION)
        return VIGIL_BAD_KNOWLEDGE;
    if (vigil_get_u16(in + 6) != h->plan.dim || vigil_get_u32(in + 8) != h->recipe_id ||
        vigil_get_u32(in + 20) != h->family_size)
        return VIGIL_BAD_KNOWLEDGE;
    if (vigil_get_u32(in + total - 4u) != vigil_crc32(0u, in, total - 4u)) return VIGIL_BAD_KNOWLEDGE;
    if (!plausible(h, in)) return VIGIL_BAD_KNOWLEDGE;

    h->learn_count = vigil_get_u32(in + 12);
    h->stdz_count = vigil_get_u32(in + 16);
    h->cal.count = vigil_get_u32(in + 24);
    h->cal.mean = vigil_get_f32(in + 28);
    h->cal.var = vigil_get_f32(in + 32);
    p = in + KNOWLEDGE_HEADER;
    if (vigil_state_has_stats(h)) {
        float *mean = vigil_state_floats(h, h->off_mean);
        float *m2 = vigil_state_floats(h, h->off_m2);
        for (j = 0; j < h->plan.dim; ++j, p += 4) mean[j] = vigil_get_f32(p);
        for (j = 0; j < h->plan.dim; ++j, p += 4) m2[j] = vigil_get_f32(p);
        /* the transform's factors: derived, not stored (the blob's format is unchanged) */
        if (h->stdz_count != 0u)
            vigil_welford_update(h->stdz_count, mean, NULL, h->plan.dim, CFG_STANDARDIZE(&h->recipe));
    }
    memcpy((uint8_t *)h + h->off_family, p, h->family_size);
    return VIGIL_OK;
}

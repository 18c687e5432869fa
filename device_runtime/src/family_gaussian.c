/* Family "gaussian": one independent Gaussian per feature.
 *
 * Learn: Welford's running mean and sum of squared deviations per feature (numerically stable
 * in float, one pass). After each learn the inverse variances detect needs are refreshed, so
 * score only multiplies.
 * Score: z_j = (x_j - mean_j) / sd_j, combined as the RMS of the z_j (i[0] = 0) or the largest
 * |z_j| (i[0] = 1). Variance is the sample variance (n - 1), floored at f[0] x the mean
 * variance over features (plus 1e-20, so a constant feature never divides by zero).
 *
 * Hyperparameters: i[0] combination (0 = RMS, 1 = max); f[0] relative variance floor in
 * [0, 1]. Other slots must be 0.
 * State (bytes): 8 + 12 * dim, rounded up to 8. Learn ~10 dim flops (3 dim of them divisions),
 * score ~4 dim flops + 1 sqrt. */
#include "family_util.h"

#include "fsqrt.h"

#define GAUSS_MODE_RMS 0u
#define GAUSS_MODE_MAX 1u
#define GAUSS_ABS_FLOOR 1.0e-20f

typedef struct {
    uint32_t count;
    uint32_t reserved; /* keeps the float arrays 8-byte aligned */
} gauss_header;

/* The float arrays follow the header: mean[dim], m2[dim], inv_var[dim]. */
static float *gauss_arrays(void *state) { return (float *)((gauss_header *)state + 1); }
static const float *gauss_arrays_c(const void *state) {
    return (const float *)((const gauss_header *)state + 1);
}

static int gauss_params_ok(const vigil_model_params *p, uint16_t dim) {
    if (dim == 0u) return 0;
    if (!vigil_params_unused_zero(p, 1u, 1u)) return 0;
    if (VIGIL_PARAM_I(p, 0) > GAUSS_MODE_MAX) return 0;
    return VIGIL_PARAM_F(p, 0) >= 0.0f && VIGIL_PARAM_F(p, 0) <= 1.0f; /* also rejects NaN */
}

static size_t gauss_state_size(const vigil_model_params *p, uint16_t dim) {
    if (!gauss_params_ok(p, dim)) return 0;
    return vigil_align8(sizeof(gauss_header) + 3u * (size_t)dim * sizeof(float));
}

static vigil_status gauss_init(void *state, const vigil_model_params *p, uint16_t dim,
                               uint32_t seed) {
    gauss_header *h = (gauss_header *)state;
    float *a;
    size_t j;
    (void)seed; /* deterministic family */
    if (state == NULL || p == NULL || !gauss_params_ok(p, dim)) return VIGIL_BAD_ARGUMENT;
    h->count = 0;
    h->reserved = 0;
    a = gauss_arrays(state);
    /* inv_var = 0 before learning: every score is 0 until something is known. */
    for (j = 0; j < 3u * (size_t)dim; ++j) a[j] = 0.0f;
    return VIGIL_OK;
}

static void gauss_learn(void *state, const vigil_model_params *p, uint16_t dim, const float *x) {
    gauss_header *h = (gauss_header *)state;
    float *mean = gauss_arrays(state);
    float *m2 = mean + dim;
    float *inv_var = m2 + dim;
    float inv_n, inv_n1, floor_var, sum_var = 0.0f;
    uint16_t j;

    h->count += 1u;
    inv_n = 1.0f / (float)h->count;
    inv_n1 = h->count >= 2u ? 1.0f / (float)(h->count - 1u) : 0.0f;
    for (j = 0; j < dim; ++j) {
        const float delta = x[j] - mean[j];
        mean[j] += delta * inv_n;
        m2[j] += delta * (x[j] - mean[j]);
        sum_var += m2[j] * inv_n1;
    }
    if (h->count < 2u) return; /* no spread yet: inv_var stays 0, scores stay 0 */

    floor_var = VIGIL_PARAM_F(p, 0) * (sum_var / (float)dim) + GAUSS_ABS_FLOOR;
    for (j = 0; j < dim; ++j) {
        const float var = m2[j] * inv_n1;
        inv_var[j] = 1.0f / (var > floor_var ? var : floor_var);
    }
}

static float gauss_score(const void *state, const vigil_model_params *p, uint16_t dim,
                         const float *x) {
    const float *mean = gauss_arrays_c(state);
    const float *inv_var = mean + 2u * (size_t)dim;
    float acc = 0.0f;
    uint16_t j;
    const int max_mode = VIGIL_PARAM_I(p, 0) == GAUSS_MODE_MAX;
    for (j = 0; j < dim; ++j) {
        const float d = x[j] - mean[j];
        const float z2 = d * d * inv_var[j];
        if (!max_mode) {
            acc += z2;
        } else if (z2 > acc) {
            acc = z2;
        }
    }
    return vigil_score_clamp(vigil_sqrtf(max_mode ? acc : acc / (float)dim));
}

const vigil_family_ops vigil_family_gaussian = {
    "gaussian", gauss_state_size, gauss_init, gauss_learn, gauss_score,
};

/* Family "mahalanobis": one multivariate Gaussian over all features.
 *
 * Learn: Welford's running mean and co-moment matrix (lower triangle), then the regularised
 * covariance
 *     S_reg = (1 - lambda) S + (lambda a + ridge + 1e-6 a + 1e-20) I,   a = trace(S) / dim
 * (Ledoit-Wolf style shrinkage towards a scaled identity; the 1e-6 a term keeps S_reg
 * positive definite when fewer than dim vectors were seen) is refactored as L L^T after every
 * learn, so score is one triangular solve.
 * Score: sqrt(D^2 / dim), D^2 = (x - mean)^T S_reg^-1 (x - mean) = |L^-1 (x - mean)|^2
 * (the RMS Mahalanobis distance per feature, comparable across dims). 0 before 2 learns.
 *
 * Hyperparameters: f[0] shrinkage lambda in [0, 1]; f[1] ridge >= 0 (absolute, in squared
 * feature units, at most 1e6). Integer slots must be 0. dim 1..32.
 * State (bytes): 8 + 4 dim + 8 dim^2. Learn ~dim^3/3 + 3 dim^2 flops + dim sqrt; score
 * ~dim^2 flops + dim divisions. */
#include "family_util.h"

#include "fsqrt.h"

#define MAHA_MAX_DIM 32u
#define MAHA_REL_FLOOR 1.0e-6f
#define MAHA_ABS_FLOOR 1.0e-20f

typedef struct {
    uint32_t count;
    uint32_t reserved;
} maha_header;

/* After the header: mean[dim], comoment[dim * dim] (lower triangle), chol[dim * dim]. */
static float *maha_mean(void *state) { return (float *)((maha_header *)state + 1); }
static const float *maha_mean_c(const void *state) {
    return (const float *)((const maha_header *)state + 1);
}

static int maha_params_ok(const vigil_model_params *p, uint16_t dim) {
    if (dim == 0u || dim > MAHA_MAX_DIM) return 0;
    if (!vigil_params_unused_zero(p, 0u, 3u)) return 0;
    if (!(p->f[0] >= 0.0f && p->f[0] <= 1.0f)) return 0;
    return p->f[1] >= 0.0f && p->f[1] <= 1.0e6f;
}

static size_t maha_state_size(const vigil_model_params *p, uint16_t dim) {
    if (!maha_params_ok(p, dim)) return 0;
    return vigil_align8(sizeof(maha_header) +
                        ((size_t)dim + 2u * (size_t)dim * dim) * sizeof(float));
}

static vigil_status maha_init(void *state, const vigil_model_params *p, uint16_t dim,
                              uint32_t seed) {
    maha_header *h = (maha_header *)state;
    float *a;
    size_t j, n;
    (void)seed;
    if (state == NULL || p == NULL || !maha_params_ok(p, dim)) return VIGIL_BAD_ARGUMENT;
    h->count = 0;
    h->reserved = 0;
    a = maha_mean(state);
    n = (size_t)dim + 2u * (size_t)dim * dim;
    for (j = 0; j < n; ++j) a[j] = 0.0f;
    return VIGIL_OK;
}

static void maha_learn(void *state, const vigil_model_params *p, uint16_t dim, const float *x) {
    maha_header *h = (maha_header *)state;
    float *mean = maha_mean(state);
    float *com = mean + dim;
    float *chol = com + (size_t)dim * dim;
    float delta[MAHA_MAX_DIM];
    float inv_n, inv_n1, trace = 0.0f, a, diag_add;
    const float keep = 1.0f - p->f[0];
    uint16_t i, k;

    h->count += 1u;
    inv_n = 1.0f / (float)h->count;
    for (i = 0; i < dim; ++i) {
        delta[i] = x[i] - mean[i];
        mean[i] += delta[i] * inv_n;
    }
    /* Welford's co-moment: C += delta_old (x - mean_new)^T, lower triangle only. */
    for (i = 0; i < dim; ++i)
        for (k = 0; k <= i; ++k) com[(size_t)i * dim + k] += delta[i] * (x[k] - mean[k]);
    if (h->count < 2u) return;

    inv_n1 = 1.0f / (float)(h->count - 1u);
    for (i = 0; i < dim; ++i) trace += com[(size_t)i * dim + i] * inv_n1;
    a = trace / (float)dim;
    diag_add = p->f[0] * a + p->f[1] + MAHA_REL_FLOOR * a + MAHA_ABS_FLOOR;
    for (i = 0; i < dim; ++i) {
        for (k = 0; k < i; ++k)
            chol[(size_t)i * dim + k] = keep * (com[(size_t)i * dim + k] * inv_n1);
        chol[(size_t)i * dim + i] = keep * (com[(size_t)i * dim + i] * inv_n1) + diag_add;
    }
    /* Every exact pivot is >= the smallest eigenvalue >= diag_add: a smaller one is rounding. */
    h->reserved = vigil_cholesky(chol, dim, diag_add);
}

static float maha_score(const void *state, const vigil_model_params *p, uint16_t dim,
                        const float *x) {
    const maha_header *h = (const maha_header *)state;
    const float *mean = maha_mean_c(state);
    const float *chol = mean + dim + (size_t)dim * dim;
    float y[MAHA_MAX_DIM];
    uint16_t i;
    (void)p;
    if (h->count < 2u) return 0.0f;
    for (i = 0; i < dim; ++i) y[i] = x[i] - mean[i];
    vigil_forward_subst(chol, dim, y, y);
    return vigil_score_clamp(vigil_sqrtf(vigil_dot(y, y, dim) / (float)dim));
}

const vigil_family_ops vigil_family_mahalanobis = {
    "mahalanobis", maha_state_size, maha_init, maha_learn, maha_score,
};

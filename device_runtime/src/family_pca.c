/* Family "pca": streaming PCA, scored by the reconstruction error.
 *
 * Learn: running mean, then CCIPCA (candid covariance-free incremental PCA, Weng, Zhang &
 * Hwang 2003) on u = x - mean: for each component i in order
 *     v_i <- (1 - w) v_i + w (u . v_i / |v_i|) u,    w = min(1, (1 + l) / n)
 *     u   <- u - (u . e_i) e_i,                        e_i = v_i / |v_i|
 * with amnesic parameter l (larger = forgets faster). A component with zero length (the
 * first learn, where u = 0) restarts from the current residual. After each learn an
 * orthonormal basis of the v_i (Gram-Schmidt, in order) is stored for detect.
 * Score: RMS residual sqrt(|r|^2 / dim), r = u - sum_i (u . e_i) e_i: 0 for a point in the
 * learned subspace, growing with its distance from it. 0 before the first learn.
 *
 * Hyperparameters: i[0] q components in 1..16, q <= dim; f[0] amnesic l in [0, 10]. Other
 * slots must be 0.
 * State (bytes): 8 + 4 dim (2 q + 2). Learn ~(2 q^2 + 18 q + 5) dim flops + 3q sqrt;
 * score ~(4 q + 3) dim flops. */
#include "family_util.h"

#include "fsqrt.h"

#define PCA_MAX_Q 16u

typedef struct {
    uint32_t count;
    uint32_t reserved;
} pca_header;

/* After the header: mean[dim], work[dim] (learn scratch), v[q * dim], basis[q * dim]. */
static float *pca_mean(void *state) { return (float *)((pca_header *)state + 1); }
static const float *pca_mean_c(const void *state) {
    return (const float *)((const pca_header *)state + 1);
}

static int pca_params_ok(const vigil_model_params *p, uint16_t dim) {
    if (dim == 0u) return 0;
    if (!vigil_params_unused_zero(p, 1u, 1u)) return 0;
    if (p->i[0] < 1u || p->i[0] > PCA_MAX_Q || p->i[0] > dim) return 0;
    return p->f[0] >= 0.0f && p->f[0] <= 10.0f;
}

static size_t pca_state_size(const vigil_model_params *p, uint16_t dim) {
    if (!pca_params_ok(p, dim)) return 0;
    return vigil_align8(sizeof(pca_header) +
                        (2u * (size_t)p->i[0] + 2u) * (size_t)dim * sizeof(float));
}

static vigil_status pca_init(void *state, const vigil_model_params *p, uint16_t dim,
                             uint32_t seed) {
    pca_header *h = (pca_header *)state;
    float *a;
    size_t j, n;
    (void)seed;
    if (state == NULL || p == NULL || !pca_params_ok(p, dim)) return VIGIL_BAD_ARGUMENT;
    h->count = 0;
    h->reserved = 0;
    a = pca_mean(state);
    n = (2u * (size_t)p->i[0] + 2u) * (size_t)dim;
    for (j = 0; j < n; ++j) a[j] = 0.0f;
    return VIGIL_OK;
}

/* Orthonormalises v[0..q) into basis[0..q) in order; a direction already spanned by the
 * previous ones (or zero) becomes a zero row, which then simply contributes nothing. */
static void pca_orthonormalise(const float *v, float *basis, uint16_t q, uint16_t dim) {
    uint16_t i, m, j;
    for (i = 0; i < q; ++i) {
        float *e = basis + (size_t)i * dim;
        const float *vi = v + (size_t)i * dim;
        const float len0 = vigil_sqrtf(vigil_dot(vi, vi, dim));
        float len;
        for (j = 0; j < dim; ++j) e[j] = vi[j];
        for (m = 0; m < i; ++m) {
            const float *em = basis + (size_t)m * dim;
            const float c = vigil_dot(e, em, dim);
            for (j = 0; j < dim; ++j) e[j] -= c * em[j];
        }
        len = vigil_sqrtf(vigil_dot(e, e, dim));
        if (!(len > 1.0e-4f * len0) || len0 == 0.0f) {
            for (j = 0; j < dim; ++j) e[j] = 0.0f;
        } else {
            const float inv = 1.0f / len;
            for (j = 0; j < dim; ++j) e[j] *= inv;
        }
    }
}

static void pca_learn(void *state, const vigil_model_params *p, uint16_t dim, const float *x) {
    pca_header *h = (pca_header *)state;
    const uint16_t q = p->i[0];
    float *mean = pca_mean(state);
    float *u = mean + dim;
    float *v = u + dim;
    float *basis = v + (size_t)q * dim;
    float inv_n, w;
    uint16_t i, j;

    h->count += 1u;
    inv_n = 1.0f / (float)h->count;
    for (j = 0; j < dim; ++j) {
        mean[j] += (x[j] - mean[j]) * inv_n;
        u[j] = x[j] - mean[j];
    }
    w = (1.0f + p->f[0]) * inv_n;
    if (w > 1.0f) w = 1.0f;

    for (i = 0; i < q; ++i) {
        float *vi = v + (size_t)i * dim;
        const float len = vigil_sqrtf(vigil_dot(vi, vi, dim));
        float proj;
        if (len == 0.0f) { /* (re)start the component from what the others do not explain */
            for (j = 0; j < dim; ++j) vi[j] = u[j];
        } else {
            const float c = w * vigil_dot(u, vi, dim) / len;
            for (j = 0; j < dim; ++j) vi[j] = (1.0f - w) * vi[j] + c * u[j];
        }
        /* deflate u by the updated direction before the next component */
        {
            const float l2 = vigil_dot(vi, vi, dim);
            if (l2 == 0.0f) continue;
            proj = vigil_dot(u, vi, dim) / l2;
            for (j = 0; j < dim; ++j) u[j] -= proj * vi[j];
        }
    }
    pca_orthonormalise(v, basis, q, dim);
}

static float pca_score(const void *state, const vigil_model_params *p, uint16_t dim,
                       const float *x) {
    const pca_header *h = (const pca_header *)state;
    const uint16_t q = p->i[0];
    const float *mean = pca_mean_c(state);
    const float *basis = mean + (2u + (size_t)q) * dim;
    float coef[PCA_MAX_Q];
    float err = 0.0f;
    uint16_t i, j;
    if (h->count == 0u) return 0.0f;
    for (i = 0; i < q; ++i) {
        const float *e = basis + (size_t)i * dim;
        float c = 0.0f;
        for (j = 0; j < dim; ++j) c += (x[j] - mean[j]) * e[j];
        coef[i] = c;
    }
    for (j = 0; j < dim; ++j) {
        float r = x[j] - mean[j];
        for (i = 0; i < q; ++i) r -= coef[i] * basis[(size_t)i * dim + j];
        err += r * r;
    }
    return vigil_score_clamp(vigil_sqrtf(err / (float)dim));
}

const vigil_family_ops vigil_family_pca = {
    "pca", pca_state_size, pca_init, pca_learn, pca_score,
};

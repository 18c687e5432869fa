/* Family "oselm": an OS-ELM autoencoder (online sequential extreme learning machine, Liang et
 * al. 2006, in its regularised form that needs no initial batch).
 *
 * Network: x (dim) -> h = sigmoid(W x + b) (L hidden units) -> x_hat = beta^T h (dim).
 * W and b are random and fixed, uniform in +-f[1] / sqrt(dim) (so f[1] sets the typical
 * pre-activation independently of dim), drawn from the recipe's seed. Only beta (L x dim) is
 * trained, by recursive least squares on each learned vector:
 *     Ph = P h,  c = 1 + h^T P h,  beta += (Ph / c)(x - beta^T h)^T,  P -= Ph Ph^T / c,
 * starting from beta = 0, P = I / lambda (ridge regularisation lambda = f[0]). The P update
 * is written so that P stays exactly symmetric; if rounding ever made c < 1 (P no longer
 * positive definite) the vector is skipped rather than let the model diverge.
 * Score: RMS reconstruction error sqrt(|x - x_hat|^2 / dim); 0 before the first learn.
 * Works best on standardised features (the recipe's `standardize`).
 *
 * Hyperparameters: i[0] hidden units L in 1..32; f[0] lambda in (0, 1e6]; f[1] input weight
 * scale in (0, 100]. Other slots must be 0.
 * State (bytes): 8 + 4 (2 L dim + L + L^2). Learn ~6 L dim + 4 L^2 flops + L exp;
 * score ~4 L dim flops + L exp. */
#include "family_util.h"
#include "vigil_math.h"

#include "fsqrt.h"

#define OSELM_MAX_HIDDEN 32u

typedef struct {
    uint32_t count;
    uint32_t skipped; /* vectors rejected by the positive-definiteness safeguard */
} oselm_header;

/* After the header: w[L * dim], b[L], p[L * L], beta[L * dim]. */
typedef struct {
    float *w, *b, *p, *beta;
} oselm_view;

static oselm_view oselm_layout(void *state, uint16_t hidden, uint16_t dim) {
    oselm_view v;
    v.w = (float *)((oselm_header *)state + 1);
    v.b = v.w + (size_t)hidden * dim;
    v.p = v.b + hidden;
    v.beta = v.p + (size_t)hidden * hidden;
    return v;
}

static int oselm_params_ok(const vigil_model_params *p, uint16_t dim) {
    if (dim == 0u) return 0;
    if (!vigil_params_unused_zero(p, 1u, 3u)) return 0;
    if (p->i[0] < 1u || p->i[0] > OSELM_MAX_HIDDEN) return 0;
    if (!(p->f[0] > 0.0f && p->f[0] <= 1.0e6f)) return 0;
    return p->f[1] > 0.0f && p->f[1] <= 100.0f;
}

static size_t oselm_state_size(const vigil_model_params *p, uint16_t dim) {
    size_t l;
    if (!oselm_params_ok(p, dim)) return 0;
    l = p->i[0];
    return vigil_align8(sizeof(oselm_header) +
                        (2u * l * dim + l + l * l) * sizeof(float));
}

static vigil_status oselm_init(void *state, const vigil_model_params *p, uint16_t dim,
                               uint32_t seed) {
    oselm_header *h = (oselm_header *)state;
    const uint16_t hidden = p != NULL ? p->i[0] : 0u;
    oselm_view v;
    uint32_t rng;
    float scale;
    size_t j;
    if (state == NULL || p == NULL || !oselm_params_ok(p, dim)) return VIGIL_BAD_ARGUMENT;
    h->count = 0;
    h->skipped = 0;
    v = oselm_layout(state, hidden, dim);
    rng = vigil_rng_seed(seed, 0x454C4Du /* "ELM" */);
    scale = p->f[1] / vigil_sqrtf((float)dim);
    for (j = 0; j < (size_t)hidden * dim; ++j)
        v.w[j] = scale * (2.0f * vigil_rng_uniform(&rng) - 1.0f);
    for (j = 0; j < hidden; ++j) v.b[j] = p->f[1] * (2.0f * vigil_rng_uniform(&rng) - 1.0f);
    for (j = 0; j < (size_t)hidden * hidden; ++j) v.p[j] = 0.0f;
    for (j = 0; j < hidden; ++j) v.p[j * hidden + j] = 1.0f / p->f[0];
    for (j = 0; j < (size_t)hidden * dim; ++j) v.beta[j] = 0.0f;
    return VIGIL_OK;
}

/* h = sigmoid(W x + b). */
static void oselm_hidden(const float *w, const float *b, uint16_t hidden, uint16_t dim,
                         const float *x, float *h) {
    uint16_t l;
    for (l = 0; l < hidden; ++l) {
        const float a = vigil_dot(w + (size_t)l * dim, x, dim) + b[l];
        h[l] = 1.0f / (1.0f + vigil_expf(-a));
    }
}

static void oselm_learn(void *state, const vigil_model_params *p, uint16_t dim, const float *x) {
    oselm_header *hd = (oselm_header *)state;
    const uint16_t hidden = p->i[0];
    oselm_view v = oselm_layout(state, hidden, dim);
    float h[OSELM_MAX_HIDDEN], ph[OSELM_MAX_HIDDEN];
    float c, inv_c;
    uint16_t l, m, j;

    hd->count += 1u;
    oselm_hidden(v.w, v.b, hidden, dim, x, h);
    for (l = 0; l < hidden; ++l) ph[l] = vigil_dot(v.p + (size_t)l * hidden, h, hidden);
    c = 1.0f + vigil_dot(h, ph, hidden);
    if (!(c >= 1.0f) || !vigil_is_finite(c)) {
        hd->skipped += 1u;
        return;
    }
    inv_c = 1.0f / c;
    /* beta += k e^T with k = Ph / c and e = x - beta^T h (per output feature j). */
    for (j = 0; j < dim; ++j) {
        float e = x[j];
        for (l = 0; l < hidden; ++l) e -= h[l] * v.beta[(size_t)l * dim + j];
        e *= inv_c;
        for (l = 0; l < hidden; ++l) v.beta[(size_t)l * dim + j] += ph[l] * e;
    }
    /* (ph[l] * ph[m]) == (ph[m] * ph[l]) exactly, so P stays symmetric bit for bit. */
    for (l = 0; l < hidden; ++l)
        for (m = 0; m < hidden; ++m) v.p[(size_t)l * hidden + m] -= (ph[l] * ph[m]) * inv_c;
}

static float oselm_score(const void *state, const vigil_model_params *p, uint16_t dim,
                         const float *x) {
    const oselm_header *hd = (const oselm_header *)state;
    const uint16_t hidden = p->i[0];
    /* The layout helper only computes addresses; nothing is written through them here. */
    const oselm_view v = oselm_layout((void *)(uintptr_t)state, hidden, dim);
    float h[OSELM_MAX_HIDDEN];
    float err = 0.0f;
    uint16_t l, j;
    if (hd->count == 0u) return 0.0f;
    oselm_hidden(v.w, v.b, hidden, dim, x, h);
    for (j = 0; j < dim; ++j) {
        float r = x[j];
        for (l = 0; l < hidden; ++l) r -= h[l] * v.beta[(size_t)l * dim + j];
        err += r * r;
    }
    return vigil_score_clamp(vigil_sqrtf(err / (float)dim));
}

const vigil_family_ops vigil_family_oselm = {
    "oselm", oselm_state_size, oselm_init, oselm_learn, oselm_score,
};

/* Family "knn": k nearest neighbours on a bounded reservoir of learned vectors.
 *
 * Learn: reservoir sampling (Vitter's algorithm R) keeps a uniform random sample of at most
 * R of the vectors seen so far, with the family's own xorshift32 stream (seeded from the
 * recipe, kept in the state) so host and target pick the same vectors.
 * Score: the mean Euclidean distance from x to its k nearest stored vectors (fewer if fewer
 * are stored; 0 before the first learn). With at most R learns the reservoir is every
 * learned vector and the score is exact brute-force k-NN.
 *
 * Hyperparameters: i[0] reservoir size R in 1..4096; i[1] k in 1..16, k <= R. Real slots
 * must be 0.
 * State (bytes): 8 + 4 R dim. Learn: 1 random draw + dim copies (when kept); score ~3 R dim
 * flops + R k comparisons + k sqrt. */
#include "family_util.h"

#include "fsqrt.h"

#define KNN_MAX_RESERVOIR 4096u
#define KNN_MAX_K 16u

typedef struct {
    uint32_t seen; /* vectors learned (saturates at 2^32 - 1) */
    uint32_t rng;  /* xorshift32 state */
} knn_header;

/* After the header: reservoir[R * dim]. */
static float *knn_reservoir(void *state) { return (float *)((knn_header *)state + 1); }
static const float *knn_reservoir_c(const void *state) {
    return (const float *)((const knn_header *)state + 1);
}

static int knn_params_ok(const vigil_model_params *p, uint16_t dim) {
    if (dim == 0u) return 0;
    if (!vigil_params_unused_zero(p, 3u, 0u)) return 0;
    if (p->i[0] < 1u || p->i[0] > KNN_MAX_RESERVOIR) return 0;
    return p->i[1] >= 1u && p->i[1] <= KNN_MAX_K && p->i[1] <= p->i[0];
}

static size_t knn_state_size(const vigil_model_params *p, uint16_t dim) {
    if (!knn_params_ok(p, dim)) return 0;
    return vigil_align8(sizeof(knn_header) + (size_t)p->i[0] * dim * sizeof(float));
}

static vigil_status knn_init(void *state, const vigil_model_params *p, uint16_t dim,
                             uint32_t seed) {
    knn_header *h = (knn_header *)state;
    float *r;
    size_t j, n;
    if (state == NULL || p == NULL || !knn_params_ok(p, dim)) return VIGIL_BAD_ARGUMENT;
    h->seen = 0;
    h->rng = vigil_rng_seed(seed, 0x4B4E4Eu /* "KNN" */);
    r = knn_reservoir(state);
    n = (size_t)p->i[0] * dim;
    for (j = 0; j < n; ++j) r[j] = 0.0f;
    return VIGIL_OK;
}

static void knn_learn(void *state, const vigil_model_params *p, uint16_t dim, const float *x) {
    knn_header *h = (knn_header *)state;
    const uint32_t cap = p->i[0];
    uint32_t slot;
    float *dst;
    uint16_t j;
    if (h->seen == 0xFFFFFFFFu) return; /* 4 billion learns: the sample is as good as it gets */
    h->seen += 1u;
    if (h->seen <= cap) {
        slot = h->seen - 1u;
    } else {
        slot = vigil_rng_below(&h->rng, h->seen); /* keep with probability cap / seen */
        if (slot >= cap) return;
    }
    dst = knn_reservoir(state) + (size_t)slot * dim;
    for (j = 0; j < dim; ++j) dst[j] = x[j];
}

static float knn_score(const void *state, const vigil_model_params *p, uint16_t dim,
                       const float *x) {
    const knn_header *h = (const knn_header *)state;
    const float *res = knn_reservoir_c(state);
    const uint32_t stored = h->seen < p->i[0] ? h->seen : p->i[0];
    const uint32_t k = p->i[1] < stored ? p->i[1] : stored;
    float best[KNN_MAX_K]; /* the k smallest squared distances, ascending */
    uint32_t found = 0, s, m;
    float sum = 0.0f;
    if (k == 0u) return 0.0f;
    for (s = 0; s < stored; ++s) {
        const float d = vigil_sq_dist(res + (size_t)s * dim, x, dim);
        if (found == k && !(d < best[k - 1u])) continue;
        /* insertion into the sorted list, dropping the largest when full */
        m = found < k ? found++ : k - 1u;
        while (m > 0u && best[m - 1u] > d) {
            best[m] = best[m - 1u];
            --m;
        }
        best[m] = d;
    }
    for (m = 0; m < k; ++m) sum += vigil_sqrtf(best[m]);
    return vigil_score_clamp(sum / (float)k);
}

const vigil_family_ops vigil_family_knn = {
    "knn", knn_state_size, knn_init, knn_learn, knn_score,
};

/* Family "kmeans": online k-means with a radius per cluster.
 *
 * Learn: the first k vectors seed the k centres. After that each vector moves its nearest
 * centre towards it, by 1/n_c (MacQueen's running mean, f[0] = 0) or by a constant rate
 * f[0] (forgets old data, follows drift). Each cluster's radius is the running mean (same
 * rate) of the distances of the vectors assigned to it, measured before the move.
 * Score: min over clusters of |x - c| / r_c, with r_c floored at f[1] x the mean radius over
 * clusters (plus 1e-20): a fresh or single-member cluster must not make every point look
 * infinitely far. 0 before the first learn.
 *
 * Hyperparameters: i[0] k in 1..64; f[0] rate in [0, 1] (0 = MacQueen); f[1] relative radius
 * floor in [0, 1]. Other slots must be 0.
 * State (bytes): 8 + 4 k dim + 12 k, rounded up to 8. Learn ~3 k dim + 3 dim + 8 k flops
 * + k sqrt; score ~3 k dim flops + k sqrt. */
#include "family_util.h"

#include "fsqrt.h"

#define KMEANS_MAX_K 64u
#define KMEANS_ABS_FLOOR 1.0e-20f

typedef struct {
    uint32_t count;
    uint32_t reserved;
} kmeans_header;

/* After the header: centres[k * dim], radius[k], inv_radius[k], members[k] (uint32). */
typedef struct {
    float *centres, *radius, *inv_radius;
    uint32_t *members;
} kmeans_view;

static kmeans_view kmeans_layout(void *state, uint16_t k, uint16_t dim) {
    kmeans_view v;
    v.centres = (float *)((kmeans_header *)state + 1);
    v.radius = v.centres + (size_t)k * dim;
    v.inv_radius = v.radius + k;
    v.members = (uint32_t *)(v.inv_radius + k);
    return v;
}

static int kmeans_params_ok(const vigil_model_params *p, uint16_t dim) {
    if (dim == 0u) return 0;
    if (!vigil_params_unused_zero(p, 1u, 3u)) return 0;
    if (p->i[0] < 1u || p->i[0] > KMEANS_MAX_K) return 0;
    if (!(p->f[0] >= 0.0f && p->f[0] <= 1.0f)) return 0;
    return p->f[1] >= 0.0f && p->f[1] <= 1.0f;
}

static size_t kmeans_state_size(const vigil_model_params *p, uint16_t dim) {
    if (!kmeans_params_ok(p, dim)) return 0;
    return vigil_align8(sizeof(kmeans_header) +
                        ((size_t)p->i[0] * dim + 3u * (size_t)p->i[0]) * sizeof(float));
}

static vigil_status kmeans_init(void *state, const vigil_model_params *p, uint16_t dim,
                                uint32_t seed) {
    kmeans_header *h = (kmeans_header *)state;
    kmeans_view v;
    size_t j;
    uint16_t c;
    (void)seed; /* seeded from the data: the first k vectors */
    if (state == NULL || p == NULL || !kmeans_params_ok(p, dim)) return VIGIL_BAD_ARGUMENT;
    h->count = 0;
    h->reserved = 0;
    v = kmeans_layout(state, p->i[0], dim);
    for (j = 0; j < (size_t)p->i[0] * dim; ++j) v.centres[j] = 0.0f;
    for (c = 0; c < p->i[0]; ++c) {
        v.radius[c] = 0.0f;
        v.inv_radius[c] = 0.0f;
        v.members[c] = 0u;
    }
    return VIGIL_OK;
}

/* Index of the centre nearest to x among the first `active`, and its squared distance. */
static uint16_t kmeans_nearest(const float *centres, uint16_t active, uint16_t dim,
                               const float *x, float *best_sq) {
    uint16_t c, best = 0;
    float best_d = 0.0f;
    for (c = 0; c < active; ++c) {
        const float d = vigil_sq_dist(centres + (size_t)c * dim, x, dim);
        if (c == 0u || d < best_d) {
            best_d = d;
            best = c;
        }
    }
    *best_sq = best_d;
    return best;
}

static void kmeans_learn(void *state, const vigil_model_params *p, uint16_t dim, const float *x) {
    kmeans_header *h = (kmeans_header *)state;
    const uint16_t k = p->i[0];
    kmeans_view v = kmeans_layout(state, k, dim);
    uint16_t active, c, j;
    float sum_r = 0.0f, floor_r;

    if (h->count < k) { /* seeding: the vector becomes a centre */
        float *centre = v.centres + (size_t)h->count * dim;
        for (j = 0; j < dim; ++j) centre[j] = x[j];
        v.members[h->count] = 1u;
    } else {
        float sq, rate, dist;
        float *centre;
        c = kmeans_nearest(v.centres, k, dim, x, &sq);
        dist = vigil_sqrtf(sq);
        v.members[c] += 1u;
        rate = p->f[0] > 0.0f ? p->f[0] : 1.0f / (float)v.members[c];
        centre = v.centres + (size_t)c * dim;
        for (j = 0; j < dim; ++j) centre[j] += rate * (x[j] - centre[j]);
        /* The seed vector itself had distance 0: the radius averages the n_c - 1 others. */
        v.radius[c] += (p->f[0] > 0.0f ? rate : 1.0f / (float)(v.members[c] - 1u)) *
                       (dist - v.radius[c]);
    }
    h->count += 1u;

    active = h->count < k ? (uint16_t)h->count : k;
    for (c = 0; c < active; ++c) sum_r += v.radius[c];
    floor_r = p->f[1] * (sum_r / (float)active) + KMEANS_ABS_FLOOR;
    for (c = 0; c < active; ++c)
        v.inv_radius[c] = 1.0f / (v.radius[c] > floor_r ? v.radius[c] : floor_r);
}

static float kmeans_score(const void *state, const vigil_model_params *p, uint16_t dim,
                          const float *x) {
    const kmeans_header *h = (const kmeans_header *)state;
    const uint16_t k = p->i[0];
    /* The layout helper only computes addresses; nothing is written through them here. */
    const kmeans_view v = kmeans_layout((void *)(uintptr_t)state, k, dim);
    const uint16_t active = h->count < k ? (uint16_t)h->count : k;
    float best = 0.0f;
    uint16_t c;
    for (c = 0; c < active; ++c) {
        const float s = vigil_sqrtf(vigil_sq_dist(v.centres + (size_t)c * dim, x, dim)) * v.inv_radius[c];
        if (c == 0u || s < best) best = s;
    }
    return vigil_score_clamp(best);
}

const vigil_family_ops vigil_family_kmeans = {
    "kmeans", kmeans_state_size, kmeans_init, kmeans_learn, kmeans_score,
};

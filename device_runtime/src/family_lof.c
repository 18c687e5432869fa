/* Family "lof": local outlier factor (Breunig et al. 2000) on a bounded reservoir.
 *
 * Learn: reservoir sampling (algorithm R, as family "knn": the family's own xorshift32 stream
 * seeded from the recipe, kept in the state) keeps at most R learned vectors. For every stored
 * vector the state keeps its k nearest other stored vectors (indices and Euclidean distances,
 * ascending), so its k-distance is the last one, and its local reachability density
 *   lrd(p) = 1 / max(mean_{o in N(p)} max(kdist(o), |p - o|), floor),
 *   floor  = f[0] x (mean over stored p of that mean reach distance) + 1e-20.
 * A learn that stores x at slot s (fill, or a replacement):
 *   - every stored t whose list held the vector that was at s rebuilds its list (R dim flops
 *     each; on average k such t per replacement, none while filling);
 *   - every other t takes x into its list if x is nearer than its k-th (dim flops + 1 sqrt);
 *   - x's own list is built in the same pass;
 *   - all lrd are refreshed (R k max/add, R divisions), since a changed k-distance changes the
 *     reach distances of every point that has it as a neighbour.
 * A learn the reservoir does not keep costs one random draw.
 *
 * Score (never writes): the kq = min(k, stored) nearest stored vectors p_i of x (by squared
 * distance, R dim flops + R kq compares, kq sqrt), mrd(x) = mean_i max(kdist(p_i), |x - p_i|),
 *   LOF(x) = mrd(x) x mean_i lrd(p_i),   score = max(0, LOF(x) - 1).
 * An inlier has LOF about 1, so its score is about 0. Fewer than 2 stored vectors: score 0.
 * x equal to a stored vector whose neighbours are duplicates (mrd(x) = 0): score 0.
 * Duplicates never divide by zero: the floor bounds every lrd (f[0] = 0 leaves only 1e-20,
 * then a point next to a cluster of exact duplicates scores huge, as in plain LOF).
 *
 * Hyperparameters: i[0] reservoir size R in 2..4096; i[1] k in 1..32, k < R; f[0] relative
 * floor of the mean reach distance in [0, 1]. Other slots must be 0.
 * State (bytes): 16 + R (4 dim + 4 + 6 k), before rounding up to 8. */
#include "family_util.h"

#include "fsqrt.h"

#define LOF_MAX_RESERVOIR 4096u
#define LOF_MAX_K 32u

typedef struct {
    uint32_t seen;   /* vectors learned (saturates at 2^32 - 1) */
    uint32_t rng;    /* xorshift32 state */
    float mean_mrd;  /* mean over stored vectors of their mean reach distance (unfloored) */
    uint32_t unused; /* keeps the arrays 8-byte aligned; always 0 */
} lof_header;

/* After the header: points[R dim], lrd[R], nd[R k] (neighbour distances, ascending),
 * ni[R k] (uint16 neighbour slots). */
typedef struct {
    float *points, *lrd, *nd;
    uint16_t *ni;
} lof_arrays;

static lof_arrays lof_layout(const void *state, uint32_t cap, uint32_t k, uint16_t dim) {
    lof_arrays a;
    a.points = (float *)((const lof_header *)state + 1);
    a.lrd = a.points + (size_t)cap * dim;
    a.nd = a.lrd + cap;
    a.ni = (uint16_t *)(a.nd + (size_t)cap * k);
    return a;
}

static int lof_params_ok(const vigil_model_params *p, uint16_t dim) {
    if (dim == 0u) return 0;
    if (!vigil_params_unused_zero(p, 3u, 1u)) return 0;
    if (p->i[0] < 2u || p->i[0] > LOF_MAX_RESERVOIR) return 0;
    if (p->i[1] < 1u || p->i[1] > LOF_MAX_K || p->i[1] >= p->i[0]) return 0;
    return p->f[0] >= 0.0f && p->f[0] <= 1.0f; /* NaN fails */
}

static size_t lof_state_size(const vigil_model_params *p, uint16_t dim) {
    size_t cap, k;
    if (!lof_params_ok(p, dim)) return 0;
    cap = p->i[0];
    k = p->i[1];
    return vigil_align8(sizeof(lof_header) +
                        cap * ((size_t)dim * sizeof(float) + sizeof(float) +
                               k * (sizeof(float) + sizeof(uint16_t))));
}

static vigil_status lof_init(void *state, const vigil_model_params *p, uint16_t dim,
                             uint32_t seed) {
    lof_header *h = (lof_header *)state;
    lof_arrays a;
    size_t j, n;
    uint32_t cap, k;
    if (state == NULL || p == NULL || !lof_params_ok(p, dim)) return VIGIL_BAD_ARGUMENT;
    cap = p->i[0];
    k = p->i[1];
    h->seen = 0;
    h->rng = vigil_rng_seed(seed, 0x4C4F46u /* "LOF" */);
    h->mean_mrd = 0.0f;
    h->unused = 0;
    a = lof_layout(state, cap, k, dim);
    n = (size_t)cap * dim + cap + (size_t)cap * k;
    for (j = 0; j < n; ++j) a.points[j] = 0.0f; /* points, lrd, nd are contiguous */
    n = (size_t)cap * k;
    for (j = 0; j < n; ++j) a.ni[j] = 0u;
    return VIGIL_OK;
}

/* Inserts (slot, d) into a list of `len` entries kept ascending with at most `k` entries;
 * equal distances keep the earlier entry first. Returns the new length. */
static uint32_t lof_insert(float *nd, uint16_t *ni, uint32_t len, uint32_t k, uint32_t slot,
                           float d) {
    uint32_t m;
    if (len == k && !(d < nd[k - 1u])) return len;
    m = len < k ? len++ : k - 1u;
    while (m > 0u && nd[m - 1u] > d) {
        nd[m] = nd[m - 1u];
        ni[m] = ni[m - 1u];
        --m;
    }
    nd[m] = d;
    ni[m] = (uint16_t)slot;
    return len;
}

/* Rebuilds the list of slot t over every other stored slot (ascending slot order). */
static void lof_rebuild(const lof_arrays *a, uint32_t t, uint32_t stored, uint32_t k,
                        uint16_t dim) {
    float *nd = a->nd + (size_t)t * k;
    uint16_t *ni = a->ni + (size_t)t * k;
    const float *pt = a->points + (size_t)t * dim;
    uint32_t u, len = 0;
    for (u = 0; u < stored; ++u) {
        if (u == t) continue;
        len = lof_insert(nd, ni, len, k, u,
                         vigil_sqrtf(vigil_sq_dist(a->points + (size_t)u * dim, pt, dim)));
    }
}

static void lof_learn(void *state, const vigil_model_params *p, uint16_t dim, const float *x) {
    lof_header *h = (lof_header *)state;
    const uint32_t cap = VIGIL_PARAM_I(p, 0);
    const uint32_t k = VIGIL_PARAM_I(p, 1);
    const float rel_floor = VIGIL_PARAM_F(p, 0);
    lof_arrays a;
    uint32_t slot, stored, len, kk, t, m, s_len = 0;
    float *dst, *s_nd;
    uint16_t *s_ni;
    float sum_mrd = 0.0f, floor_mrd;
    uint16_t j;
    int replacing;
    if (h->seen == 0xFFFFFFFFu) return; /* 4 billion learns: the sample is as good as it gets */
    h->seen += 1u;
    if (h->seen <= cap) {
        slot = h->seen - 1u;
        replacing = 0;
    } else {
        slot = vigil_rng_below(&h->rng, h->seen); /* keep with probability cap / seen */
        if (slot >= cap) return;
        replacing = 1;
    }
    a = lof_layout(state, cap, k, dim);
    stored = h->seen < cap ? h->seen : cap;
    kk = k < stored - 1u ? k : stored - 1u; /* list length of every stored vector after this */
    dst = a.points + (size_t)slot * dim;
    for (j = 0; j < dim; ++j) dst[j] = x[j];
    s_nd = a.nd + (size_t)slot * k;
    s_ni = a.ni + (size_t)slot * k;
    /* Lists before this learn hold min(k, stored_before - 1) entries: while filling that is
     * kk - 1 when kk grew, else kk; a replacement keeps stored, so kk. */
    len = replacing ? kk : (stored - 2u < k ? stored - 2u : k);
    if (stored == 1u) len = 0;
    for (t = 0; t < stored; ++t) {
        float *nd, d;
        uint16_t *ni;
        int held = 0;
        if (t == slot) continue;
        nd = a.nd + (size_t)t * k;
        ni = a.ni + (size_t)t * k;
        d = vigil_sqrtf(vigil_sq_dist(a.points + (size_t)t * dim, x, dim));
        s_len = lof_insert(s_nd, s_ni, s_len, k, t, d);
        if (replacing) {
            for (m = 0; m < len; ++m)
                if (ni[m] == slot) held = 1;
        }
        if (held)
            lof_rebuild(&a, t, stored, k, dim);
        else
            (void)lof_insert(nd, ni, len, k, slot, d);
    }
    /* Mean reach distances, then the floor, then the densities. */
    for (t = 0; t < stored; ++t) {
        const float *nd = a.nd + (size_t)t * k;
        const uint16_t *ni = a.ni + (size_t)t * k;
        float sum = 0.0f;
        for (m = 0; m < kk; ++m) {
            /* a neighbour slot is always < stored in a state this code wrote; one loaded from a
             * forged knowledge blob (the CRC is no signature) must not index past the arrays */
            const uint32_t o = ni[m] < stored ? ni[m] : t;
            const float ko = a.nd[(size_t)o * k + (kk - 1u)];
            sum += nd[m] > ko ? nd[m] : ko;
        }
        a.lrd[t] = kk > 0u ? sum / (float)kk : 0.0f; /* mean reach distance for now */
        sum_mrd += a.lrd[t];
    }
    h->mean_mrd = sum_mrd / (float)stored;
    floor_mrd = rel_floor * h->mean_mrd + 1.0e-20f;
    for (t = 0; t < stored; ++t) {
        const float mrd = a.lrd[t];
        a.lrd[t] = 1.0f / (mrd > floor_mrd ? mrd : floor_mrd);
    }
}

static float lof_score(const void *state, const vigil_model_params *p, uint16_t dim,
                       const float *x) {
    const lof_header *h = (const lof_header *)state;
    const uint32_t cap = VIGIL_PARAM_I(p, 0);
    const uint32_t k = VIGIL_PARAM_I(p, 1);
    const lof_arrays a = lof_layout(state, cap, k, dim);
    const uint32_t stored = h->seen < cap ? h->seen : cap;
    const uint32_t kq = k < stored ? k : stored;
    const uint32_t kk = k < stored - 1u ? k : stored - 1u; /* stored lists' length */
    float best[LOF_MAX_K]; /* the kq smallest squared distances, ascending */
    uint16_t slot[LOF_MAX_K];
    uint32_t found = 0, s, m;
    float reach = 0.0f, dens = 0.0f, lof;
    if (stored < 2u) return 0.0f;
    for (s = 0; s < stored; ++s) {
        found = lof_insert(best, slot, found, kq, s, vigil_sq_dist(a.points + (size_t)s * dim, x, dim));
    }
    for (m = 0; m < kq; ++m) {
        const float kd = a.nd[(size_t)slot[m] * k + (kk - 1u)];
        const float d = vigil_sqrtf(best[m]);
        reach += d > kd ? d : kd;
        dens += a.lrd[slot[m]];
    }
    if (!(reach > 0.0f)) return reach == 0.0f ? 0.0f : VIGIL_SCORE_MAX; /* NaN: not normal */
    /* LOF = (reach / kq) (dens / kq) */
    lof = (reach / (float)kq) * (dens / (float)kq);
    return vigil_score_clamp(lof - 1.0f);
}

const vigil_family_ops vigil_family_lof = {
    "lof", lof_state_size, lof_init, lof_learn, lof_score,
};

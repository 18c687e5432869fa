/* Family "hstrees": half-space trees (Tan, Ting & Liu 2011), a streaming isolation forest.
 *
 * Work range: learned from the data. The first W learn calls (the window, i[2]) only record
 * each feature's min and max; at the end of the window the trees are built and every later
 * learn call counts its vector in the trees' mass profiles. (The window's vectors are not
 * counted: the recipe's min_learn should comfortably exceed W.) As in the paper, each tree
 * sees feature q through its own randomly shifted work range: with the window's range mapped
 * to [0, 1] and s ~ U[0, 1) drawn per (tree, feature), the range is s -+ 2 max(s, 1 - s), so
 * the first split on q falls at s, inside the data, and deeper splits on q halve the node's
 * range. A constant feature gets a width of 1e-6 |value| + 1e-20, so any change shows.
 * Split features are drawn uniformly per internal node, from the recipe's seed.
 *
 * Mass: learned vectors are counted at every node on their path (one growing reference
 * window: learning only ever sees normal data, so the paper's window swap is not needed).
 * Score: per tree, descend while the node's mass exceeds the size limit f[0] x n (n = vectors
 * counted) and the node is internal; at the node reached (depth k, mass m) the relative
 * density is p = m 2^k / n (1 = as dense as a uniform spread over the work range). The score
 * is 1 / (1 + mean_t p_t): in (0, 1], 1 for a point in a region where nothing was learned,
 * near 0 deep inside the learned cloud. 0 while nothing has been counted.
 *
 * Hyperparameters: i[0] trees T in 1..64; i[1] depth h in 1..10; i[2] window W in 1..65535;
 * f[0] size limit in [0, 1). Other slots must be 0.
 * State (bytes): 16 + 8 dim + T (2^h - 1) (4 + 2) + T (2^(h+1) - 1) 4, rounded up to 8.
 * Learn: in the window 2 dim comparisons; after it T (h comparisons + h + 1 increments). The
 * build at the end of the window costs ~T 2^h h operations once. Score: at most T h
 * comparisons + 3 T flops. */
#include "family_util.h"

#define HST_MAX_TREES 64u
#define HST_MAX_DEPTH 10u

typedef struct {
    uint32_t seen;    /* learn calls so far (saturating) */
    uint32_t counted; /* vectors counted in the mass profiles (after the window) */
    uint32_t seed;    /* recipe seed: the per-(tree, feature) shifts are derived at build time */
    uint32_t reserved;
} hst_header;

/* After the header: lo[dim], hi[dim], split[T * I] (floats); mass[T * N] (uint32);
 * split_dim[T * I] (uint16), with I = 2^h - 1 internal nodes and N = 2^(h+1) - 1 nodes per
 * tree, each tree stored in heap order (children of node i: 2i + 1 left, 2i + 2 right). */
typedef struct {
    float *lo, *hi, *split;
    uint32_t *mass;
    uint16_t *split_dim;
    uint32_t internal, nodes;
} hst_view;

static hst_view hst_layout(void *state, const vigil_model_params *p, uint16_t dim) {
    hst_view v;
    const uint32_t trees = p->i[0];
    v.internal = (1u << p->i[1]) - 1u;
    v.nodes = 2u * v.internal + 1u;
    v.lo = (float *)((hst_header *)state + 1);
    v.hi = v.lo + dim;
    v.split = v.hi + dim;
    v.mass = (uint32_t *)(v.split + (size_t)trees * v.internal);
    v.split_dim = (uint16_t *)(v.mass + (size_t)trees * v.nodes);
    return v;
}

static int hst_params_ok(const vigil_model_params *p, uint16_t dim) {
    if (dim == 0u) return 0;
    if (!vigil_params_unused_zero(p, 7u, 1u)) return 0;
    if (p->i[0] < 1u || p->i[0] > HST_MAX_TREES) return 0;
    if (p->i[1] < 1u || p->i[1] > HST_MAX_DEPTH) return 0;
    if (p->i[2] < 1u) return 0;
    return p->f[0] >= 0.0f && p->f[0] < 1.0f;
}

static size_t hst_state_size(const vigil_model_params *p, uint16_t dim) {
    size_t internal, nodes, trees;
    if (!hst_params_ok(p, dim)) return 0;
    trees = p->i[0];
    internal = ((size_t)1u << p->i[1]) - 1u;
    nodes = 2u * internal + 1u;
    return vigil_align8(sizeof(hst_header) + 2u * (size_t)dim * sizeof(float) +
                        trees * internal * (sizeof(float) + sizeof(uint16_t)) +
                        trees * nodes * sizeof(uint32_t));
}

static vigil_status hst_init(void *state, const vigil_model_params *p, uint16_t dim,
                             uint32_t seed) {
    hst_header *h = (hst_header *)state;
    hst_view v;
    size_t j;
    uint32_t t, i;
    if (state == NULL || p == NULL || !hst_params_ok(p, dim)) return VIGIL_BAD_ARGUMENT;
    h->seen = 0;
    h->counted = 0;
    h->seed = seed;
    h->reserved = 0;
    v = hst_layout(state, p, dim);
    for (j = 0; j < 2u * (size_t)dim; ++j) v.lo[j] = 0.0f; /* lo and hi */
    for (j = 0; j < (size_t)p->i[0] * v.internal; ++j) v.split[j] = 0.0f;
    for (j = 0; j < (size_t)p->i[0] * v.nodes; ++j) v.mass[j] = 0u;
    /* The split features do not depend on the data: draw them now, one stream per tree. */
    for (t = 0; t < p->i[0]; ++t) {
        uint32_t rng = vigil_rng_seed(seed, 0x48535400u + t);
        for (i = 0; i < v.internal; ++i)
            v.split_dim[(size_t)t * v.internal + i] = (uint16_t)vigil_rng_below(&rng, dim);
    }
    return VIGIL_OK;
}

/* The split value of internal node `node` of tree t: the midpoint of the node's range on its
 * split feature, found by replaying the path from the root (at most h steps). */
static float hst_split_value(const hst_view *v, uint32_t seed, uint32_t t, uint32_t node) {
    const uint16_t *dims = v->split_dim + (size_t)t * v->internal;
    const uint16_t q = dims[node];
    uint32_t path[HST_MAX_DEPTH]; /* ancestors of `node`, from node's parent up to the root */
    uint32_t depth = 0, a = node, rng;
    float s, m, lo01, hi01, width;
    while (a > 0u) {
        a = (a - 1u) / 2u;
        path[depth++] = a;
    }
    rng = vigil_rng_seed(seed ^ ((uint32_t)q * 0x85EBCA77u), 0x53484946u + t);
    s = vigil_rng_uniform(&rng);
    m = s > 1.0f - s ? s : 1.0f - s;
    lo01 = s - 2.0f * m;
    hi01 = s + 2.0f * m;
    /* Walk down from the root: each ancestor that split on q halves the range on q. */
    while (depth > 0u) {
        const uint32_t anc = path[--depth];
        const uint32_t child = depth > 0u ? path[depth - 1u] : node;
        if (dims[anc] == q) {
            const float mid = 0.5f * (lo01 + hi01);
            if (child == 2u * anc + 1u) hi01 = mid; else lo01 = mid;
        }
    }
    width = v->hi[q] - v->lo[q];
    if (!(width > 0.0f)) {
        const float mag = v->lo[q] < 0.0f ? -v->lo[q] : v->lo[q];
        width = 1.0e-6f * mag + 1.0e-20f;
    }
    return v->lo[q] + width * (0.5f * (lo01 + hi01));
}

static void hst_learn(void *state, const vigil_model_params *p, uint16_t dim, const float *x) {
    hst_header *h = (hst_header *)state;
    hst_view v = hst_layout(state, p, dim);
    const uint32_t window = p->i[2];
    uint32_t t, i, k;
    uint16_t j;

    if (h->seen < window) { /* learning the work range */
        for (j = 0; j < dim; ++j) {
            if (h->seen == 0u || x[j] < v.lo[j]) v.lo[j] = x[j];
            if (h->seen == 0u || x[j] > v.hi[j]) v.hi[j] = x[j];
        }
        h->seen += 1u;
        if (h->seen == window)
            for (t = 0; t < p->i[0]; ++t)
                for (i = 0; i < v.internal; ++i)
                    v.split[(size_t)t * v.internal + i] = hst_split_value(&v, h->seed, t, i);
        return;
    }
    if (h->counted == 0xFFFFFFFFu) return; /* masses would overflow */
    if (h->seen != 0xFFFFFFFFu) h->seen += 1u;
    h->counted += 1u;
    for (t = 0; t < p->i[0]; ++t) {
        uint32_t *mass = v.mass + (size_t)t * v.nodes;
        const float *split = v.split + (size_t)t * v.internal;
        const uint16_t *dims = v.split_dim + (size_t)t * v.internal;
        uint32_t node = 0;
        mass[0] += 1u;
        for (k = 0; k < p->i[1]; ++k) {
            node = x[dims[node]] < split[node] ? 2u * node + 1u : 2u * node + 2u;
            mass[node] += 1u;
        }
    }
}

static float hst_score(const void *state, const vigil_model_params *p, uint16_t dim,
                       const float *x) {
    const hst_header *h = (const hst_header *)state;
    /* The layout helper only computes addresses; nothing is written through them here. */
    const hst_view v = hst_layout((void *)(uintptr_t)state, p, dim);
    const float n = (float)h->counted;
    const float limit = p->f[0] * n;
    float density = 0.0f;
    uint32_t t;
    if (h->counted == 0u) return 0.0f;
    for (t = 0; t < p->i[0]; ++t) {
        const uint32_t *mass = v.mass + (size_t)t * v.nodes;
        const float *split = v.split + (size_t)t * v.internal;
        const uint16_t *dims = v.split_dim + (size_t)t * v.internal;
        uint32_t node = 0, k = 0;
        float scale = 1.0f; /* 2^depth */
        while (k < p->i[1] && (float)mass[node] > limit) {
            node = x[dims[node]] < split[node] ? 2u * node + 1u : 2u * node + 2u;
            scale *= 2.0f;
            ++k;
        }
        density += (float)mass[node] * scale / n;
    }
    return vigil_score_clamp(1.0f / (1.0f + density / (float)p->i[0]));
}

const vigil_family_ops vigil_family_hstrees = {
    "hstrees", hst_state_size, hst_init, hst_learn, hst_score,
};

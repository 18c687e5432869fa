/* Helpers shared by the model families: see family_util.h. */
#include "family_util.h"

#include "vigil_config.h"

#include "fsqrt.h"

int vigil_params_unused_zero(const vigil_model_params *p, unsigned used_i, unsigned used_f) {
    unsigned n;
#if VIGIL_CFG_ONE_RECIPE
    /* a library built for one recipe runs exactly that recipe, whose parameters the host checked
     * when it compiled the library (vigil_recipe_validate compares with it byte for byte) */
    (void)p;
    (void)used_i;
    (void)used_f;
    (void)n;
    return 1;
#endif
    for (n = 0; n < 4u; ++n) {
        if (!(used_i & (1u << n)) && p->i[n] != 0u) return 0;
        if (!(used_f & (1u << n)) && p->f[n] != 0.0f) return 0;
    }
    return 1;
}

int vigil_is_finite(float f) { return f == f && f <= 3.402823466e38f && f >= -3.402823466e38f; }

uint32_t vigil_rng_seed(uint32_t seed, uint32_t stream) {
    /* A murmur3-style finaliser mixes seed and stream so that neighbouring seeds (0, 1, 2...)
     * start far apart; xorshift32 must never be 0. */
    uint32_t h = seed ^ (stream * 0x9E3779B9u);
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h != 0u ? h : 0x6D2B79F5u;
}

uint32_t vigil_rng_next(uint32_t *state) {
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

float vigil_rng_uniform(uint32_t *state) {
    return (float)(vigil_rng_next(state) >> 8) * (1.0f / 16777216.0f);
}

uint32_t vigil_rng_below(uint32_t *state, uint32_t n) {
    return (uint32_t)(((uint64_t)vigil_rng_next(state) * (uint64_t)n) >> 32);
}

float vigil_dot(const float *a, const float *b, uint16_t n) {
    float s = 0.0f;
    uint16_t j;
    for (j = 0; j < n; ++j) s += a[j] * b[j];
    return s;
}

float vigil_sq_dist(const float *a, const float *b, uint16_t n) {
    float s = 0.0f;
    uint16_t j;
    for (j = 0; j < n; ++j) {
        const float d = a[j] - b[j];
        s += d * d;
    }
    return s;
}

uint16_t vigil_cholesky(float *a, uint16_t n, float min_pivot) {
    uint16_t replaced = 0;
    uint16_t i, j, k;
    for (j = 0; j < n; ++j) {
        float d = a[(size_t)j * n + j];
        float inv;
        for (k = 0; k < j; ++k) d -= a[(size_t)j * n + k] * a[(size_t)j * n + k];
        if (!(d >= min_pivot)) { /* also NaN */
            d = min_pivot;
            ++replaced;
        }
        d = vigil_sqrtf(d);
        a[(size_t)j * n + j] = d;
        inv = 1.0f / d;
        for (i = (uint16_t)(j + 1u); i < n; ++i) {
            float s = a[(size_t)i * n + j];
            for (k = 0; k < j; ++k) s -= a[(size_t)i * n + k] * a[(size_t)j * n + k];
            a[(size_t)i * n + j] = s * inv;
        }
        for (i = (uint16_t)(j + 1u); i < n; ++i) a[(size_t)j * n + i] = 0.0f;
    }
    return replaced;
}

void vigil_forward_subst(const float *l, uint16_t n, const float *b, float *y) {
    uint16_t i, k;
    for (i = 0; i < n; ++i) {
        float s = b[i];
        for (k = 0; k < i; ++k) s -= l[(size_t)i * n + k] * y[k];
        y[i] = s / l[(size_t)i * n + i];
    }
}

/* Periodic Hann window w[i] = 0.5 - 0.5 cos(2 pi i / n), i = 0 .. n-1 (periodic, not
 * symmetric: it tiles without overlap and matches the FFT's bins).
 *
 * Why the symmetries: cosines come from the rotor (no table) and a rotor step costs more than
 * applying a window value, so each cosine is used as often as possible. w[n - i] = w[i] always;
 * for even n also cos(2 pi (n/2 -+ i) / n) = -cos(2 pi i / n), so w[n/2 -+ i] = 0.5 + 0.5 c and
 * one cosine serves four samples (n/4 + 1 rotor steps for n samples).
 *
 * vigil_hann_load also subtracts an offset while it reads a strided source (the feature
 * pipeline gathers one axis of an interleaved signal, removes its mean and windows it in one
 * pass). vigil_hann_apply is the same code in place with offset 0 (x - 0 is exactly x), so both
 * give the same bits. */
#include "preprocess.h"
#include "rotor.h"

/* Odd n: half symmetry only. */
static void hann_load_odd(const float *src, uint32_t stride, float offset, uint32_t n, float *out) {
    vigil_rotor rot = vigil_rotor_start(2u, n); /* angle pi * 2i / n */
    uint32_t i;
    for (i = 0; 2u * i <= n; ++i) {
        const float w = 0.5f - 0.5f * rot.c;
        out[i] = (src[i * stride] - offset) * w;
        if (i != 0u) out[n - i] = (src[(n - i) * stride] - offset) * w;
        vigil_rotor_step(&rot);
    }
}

void vigil_hann_load(const float *src, uint32_t stride, float offset, uint32_t n, float *out) {
    const uint32_t half = n / 2u;
    vigil_rotor rot;
    const float *s_up, *s_down, *s_mid_down, *s_mid_up;
    float *o_up, *o_down, *o_mid_down, *o_mid_up;
    uint32_t i;
    if (n < 2u) {
        if (n == 1u) out[0] = 0.0f;
        return;
    }
    if (n & 1u) {
        hann_load_odd(src, stride, offset, n, out);
        return;
    }
    rot = vigil_rotor_start(2u, n);
    /* i = 0: w[0] = 0, w[n/2] = 1 (computed like every other value) */
    out[0] = (src[0] - offset) * (0.5f - 0.5f * rot.c);
    out[half] = (src[half * stride] - offset) * (0.5f + 0.5f * rot.c);
    if (n == 2u) return; /* (the pointers below would start past a 2-sample source) */
    /* 0 < i < n/4: the four samples i, n/2 - i, n/2 + i, n - i are distinct */
    s_up = src + stride;
    s_down = src + (n - 1u) * stride;
    s_mid_down = src + (half - 1u) * stride;
    s_mid_up = src + (half + 1u) * stride;
    o_up = out + 1;
    o_down = out + n - 1u;
    o_mid_down = out + half - 1u;
    o_mid_up = out + half + 1u;
    for (i = 1; 4u * i < n; ++i) {
        float low, high;
        vigil_rotor_step(&rot);
        low = 0.5f - 0.5f * rot.c;
        high = 0.5f + 0.5f * rot.c;
        *o_up++ = (*s_up - offset) * low;
        *o_down-- = (*s_down - offset) * low;
        *o_mid_down-- = (*s_mid_down - offset) * high;
        *o_mid_up++ = (*s_mid_up - offset) * high;
        s_up += stride;
        s_down -= stride;
        s_mid_down -= stride;
        s_mid_up += stride;
    }
    /* i = n/4 (n a multiple of 4): n/2 - i = i and n/2 + i = n - i */
    if (4u * i == n) {
        vigil_rotor_step(&rot);
        *o_up = (*s_up - offset) * (0.5f - 0.5f * rot.c);
        *o_mid_up = (*s_mid_up - offset) * (0.5f + 0.5f * rot.c);
    }
}

void vigil_hann_apply(float *x, uint32_t n) {
    vigil_hann_load(x, 1u, 0.0f, n, x);
}

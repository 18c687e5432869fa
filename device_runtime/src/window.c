/* Periodic Hann window w[i] = 0.5 - 0.5 cos(2 pi i / n), i = 0 .. n-1 (periodic, not
 * symmetric: it tiles without overlap and matches the FFT's bins).
 *
 * Why the symmetries: cosines come from the rotor (no table) and a rotor step costs more than
 * applying a window value, so each cosine is used as often as possible. w[n - i] = w[i] always;
 * for even n also cos(2 pi (n/2 -+ i) / n) = -cos(2 pi i / n), so w[n/2 -+ i] = 0.5 + 0.5 c and
 * one cosine serves four samples (n/4 + 1 rotor steps for n samples).
 *
 * Two entry points with the same values bit for bit (same rotor steps, same operations):
 * vigil_hann_apply, in place and compact (any n, the general pipeline), and
 * vigil_hann_load_bitreversed, the fast path of the spectral pipeline, which also gathers one
 * axis of the interleaved signal, removes its mean and stores in the FFT's input order. */
#include "preprocess.h"
#include "rotor.h"

void vigil_hann_apply(float *x, uint32_t n) {
    /* One loop (one rotor step in the code: this general path is kept small) over i <= last:
     * odd n writes i and n - i; even n also n/2 - i and n/2 + i, which coincide with i and
     * n - i at i = n/4. */
    vigil_rotor rot = vigil_rotor_start(2u, n); /* angle pi * 2i / n */
    const uint32_t half = n / 2u, four_fold = (n & 1u) == 0u, last = four_fold ? n / 4u : half;
    uint32_t i;
    if (n < 2u) {
        if (n == 1u) x[0] = 0.0f;
        return;
    }
    for (i = 0;; ++i) {
        const float low = 0.5f - 0.5f * rot.c, high = 0.5f + 0.5f * rot.c;
        const int at_quarter = four_fold && 4u * i == n;
        x[i] *= low;
        if (four_fold) {
            if (!at_quarter) x[half - i] *= high;
            if (i != 0u) x[half + i] *= high;
        }
        if (i != 0u && !at_quarter) x[n - i] *= low;
        if (i == last) break;
        vigil_rotor_step(&rot);
    }
}

/* rev(c + 1) from r = rev(c), over `points` complex points (bits reversed within log2 points). */
static uint32_t reversed_increment(uint32_t r, uint32_t points) {
    uint32_t bit = points >> 1;
    while (r & bit) {
        r ^= bit;
        bit >>= 1;
    }
    return r | bit;
}

/* Same values as vigil_hann_load (same rotor steps, same operations), each written straight to
 * its place in the bit-reversed order of the complex pairs the real FFT permutes
 * (z[c] = x[2c] + i x[2c+1] goes to rev(c)): sample t goes to 2 rev(t / 2) + t % 2. That saves
 * the FFT's permutation pass. With H = n/2 complex points, c = i / 2, r = rev(c) and
 * q = rev(c - 1), the four samples of one cosine land at (n a power of two, so n - i and
 * n/2 - i are bit complements of i within b and b - 1 bits, and n/2 + i only adds the top bit):
 *   sample:      i             n - i                n/2 - i              n/2 + i
 *   i = 2c:      2r            2(H - 1 - q)         2(H - 2 - q)         2(r + 1)
 *   i = 2c + 1:  2r + 1        2(H - 1 - r) + 1     2(H - 2 - r) + 1     2(r + 1) + 1
 * (i = 0 and i = n/4 have two distinct samples each.) */
void vigil_hann_load_bitreversed(const float *src, uint32_t stride, float offset, uint32_t n,
                                 float *out) {
    const uint32_t H = n / 2u, half = n / 2u;
    const float *s_up = src, *s_down = src + (n - 1u) * stride;
    const float *s_mid_down = src + (half - 1u) * stride, *s_mid_up = src + (half + 1u) * stride;
    vigil_rotor rot = vigil_rotor_start(2u, n);
    uint32_t c, r = 0, q = 0;
    float low, high;

    /* i = 0: samples 0 and n/2 (complex n/4, reversed 1) */
    out[0] = (src[0] - offset) * (0.5f - 0.5f * rot.c);
    out[2] = (src[half * stride] - offset) * (0.5f + 0.5f * rot.c);
    for (c = 0; 8u * c < n; ++c) {
        if (c != 0u) {
            /* i = 2c */
            vigil_rotor_step(&rot);
            low = 0.5f - 0.5f * rot.c;
            high = 0.5f + 0.5f * rot.c;
            out[2u * r] = (*s_up - offset) * low;
            out[2u * (H - 1u - q)] = (*s_down - offset) * low;
            out[2u * (H - 2u - q)] = (*s_mid_down - offset) * high;
            out[2u * (r + 1u)] = (*s_mid_up - offset) * high;
            s_down -= stride;
            s_mid_down -= stride;
            s_mid_up += stride;
        }
        s_up += stride;
        /* i = 2c + 1 */
        vigil_rotor_step(&rot);
        low = 0.5f - 0.5f * rot.c;
        high = 0.5f + 0.5f * rot.c;
        out[2u * r + 1u] = (*s_up - offset) * low;
        out[2u * (H - 1u - r) + 1u] = (*s_down - offset) * low;
        out[2u * (H - 2u - r) + 1u] = (*s_mid_down - offset) * high;
        out[2u * (r + 1u) + 1u] = (*s_mid_up - offset) * high;
        s_up += stride;
        s_down -= stride;
        s_mid_down -= stride;
        s_mid_up += stride;
        q = r;
        r = reversed_increment(r, H);
    }
    /* i = n/4 (c = n/8, even): samples n/4 and 3n/4 */
    vigil_rotor_step(&rot);
    out[2u * r] = (*s_up - offset) * (0.5f - 0.5f * rot.c);
    out[2u * (r + 1u)] = (*s_mid_up - offset) * (0.5f + 0.5f * rot.c);
}

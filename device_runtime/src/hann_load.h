/* The spectral pipeline's load (internal): one pass that gathers an axis from the interleaved
 * signal, centres it, windows it, stores it in the FFT's bit-reversed input order and does the
 * FFT's first stage. Inline, because it is the hot loop of the whole library and has one caller:
 * a library built for one recipe gets it specialised for its length, window and axes.
 * Contract in preprocess.h's words: bit for bit vigil_hann_apply_table (or no window), then
 * vigil_bit_reverse over n/2 points, then vigil_fft_stage_1 (tests/unit/runtime/test_fast_paths.cpp). */
#ifndef VIGIL_HANN_LOAD_H
#define VIGIL_HANN_LOAD_H

#include <stdint.h>

/* rev(c + 1) from r = rev(c), over `points` complex points (bits reversed within log2 points). */
static inline uint32_t vigil_reversed_increment(uint32_t r, uint32_t points) {
    uint32_t bit = points >> 1;
    while (r & bit) {
        r ^= bit;
        bit >>= 1;
    }
    return r | bit;
}

/* Each value (src[i stride] - offset) w[i] goes straight to its place in the bit-reversed
 * order of the complex pairs the real FFT permutes (z[c] = x[2c] + i x[2c+1] goes to rev(c)):
 * sample t to 2 rev(t / 2) + t % 2. With H = n/2 complex points, c = i / 2, r = rev(c) and
 * q = rev(c - 1), the four samples of one cosine land at (n a power of two, so n - i and
 * n/2 - i are bit complements of i within b and b - 1 bits, and n/2 + i only adds the top bit):
 *   sample:      i             n - i                n/2 - i              n/2 + i
 *   i = 2c:      2r            2(H - 1 - q)         2(H - 2 - q)         2(r + 1)
 *   i = 2c + 1:  2r + 1        2(H - 1 - r) + 1     2(H - 2 - r) + 1     2(r + 1) + 1
 * Samples i and n/2 + i are the two points of one butterfly of the FFT's first stage
 * (positions r and r + 1, r even), and so are n/2 - i and n - i: each pair is stored as its sum
 * and difference, which is that stage (fft.c, stage_1) done in registers.
 * (i = 0 and i = n/4 have two distinct samples each.) Returns the sum of every
 * src[i stride] - offset (in this pass's order). */
static inline float vigil_hann_stage1_load(const float *src, uint32_t stride, float offset, uint32_t n,
                             const float *tw, int hann, float *out) {
    const uint32_t H = n / 2u;
    const float *up = src, *down = src + (n - 1u) * stride;
    const float *mid_down = src + (H - 1u) * stride, *mid_up = src + H * stride;
    uint32_t c, r = 0, q = 0;
    float low = 1.0f, high = 1.0f, a, b, u, v, sum = 0.0f;
    for (c = 0;; ++c) {
        /* i = 2c: samples i and n/2 + i */
        if (hann) {
            low = 0.5f - 0.5f * tw[2u * c];
            high = 0.5f + 0.5f * tw[2u * c];
        }
        u = *up - offset;
        v = *mid_up - offset;
        sum += u + v;
        a = u * low;
        b = v * high;
        out[2u * r] = a + b;
        out[2u * r + 2u] = a - b;
        if (8u * c == n) return sum; /* i = n/4: those two only */
        if (c != 0u) { /* samples n/2 - i and n - i */
            u = *mid_down - offset;
            v = *down - offset;
            sum += u + v;
            a = u * high;
            b = v * low;
            out[2u * (H - 2u - q)] = a + b;
            out[2u * (H - 1u - q)] = a - b;
            mid_down -= stride;
            down -= stride;
        }
        up += stride;
        mid_up += stride;
        /* i = 2c + 1: all four */
        if (hann) {
            low = 0.5f - 0.5f * tw[2u * c + 1u];
            high = 0.5f + 0.5f * tw[2u * c + 1u];
        }
        u = *up - offset;
        v = *mid_up - offset;
        sum += u + v;
        a = u * low;
        b = v * high;
        out[2u * r + 1u] = a + b;
        out[2u * r + 3u] = a - b;
        u = *mid_down - offset;
        v = *down - offset;
        sum += u + v;
        a = u * high;
        b = v * low;
        out[2u * (H - 2u - r) + 1u] = a + b;
        out[2u * (H - 1u - r) + 1u] = a - b;
        up += stride;
        mid_up += stride;
        mid_down -= stride;
        down -= stride;
        q = r;
        r = vigil_reversed_increment(r, H);
    }
}

#endif

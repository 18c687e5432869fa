/* FFT of our own: an iterative decimation-in-time complex FFT, and the real FFT of n samples
 * computed through a complex FFT of n/2 points (half the work and half the memory of a complex
 * FFT of the real signal), in place.
 *
 * Twiddles: one table of n/4 + 1 values, T[k] = cos(2 pi k / n) (vigil_twiddles, each value
 * from the exact kernel of vigil_sincos_pi_frac), serves the whole real FFT of n samples and the
 * Hann window over them: W^k = e^{-2 pi i k / n} = T[k] - i T[n/4 - k] for k <= n/4, and the
 * complex FFT's twiddles are every other entry. A library compiled for one recipe has the table
 * as const data in flash (vigil_config.h, VIGIL_CFG_TWIDDLES: the very values the host
 * computes); the host computes it once per signal.
 *
 * Complex FFT, after the bit-reversal permutation: stage half = 1 alone (twiddle 1, no
 * multiplication); then, when the number of remaining stages is odd, stage half = 2 alone
 * (twiddles 1 and -i, no multiplication); then the radix-2 stages two at a time ("radix 2^2"):
 * one pass over the data reads four points, applies the butterflies of both stages in registers
 * and writes them back, which halves the loads, stores and loop overhead of plain radix-2. Each
 * pair walks its twiddle index j in the outer loop, so each twiddle is read once per pass. The
 * butterflies are exactly those of radix-2 (same order of operations within a stage), so
 * accuracy is that of radix-2. The spectral pipeline's load does stage 1 itself, fused with the
 * window and the permutation (window.c, vigil_hann_stage1_load).
 *
 * Real FFT: z[j] = x[2j] + i x[2j+1], Z = FFT_{n/2}(z); for k = 1 .. n/4, with
 *   E = (Z[k] + conj Z[n/2-k]) / 2,   O = (Z[k] - conj Z[n/2-k]) / 2i,   W = e^{-2 pi i k/n}:
 *   X[k] = E + W O,   X[n/2-k] = conj(E - W O);   X[0] = Re Z0 + Im Z0, X[n/2] = Re Z0 - Im Z0.
 * vigil_rfft_split writes X (for the amplitude spectrum); vigil_rfft_split_power writes only
 * the powers the band features need, of 2X (no halving: |2X|^2 = 4 |X|^2 exactly), with no
 * second pass over the spectrum.
 *
 * Cost on Cortex-M4 (-Os) for 256 real samples: see docs/runtime.md, "Measured cost". */
#include "preprocess.h"

#include "vigil_math.h"

uint32_t vigil_next_pow2(uint32_t n) {
    uint32_t p = 1u;
    while (p < n) p <<= 1;
    return p;
}

void vigil_twiddles(uint32_t n, float *table) {
    uint32_t k;
    float s;
    for (k = 0; 4u * k <= n; ++k) vigil_sincos_pi_frac(2u * k, n, &s, &table[k]);
}

/* inlined: at -Os gcc would call it, and a call costs as much as the swap */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void swap_points(float *z, uint32_t i, uint32_t j) {
    const float re = z[2u * i], im = z[2u * i + 1u];
    z[2u * i] = z[2u * j];
    z[2u * i + 1u] = z[2u * j + 1u];
    z[2u * j] = re;
    z[2u * j + 1u] = im;
}

/* The bit-reversal permutation, walking only even i < n/2 (a quarter of the indices) with
 * j = rev(i): the bits of i + 1 and i + n/2 + 1 are those of i plus the lowest and the top bit,
 * so rev(i + 1) = j + n/2 and rev(i + n/2 + 1) = j + n/2 + 1. The other pairs (odd i >= n/2 + 1
 * and even i >= n/2) are the same swaps seen from the other end. (n = 1, 2: identity.) */
void vigil_bit_reverse(float *z, uint32_t n) {
    const uint32_t half = n / 2u;
    uint32_t i, j = 0;
    if (n < 4u) return;
    for (i = 0; i < half; i += 2u) {
        uint32_t bit;
        if (i < j) {
            swap_points(z, i, j);
            swap_points(z, i + half + 1u, j + half + 1u);
        }
        swap_points(z, i + 1u, j + half);
        /* j = rev(i + 2): a reversed increment of i's bit 1 */
        bit = n >> 2;
        while (j & bit) {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
    }
}

/* Stage half = 1 (twiddle 1: no multiplication). */
void vigil_fft_stage_1(float *z, uint32_t n) {
    float *p;
    for (p = z; p < z + 2u * n; p += 4) {
        const float br = p[2], bi = p[3];
        p[2] = p[0] - br;
        p[3] = p[1] - bi;
        p[0] += br;
        p[1] += bi;
    }
}

/* Stage half = 2: twiddles 1 (points 0, 2 of each block of four) and -i (points 1, 3), so
 * W b = (Im b, -Re b): no multiplication. */
void vigil_fft_stage_2(float *z, uint32_t n) {
    float *p;
    for (p = z; p < z + 2u * n; p += 8) {
        const float cr = p[4], ci = p[5], dr = p[6], di = p[7];
        p[4] = p[0] - cr;
        p[5] = p[1] - ci;
        p[0] += cr;
        p[1] += ci;
        p[6] = p[2] - di;
        p[7] = p[3] + dr;
        p[2] += di;
        p[3] -= dr;
    }
}

/* Stages `half` and 2 half together. For j < half, in each block of 4 half points the points
 * a, b, c, d = j, j + h, j + 2h, j + 3h (h = half) go through stage h (pairs (a, b), (c, d),
 * twiddle w1 = e^{-i pi j / h}) and stage 2h (pairs (a, c) with w2 = e^{-i pi j / 2h}, (b, d)
 * with -i w2). Since w1 = w2^2, that is the radix-4 butterfly with B = w1 b, C = w2 c,
 * D = w2^3 d: a' = a + B + (C + D), c' = a + B - (C + D), b' = a - B - i (C - D),
 * d' = a - B + i (C - D): three complex products per four points instead of four, none at
 * j = 0 (all twiddles 1).
 * w2 = e^{-2 pi i k / (2n)} with k = j n / (2 half): T[k] - i T[n/2 - k] for the table of the
 * real FFT of 2n samples. */
/* One radix-4 butterfly (see vigil_fft_stage_pair) on points a, b, c, d already multiplied by
 * their twiddles: B, C, D given. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void radix4(float *a, float *b, float *c, float *d, float br, float bi, float cr, float ci,
                          float dr, float di) {
    const float a1r = a[0] + br, a1i = a[1] + bi, b1r = a[0] - br, b1i = a[1] - bi;
    const float sr = cr + dr, si = ci + di, tr = cr - dr, ti = ci - di;
    a[0] = a1r + sr;
    a[1] = a1i + si;
    c[0] = a1r - sr;
    c[1] = a1i - si;
    b[0] = b1r + ti;
    b[1] = b1i - tr;
    d[0] = b1r - ti;
    d[1] = b1i + tr;
}

void vigil_fft_stage_pair(float *z, uint32_t n, uint32_t half, const float *tw) {
    const uint32_t h2 = 2u * half; /* offset of one quarter of a block, in floats */
    const uint32_t step = n / (2u * half);
    const float *cs = tw + step, *sn = tw + n / 2u - step;
    float *a, *b, *c, *d;
    uint32_t j;
    /* j = 0: every twiddle is 1 (no multiplication) */
    for (a = z; a < z + 2u * n; a += 4u * h2) {
        b = a + h2;
        c = b + h2;
        d = c + h2;
        radix4(a, b, c, d, b[0], b[1], c[0], c[1], d[0], d[1]);
    }
    for (j = 1; j < half; ++j, cs += step, sn -= step) {
        const float w2r = *cs, w2i = -*sn;
        const float w1r = w2r * w2r - w2i * w2i, w1i = 2.0f * (w2r * w2i);
        const float w3r = w1r * w2r - w1i * w2i, w3i = w1r * w2i + w1i * w2r;
        for (a = z + 2u * j; a < z + 2u * n; a += 4u * h2) {
            b = a + h2;
            c = b + h2;
            d = c + h2;
            radix4(a, b, c, d, b[0] * w1r - b[1] * w1i, b[0] * w1i + b[1] * w1r, c[0] * w2r - c[1] * w2i,
                   c[0] * w2i + c[1] * w2r, d[0] * w3r - d[1] * w3i, d[0] * w3i + d[1] * w3r);
        }
    }
}

void vigil_cfft(float *z, uint32_t n) {
    float tw[n / 2u + 1u];
    if (n < 2u) return;
    vigil_twiddles(2u * n, tw);
    vigil_bit_reverse(z, n);
    vigil_fft_stages(z, n, tw, 0);
}

void vigil_rfft_split(float *x, uint32_t n, const float *tw) {
    const uint32_t h = n / 2u; /* complex points */
    const float *cs = tw + 1, *sn = tw + n / 4u - 1u; /* W^k = T[k] - i T[n/4 - k] */
    float *a, *b;
    float z0r = x[0], z0i = x[1];
    x[0] = z0r + z0i;
    x[1] = z0r - z0i;
    /* a walks k = 1 .. h/2 - 1 up, b walks h - k down; k = h/2 (a = b) comes last */
    for (a = x + 2, b = x + 2u * (h - 1u); a < b; a += 2, b -= 2, ++cs, --sn) {
        const float er = 0.5f * (a[0] + b[0]), ei = 0.5f * (a[1] - b[1]);
        const float or_ = 0.5f * (a[1] + b[1]), oi = -0.5f * (a[0] - b[0]);
        const float wr = *cs, wi = -*sn;
        const float tr = wr * or_ - wi * oi, ti = wr * oi + wi * or_;
        a[0] = er + tr;
        a[1] = ei + ti;
        b[0] = er - tr;
        b[1] = -(ei - ti);
    }
    /* k = h/2 (h >= 2): W = -i exactly and Z[k] = Z[h-k], so X[h/2] = conj Z[h/2] */
    if (a == b) a[1] = -a[1];
}

/* The butterfly of the split without the halvings (2E, 2O, 2X) for k and h - k; returns the
 * powers of 2X[k] (+ corr on its real part) and 2X[h - k]. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void split_pair(const float *a, const float *b, float wr, float wi, float corr, float *pk,
                              float *ph) {
    const float er = a[0] + b[0], ei = a[1] - b[1];
    const float or_ = a[1] + b[1], oi = b[0] - a[0];
    const float tr = wr * or_ - wi * oi, ti = wr * oi + wi * or_;
    const float pr = (er + tr) + corr, pi = ei + ti, qr = er - tr, qi = ei - ti;
    *pk = pr * pr + pi * pi;
    *ph = qr * qr + qi * qi;
}

void vigil_rfft_split_power(float *x, uint32_t n, const float *tw, float bin1) {
    const uint32_t h = n / 2u;
    const float *cs = tw + 1, *sn = tw + n / 4u - 1u;
    float *a, *b;
    const float nyquist = 2.0f * (x[0] - x[1]); /* 2 X[n/2] */
    uint32_t k;
    for (k = 1, a = x + 2, b = x + 2u * (h - 1u); k < h / 2u; ++k, a += 2, b -= 2, ++cs, --sn) {
        split_pair(a, b, *cs, -*sn, bin1, &a[0], &b[0]);
        bin1 = 0.0f;
    }
    { /* k = h/2 (h >= 4 here, so it exists): 2X = 2 conj Z[h/2] */
        const float mr = 2.0f * a[0], mi = 2.0f * a[1];
        a[0] = mr * mr + mi * mi;
    }
    x[1] = nyquist * nyquist;
}

void vigil_rfft(float *x, uint32_t n) {
    float tw[n / 4u + 1u];
    vigil_twiddles(n, tw);
    vigil_bit_reverse(x, n / 2u);
    vigil_fft_stages(x, n / 2u, tw, 0);
    vigil_rfft_split(x, n, tw);
}

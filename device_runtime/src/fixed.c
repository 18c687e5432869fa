/* The fixed-point spectral path (recipe arithmetic VIGIL_ARITH_FIXED): band energies of one axis
 * computed in integers, for cores without an FPU, where every float operation is a libgcc call
 * (~50-100 instructions on Cortex-M0+). Integer arithmetic gives the same bits on every core by
 * construction; the few band values are converted to float at the end and the rest of the
 * pipeline (log, standardisation, the model) stays in float. Formulas: docs/runtime.md,
 * "Fixed-point path".
 *
 * Per axis (n a power of two, N = n/2 complex points, z[j] = x[2j] + i x[2j+1]):
 * 1. block floating point: the largest exponent field E of the axis' floats (255: NaN or inf,
 *    the axis' features become NaN), then each sample as a 30-bit integer on that common scale,
 *    q = +-(mantissa << 5) >> (E - e) (truncated; exponent field 0, zero and subnormals, reads 0):
 *    x = q 2^(E - 155);
 * 2. mean detrend: q -= round(sum q / n) (exact integer sum);
 * 3. normalisation: shifted so the largest |q| takes 14 bits (rounded right shift or exact left
 *    shift), the shift added to the axis' exponent;
 * 4. Hann: w(i) = (32768 - C(i) + 1) >> 1 with C(i) = cos(2 pi i / n) in Q15 (the table below),
 *    u = round(u w / 2^15), fused with the FFT's bit-reversal permutation;
 * 5. complex radix-2 DIT FFT of N points, every stage halving (rounded): complex magnitudes
 *    stay below 2^15, every product below 2^31 (twiddles Q15 <= 32768);
 * 6. real split as in fft.c, Y = X / n: E = (Z[k] + conj Z[N-k]) / 2, O = (Z[k] - conj Z[N-k]) / 2i,
 *    Y[k] = (E + W^k O) / 2, Y[N-k] = conj(E - W^k O) / 2, power |Y|^2 < 2^31 as uint32;
 * 7. band sums of the powers in uint64, E_b = (2 / n^2) sum |X|^2 = 2 sum |Y|^2 2^(2g) with g the
 *    axis' exponent, converted to float and scaled by 2^(2g + 1) (exact unless it overflows to
 *    inf, which the caller reports as for the float path, or underflows).
 * Signed right shifts are arithmetic (asr below); no signed overflow anywhere by the bounds
 * above. Precision: about 11-14 significant bits per bin
 * (the per-stage halving costs half a bit per stage on noise-like signals): fine for band
 * energies on a log scale, which is what the recipe asks for. */
#include "preprocess.h"

#include <string.h>

/* floor(x / 2^k) for any sign. The right shift of a negative int is implementation-defined in
 * C99; GCC and Clang (the compilers of the host and of every target) document it as an
 * arithmetic shift, which is one instruction (ASRS) on every Cortex-M, where the portable
 * ~(~x >> k) form cost a compare and a branch per shift (~25 % of the path on Cortex-M0+).
 * The unit tests check the sign extension on the host. */
#if defined(__GNUC__) || defined(__clang__)
#define asr(x, k) ((int32_t)(x) >> (k))
#else
static inline int32_t asr(int32_t x, unsigned k) {
    return x >= 0 ? x >> k : ~(~x >> k);
}
#endif
/* round(x / 2^k), halves up */
static inline int32_t rshr(int32_t x, unsigned k) {
    return asr(x + (int32_t)(1u << (k - 1u)), k);
}

void vigil_fixed_cos_q15(uint32_t n, const float *tw, uint16_t *q) {
    uint32_t k;
    for (k = 0; 4u * k <= n; ++k) q[k] = (uint16_t)(uint32_t)(tw[k] * 32768.0f + 0.5f); /* tw[k] in [0, 1] */
}

/* W^k = e^{-2 pi i k / n} = c - i s for 0 <= k < n/2, from the quarter table (quarter = n/4) */
static inline void twiddle(const uint16_t *q, uint32_t quarter, uint32_t k, int32_t *c, int32_t *s) {
    if (k <= quarter) {
        *c = (int32_t)q[k];
        *s = (int32_t)q[quarter - k];
    } else {
        *c = -(int32_t)q[2u * quarter - k];
        *s = (int32_t)q[k - quarter];
    }
}

/* The Hann weight of sample i of n in Q15, 0 .. 32768 */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int32_t hann_q15(const uint16_t *q, uint32_t quarter, uint32_t i) {
    int32_t c;
    const uint32_t n = 4u * quarter;
    if (i > 2u * quarter) i = n - i; /* cos(2 pi i / n) is even around n/2 */
    c = i <= quarter ? (int32_t)q[i] : -(int32_t)q[2u * quarter - i];
    return (32768 - c + 1) >> 1; /* non-negative */
}

/* The bits of a float: a union (defined in C99 TC3), not memcpy, which gcc -Os calls as a
 * function on Cortex-M0+ (~37 instructions per sample). */
typedef union {
    float f;
    uint32_t u;
} float_word;

/* The axis' exponent and integers (steps 1-3) into z; returns the exponent g (x = z 2^g), or
 * INT32_MIN when the axis holds NaN or inf. */
static int32_t load_axis(const float *src, uint32_t stride, uint32_t n, int centre, int32_t *z) {
    uint32_t i, emax = 0, bits_max = 0, mag = 0;
    int64_t sum = 0;
    int32_t mean = 0, sh;
    for (i = 0; i < n; ++i) {
        float_word w;
        uint32_t e;
        w.f = src[i * stride];
        e = (w.u >> 23) & 0xFFu;
        if (e > emax) emax = e;
    }
    if (emax == 0xFFu) return INT32_MIN;
    for (i = 0; i < n; ++i) {
        float_word w;
        uint32_t bits, e, d;
        int32_t v = 0;
        w.f = src[i * stride];
        bits = w.u;
        e = (bits >> 23) & 0xFFu;
        d = emax - e;
        if (e != 0u && d < 32u) v = (int32_t)((((bits & 0x7FFFFFu) | 0x800000u) << 5) >> d);
        if (bits >> 31) v = -v;
        z[i] = v;
        sum += v;
    }
    if (centre) { /* round(sum / n): n = 2^L, |sum| < 2^44 */
        uint32_t l = 0;
        int64_t t;
        while ((1u << l) < n) ++l;
        t = sum + (int64_t)(n / 2u);
        mean = (int32_t)(t >= 0 ? t >> l : ~(~t >> l));
    }
    for (i = 0; i < n; ++i) {
        const int32_t v = z[i] - mean; /* |v| < 2^30 */
        z[i] = v;
        mag |= (uint32_t)(v < 0 ? -v : v);
    }
    while (bits_max < 32u && (mag >> bits_max) != 0u) ++bits_max;
    sh = (int32_t)bits_max - 14;
    if (sh > 0) {
        for (i = 0; i < n; ++i) z[i] = rshr(z[i], (unsigned)sh);
    } else if (sh < 0) {
        const int32_t f = (int32_t)(1u << (unsigned)-sh);
        for (i = 0; i < n; ++i) z[i] *= f; /* |z| < 2^14 after */
    }
    return (int32_t)emax - 155 + sh;
}

/* Hann (optional) and the bit-reversal permutation of the N = n/2 complex points, in one pass */
static void window_permute(int32_t *z, uint32_t n, const uint16_t *q, int hann) {
    const uint32_t big = n / 2u, quarter = n / 4u;
    uint32_t j, r = 0;
    for (j = 0; j < big; ++j) {
        if (j <= r) {
            int32_t a0 = z[2u * j], a1 = z[2u * j + 1u], b0 = z[2u * r], b1 = z[2u * r + 1u];
            if (hann) {
                a0 = rshr(a0 * hann_q15(q, quarter, 2u * j), 15);
                a1 = rshr(a1 * hann_q15(q, quarter, 2u * j + 1u), 15);
                if (j != r) {
                    b0 = rshr(b0 * hann_q15(q, quarter, 2u * r), 15);
                    b1 = rshr(b1 * hann_q15(q, quarter, 2u * r + 1u), 15);
                }
            }
            z[2u * r] = a0;
            z[2u * r + 1u] = a1;
            if (j != r) {
                z[2u * j] = b0;
                z[2u * j + 1u] = b1;
            }
        }
        { /* r = rev(j + 1) over log2(N) bits: a reversed increment */
            uint32_t bit = big >> 1;
            while (bit != 0u && (r & bit) != 0u) {
                r ^= bit;
                bit >>= 1;
            }
            r |= bit;
        }
    }
}

/* Radix-2 DIT stages, each halving (rounded), on bit-reversed input; W from the Q15 table of
 * the real length n = 2 big. */
static void fft_q15(int32_t *z, uint32_t big, const uint16_t *q) {
    const uint32_t quarter = big / 2u;
    uint32_t half, i, j;
    for (half = 1u; half < big; half <<= 1) {
        const uint32_t step = big / half; /* angle index k = j n / (2 half) */
        for (i = 0; i < big; i += 2u * half) { /* j = 0: W = 1 */
            int32_t *a = z + 2u * i, *b = z + 2u * (i + half);
            const int32_t ar = a[0], ai = a[1], br = b[0], bi = b[1];
            a[0] = rshr(ar + br, 1);
            a[1] = rshr(ai + bi, 1);
            b[0] = rshr(ar - br, 1);
            b[1] = rshr(ai - bi, 1);
        }
        for (j = 1u; j < half; ++j) {
            int32_t c, s;
            twiddle(q, quarter, j * step, &c, &s);
            for (i = j; i < big; i += 2u * half) {
                int32_t *a = z + 2u * i, *b = z + 2u * (i + half);
                const int32_t ar = a[0], ai = a[1], br = b[0], bi = b[1];
                const int32_t tr = rshr(br * c + bi * s, 15), ti = rshr(bi * c - br * s, 15);
                a[0] = rshr(ar + tr, 1);
                a[1] = rshr(ai + ti, 1);
                b[0] = rshr(ar - tr, 1);
                b[1] = rshr(ai - ti, 1);
            }
        }
    }
}

/* The real split to powers |Y[k]|^2: p[2k] for 1 <= k < n/2, p[1] for k = n/2 */
static void split_powers(int32_t *z, uint32_t n, const uint16_t *q) {
    const uint32_t big = n / 2u, quarter = n / 4u;
    uint32_t *p = (uint32_t *)z;
    uint32_t k;
    {
        const int32_t y = rshr(z[0] - z[1], 1);
        p[1] = (uint32_t)(y * y);
    }
    for (k = 1u; 2u * k <= big; ++k) {
        const uint32_t m = big - k;
        const int32_t zkr = z[2u * k], zki = z[2u * k + 1u], zmr = z[2u * m], zmi = z[2u * m + 1u];
        const int32_t er = rshr(zkr + zmr, 1), ei = rshr(zki - zmi, 1);
        const int32_t or_ = rshr(zki + zmi, 1), oi = rshr(zmr - zkr, 1);
        const int32_t c = (int32_t)q[k], s = (int32_t)q[quarter - k]; /* k <= n/4 */
        const int32_t tr = rshr(or_ * c + oi * s, 15), ti = rshr(oi * c - or_ * s, 15);
        const int32_t yr = rshr(er + tr, 1), yi = rshr(ei + ti, 1);
        p[2u * k] = (uint32_t)(yr * yr) + (uint32_t)(yi * yi);
        if (m != k) {
            const int32_t vr = rshr(er - tr, 1), vi = rshr(ei - ti, 1);
            p[2u * m] = (uint32_t)(vr * vr) + (uint32_t)(vi * vi);
        }
    }
}

/* v 2^e, exactly unless the result overflows or underflows */
static float scale_pow2(float v, int32_t e) {
    uint32_t bits;
    float f;
    while (e > 64) {
        v *= 0x1p64f;
        e -= 64;
    }
    while (e < -64) {
        v *= 0x1p-64f;
        e += 64;
    }
    bits = (uint32_t)(e + 127) << 23;
    memcpy(&f, &bits, sizeof f);
    return v * f;
}

int32_t vigil_fixed_powers(const float *src, uint32_t stride, uint32_t n, int centre, int hann,
                           const uint16_t *cos_q15, int32_t *work) {
    const int32_t g = load_axis(src, stride, n, centre, work);
    if (g == INT32_MIN) return g;
    window_permute(work, n, cos_q15, hann);
    fft_q15(work, n / 2u, cos_q15);
    split_powers(work, n, cos_q15);
    return g;
}

/* acc (< 2^63) as a float, correctly rounded, in 32-bit integer steps and one u32 -> float
 * conversion: libgcc's u64 -> float on ARMv6-M goes through double arithmetic (~3 KB of flash).
 * Above 2^32 the value is shifted right by s (the exponent carries it) with the shifted-out
 * bits kept as a sticky bit in bit 0, so the one rounding to 24 bits is still correct. (By
 * Parseval a band's sum is at most the normalised axis' mean square, < 2^28 plus rounding, so
 * that branch is a safeguard.) */
static float u64_to_float_scaled(uint64_t acc, int32_t e) {
    const uint32_t hi = (uint32_t)(acc >> 32), lo = (uint32_t)acc;
    uint32_t s = 0, v;
    if (hi == 0u) return scale_pow2((float)lo, e);
    while (s < 32u && (hi >> s) != 0u) ++s; /* 1 .. 32 */
    if (s == 32u) {
        v = hi | (lo != 0u ? 1u : 0u);
    } else {
        v = (hi << (32u - s)) | (lo >> s) | ((lo & ((1u << s) - 1u)) != 0u ? 1u : 0u);
    }
    return scale_pow2((float)v, e + (int32_t)s);
}

void vigil_fixed_bands(const int32_t *work, uint32_t n, int32_t g, const uint16_t *edges, uint32_t bands,
                       float *out) {
    const uint32_t nyquist = n / 2u;
    const uint32_t *p = (const uint32_t *)work;
    uint32_t b;
    if (g == INT32_MIN) {
        const uint32_t nan_bits = 0x7FC00000u;
        float nan;
        memcpy(&nan, &nan_bits, sizeof nan);
        for (b = 0; b < bands; ++b) out[b] = nan;
        return;
    }
    for (b = 0; b < bands; ++b) {
        const uint32_t end = edges[b + 1u] > nyquist ? nyquist : edges[b + 1u];
        uint64_t acc = 0;
        uint32_t k;
        for (k = edges[b]; k < end; ++k) acc += p[2u * k];
        if (edges[b + 1u] > nyquist) acc += p[1];
        out[b] = u64_to_float_scaled(acc, 2 * g + 1);
    }
}

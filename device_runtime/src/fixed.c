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

/* -O2 for this file's loops under GCC, whatever the library's -Os: on Cortex-M0+ it takes the
 * FFT-bands + Gaussian library (3 x 256) from 160,752 to 147,592 instructions per detect for
 * 840 B more flash at zip level (6,233 -> 7,073), and the fixed path is only chosen on cores
 * without an FPU, where it exists for time, not flash. The arithmetic is integer, so the bits
 * do not depend on the optimisation level. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("O2")
#endif

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

/* The number of significant bits of x (0 for 0), by halving: ~20 instructions where a loop
 * over the bits costs ~100 and libgcc's clz a call. */
static uint32_t bit_length32(uint32_t x) {
    uint32_t b = 0;
    if (x >= 1u << 16) {
        x >>= 16;
        b += 16u;
    }
    if (x >= 1u << 8) {
        x >>= 8;
        b += 8u;
    }
    if (x >= 1u << 4) {
        x >>= 4;
        b += 4u;
    }
    if (x >= 1u << 2) {
        x >>= 2;
        b += 2u;
    }
    if (x >= 1u << 1) {
        x >>= 1;
        b += 1u;
    }
    return b + x;
}

void vigil_fixed_cos_q15(uint32_t n, const float *tw, uint16_t *q) {
    uint32_t k;
    for (k = 0; 4u * k <= n; ++k) q[k] = (uint16_t)(uint32_t)(tw[k] * 32768.0f + 0.5f); /* tw[k] in [0, 1] */
}

/* The bits of a float: a union (defined in C99 TC3), not memcpy, which gcc -Os calls as a
 * function on Cortex-M0+ (~37 instructions per sample). */
typedef union {
    float f;
    uint32_t u;
} float_word;

typedef struct {
    int32_t sum_hi;  /* sum of v >> 16 */
    uint32_t sum_lo; /* sum of v & 0xFFFF */
    int32_t min, max;
} load_sums;

/* Step 1's integers into z, with their exact sum (in two int32 halves: no 64-bit add per
 * sample; |v| < 2^30 and n <= 2^14 keep |sum_hi| < 2^28 and sum_lo < 2^30) and extremes.
 * Inlined twice with e_min a constant: 0 on the common path, where the test drops out. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void load_samples(const float *src, uint32_t stride, uint32_t n, uint32_t shift_base,
                                uint32_t e_min, int32_t *z, load_sums *out) {
    load_sums t = {0, 0u, INT32_MAX, INT32_MIN};
    int32_t *const end = z + n;
    for (; z != end; ++z, src += stride) {
        float_word w;
        uint32_t e, d;
        int32_t v = 0, sign;
        w.f = *src;
        e = (w.u << 1) >> 24;
        d = shift_base - e;
        if (e >= e_min && d < 32u) v = (int32_t)(((w.u << 8) | 0x80000000u) >> d);
        sign = -(int32_t)(w.u >> 31); /* 0 or -1: v = -v for a negative sample */
        v = (v ^ sign) - sign;
        *z = v;
        t.sum_hi += asr(v, 16);
        t.sum_lo += (uint32_t)v & 0xFFFFu;
        if (v < t.min) t.min = v;
        if (v > t.max) t.max = v;
    }
    *out = t;
}

/* The axis as integers on its common scale (steps 1-3) in z: returns the exponent g (x = z 2^g
 * once normalised) and the mean and shift step 3 applies (in centre_window), or INT32_MIN when
 * the axis holds NaN or inf. Two passes over the floats: the largest exponent, then the
 * integers with their sum and extremes (so the magnitude after centring needs no third pass). */
static int32_t load_axis(const float *src, uint32_t stride, uint32_t n, int centre, int32_t *z, int32_t *mean_out,
                         int32_t *sh_out) {
    uint32_t i, emax, top = 0, bits_max = 0, mag;
    int32_t mean = 0, sh;
    load_sums sums;
    uint32_t above, below;
    for (i = 0; i < n; ++i) { /* the largest |x| has the largest exponent field */
        float_word w;
        uint32_t a;
        w.f = src[i * stride];
        a = w.u << 1; /* sign dropped: exponent field on top */
        if (a > top) top = a;
    }
    emax = top >> 24;
    if (emax == 0xFFu) return INT32_MIN;
    /* q = (1.mantissa << 28) >> (emax + 3 - e) = the 24-bit mantissa << 5 >> (emax - e), 0 for
     * samples more than 28 binades below the largest; zeros and subnormals (e = 0) read 0, which
     * the shift does by itself when emax >= 29 (every axis but one of values below 2^-98) */
    if (emax >= 29u) {
        load_samples(src, stride, n, emax + 3u, 0u, z, &sums);
    } else {
        load_samples(src, stride, n, emax + 3u, 1u, z, &sums);
    }
    if (centre) { /* round(sum / n): n = 2^L, |sum| < 2^44 */
        const int64_t sum = (int64_t)sums.sum_hi * 65536 + (int64_t)sums.sum_lo;
        uint32_t l = 0;
        int64_t t;
        while ((1u << l) < n) ++l;
        t = sum + (int64_t)(n / 2u);
        mean = (int32_t)(t >= 0 ? t >> l : ~(~t >> l));
    }
    /* the largest |v - mean| (< 2^31: both within 2^30), from the extremes */
    above = sums.max >= mean ? (uint32_t)(sums.max - mean) : (uint32_t)(mean - sums.max);
    below = sums.min >= mean ? (uint32_t)(sums.min - mean) : (uint32_t)(mean - sums.min);
    mag = above > below ? above : below;
    bits_max = bit_length32(mag);
    sh = (int32_t)bits_max - 14;
    *mean_out = mean;
    *sh_out = sh;
    return (int32_t)emax - 155 + sh;
}

/* Steps 3-4 in one pass: u = z - mean, shifted so the largest |u| has 14 bits (rounded right
 * shift as one add and one shift, or exact left shift as a product: a left shift of a negative
 * int is undefined in C), then the Hann weight, which is symmetric (w(i) = w(n - i)), so each
 * table value serves two samples. Inlined twice, right (left = 0) and left (left = 1) shifts. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void centre_window_as(int32_t *z, uint32_t n, int32_t mean, int32_t sh, const uint16_t *q, int hann,
                                    int left) {
    const uint32_t half = n / 2u, quarter = n / 4u;
    const int32_t f = left ? (int32_t)(1u << (unsigned)-sh) : 1;
    const unsigned rs = left ? 0u : (unsigned)sh;
    const int32_t bias = left || sh == 0 ? 0 : (int32_t)(1u << (rs - 1u)) - mean; /* round, centre */
    uint32_t i;
#define VIGIL_NORMALISED(v) (left ? ((v) - mean) * f : asr((v) + bias, rs)) /* |result| < 2^14 */
    if (!hann) {
        for (i = 0; i < n; ++i) z[i] = VIGIL_NORMALISED(z[i]);
        return;
    }
    z[0] = rshr(VIGIL_NORMALISED(z[0]) * ((32768 - (int32_t)q[0] + 1) >> 1), 15);
    for (i = 1; i < half; ++i) {
        /* w(i) = (32768 - C(i) + 1) >> 1, C(i) = cos(2 pi i / n) in Q15 */
        const int32_t c = i <= quarter ? (int32_t)q[i] : -(int32_t)q[half - i];
        const int32_t w = (32768 - c + 1) >> 1;
        z[i] = rshr(VIGIL_NORMALISED(z[i]) * w, 15);
        z[n - i] = rshr(VIGIL_NORMALISED(z[n - i]) * w, 15);
    }
    z[half] = rshr(VIGIL_NORMALISED(z[half]) * ((32768 + (int32_t)q[0] + 1) >> 1), 15);
#undef VIGIL_NORMALISED
}

static void centre_window(int32_t *z, uint32_t n, int32_t mean, int32_t sh, const uint16_t *q, int hann) {
    if (sh > 0) {
        centre_window_as(z, n, mean, sh, q, hann, 0);
    } else {
        centre_window_as(z, n, mean, sh, q, hann, 1);
    }
}

/* Swaps complex points a and b */
static inline void swap_points(int32_t *z, uint32_t a, uint32_t b) {
    const int32_t re = z[2u * a], im = z[2u * a + 1u];
    z[2u * a] = z[2u * b];
    z[2u * a + 1u] = z[2u * b + 1u];
    z[2u * b] = re;
    z[2u * b + 1u] = im;
}

/* The bit-reversal permutation of the N = n/2 complex points (N >= 4), four points per
 * reversed increment: for even j < N/2 with r = rev(j) (also even, < N/2), rev(j + 1) =
 * r + N/2 and rev(j + N/2 + 1) = r + N/2 + 1, so the pairs (j, r) and (j + N/2 + 1, r + N/2 + 1)
 * swap when j < r, and (j + 1, r + N/2) always (j + 1 < N/2 <= r + N/2); every other pair is
 * one of these seen from its other end. */
static void permute(int32_t *z, uint32_t n) {
    const uint32_t big = n / 2u, mid = big / 2u;
    uint32_t j, r = 0;
    for (j = 0; j < mid; j += 2u) {
        if (j < r) {
            swap_points(z, j, r);
            swap_points(z, j + mid + 1u, r + mid + 1u);
        }
        swap_points(z, j + 1u, r + mid);
        { /* r = rev(j + 2): a reversed increment from the bit of 2 */
            uint32_t bit = big >> 2;
            while (bit != 0u && (r & bit) != 0u) {
                r ^= bit;
                bit >>= 1;
            }
            r |= bit;
        }
    }
}

/* The butterflies of one twiddle W = c - i s in one stage, from the point at a, one group
 * (4 half int32) apart: a' = a/2 + t, b' = a/2 - t with t = W b / 2. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void butterflies(int32_t *a, const int32_t *end, uint32_t half, int32_t c, int32_t s) {
    const uint32_t group = 4u * half;
    for (; a < end; a += group) {
        int32_t *b = a + 2u * half;
        const int32_t br = b[0], bi = b[1];
        const int32_t tr = asr(br * c + bi * s, 16), ti = asr(bi * c - br * s, 16);
        const int32_t ar = asr(a[0], 1), ai = asr(a[1], 1);
        a[0] = ar + tr;
        a[1] = ai + ti;
        b[0] = ar - tr;
        b[1] = ai - ti;
    }
}

/* Radix-2 DIT stages on bit-reversed input, each halving: a' = a/2 + t, b' = a/2 - t with
 * t = W b / 2, both halvings truncated (one shift each, as in CMSIS-DSP's scaled q15
 * butterflies: ~30 instructions a butterfly on Cortex-M0+, where rounding each of the four
 * results cost twice that). W = e^{-2 pi i k / n} for k = j n / (2 half) from the Q15 quarter
 * table of the real length n = 2 big: c = q[k], s = q[quarter - k] up to the quarter turn
 * (j <= half / 2), c = -q[2 quarter - k], s = q[k - quarter] past it. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void fft_q15(int32_t *z, uint32_t big, const uint16_t *q) {
    const uint32_t quarter = big / 2u;
    int32_t *const end = z + 2u * big;
    uint32_t half, j, k;
    uint32_t step = big; /* big / half: k = j step */
    for (half = 1u; half < big; half <<= 1, step >>= 1) {
        const uint32_t group = 4u * half; /* int32 from a group to the next */
        int32_t *a;
        for (a = z; a < end; a += group) { /* j = 0: W = 1, t = b / 2 */
            int32_t *b = a + 2u * half;
            const int32_t ar = asr(a[0], 1), ai = asr(a[1], 1), tr = asr(b[0], 1), ti = asr(b[1], 1);
            a[0] = ar + tr;
            a[1] = ai + ti;
            b[0] = ar - tr;
            b[1] = ai - ti;
        }
        for (j = 1u, k = step; 2u * j <= half; ++j, k += step)
            butterflies(z + 2u * j, end, half, (int32_t)q[k], (int32_t)q[quarter - k]);
        for (; j < half; ++j, k += step)
            butterflies(z + 2u * j, end, half, -(int32_t)q[2u * quarter - k], (int32_t)q[k - quarter]);
    }
}

/* The real split to powers |Y[k]|^2: p[2k] for 1 <= k < n/2, p[1] for k = n/2 */
static void split_powers(int32_t *z, uint32_t n, const uint16_t *q) {
    const uint32_t big = n / 2u, quarter = n / 4u;
    uint32_t *p = (uint32_t *)z;
    uint32_t k;
    {
        const int32_t y = asr(z[0] - z[1], 1);
        p[1] = (uint32_t)(y * y);
    }
    for (k = 1u; 2u * k <= big; ++k) {
        const uint32_t m = big - k;
        const int32_t zkr = z[2u * k], zki = z[2u * k + 1u], zmr = z[2u * m], zmi = z[2u * m + 1u];
        /* E / 2 and 2 O; Y = E / 2 + W (2 O) / 4, every division a truncating shift */
        const int32_t er = asr(zkr + zmr, 2), ei = asr(zki - zmi, 2);
        const int32_t or_ = zki + zmi, oi = zmr - zkr; /* |2 O| < 2^15.5: the rotation < 2^30.5 */
        const int32_t c = (int32_t)q[k], s = (int32_t)q[quarter - k]; /* k <= n/4 */
        const int32_t tr = asr(or_ * c + oi * s, 17), ti = asr(oi * c - or_ * s, 17);
        const int32_t yr = er + tr, yi = ei + ti;
        p[2u * k] = (uint32_t)(yr * yr) + (uint32_t)(yi * yi);
        if (m != k) {
            const int32_t vr = er - tr, vi = ei - ti;
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
    int32_t mean, sh;
    const int32_t g = load_axis(src, stride, n, centre, work, &mean, &sh);
    if (g == INT32_MIN) return g;
    centre_window(work, n, mean, sh, cos_q15, hann);
    permute(work, n);
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
    s = bit_length32(hi); /* 1 .. 32 */
    if (s == 32u) {
        v = hi | (lo != 0u ? 1u : 0u);
    } else {
        v = (hi << (32u - s)) | (lo >> s) | ((lo & ((1u << s) - 1u)) != 0u ? 1u : 0u);
    }
    return scale_pow2((float)v, e + (int32_t)s);
}

/* log2(m / 2^30) in Q30 for m in [2^30, 2^31), by multiplicative normalisation: y runs up
 * from 1 by the factors (1 + 2^-i), i = 1 .. 26, each taken when it keeps y <= m (each factor
 * at most once reaches any m < 2: their product exceeds 2.38), adding log2(1 + 2^-i) from the
 * table. Shifts, adds and compares only: about 8 instructions a step on Cortex-M0+. Error
 * below 2^-24 (the step left out, and the truncation of y >> i). */
static const uint32_t LOG2_STEP_Q30[26] = {
    628098702u, 345667660u, 182455581u, 93912511u, 47667823u, 24017256u,
    12055174u, 6039314u, 3022600u, 1512037u, 756203u, 378148u,
    189085u, 94546u, 47274u, 23637u, 11819u, 5909u,
    2955u, 1477u, 739u, 369u, 185u, 92u,
    46u, 23u};

static uint32_t log2_frac_q30(uint32_t m) {
    uint32_t y = 1u << 30, acc = 0, i;
    for (i = 1; i <= 26u; ++i) {
        const uint32_t t = y + (y >> i);
        if (t <= m) {
            y = t;
            acc += LOG2_STEP_Q30[i - 1u];
        }
    }
    return acc;
}

static uint32_t bit_length64(uint64_t v) {
    const uint32_t hi = (uint32_t)(v >> 32);
    return hi != 0u ? 32u + bit_length32(hi) : bit_length32((uint32_t)v);
}

/* v >> s or v << -s for |s| < 64 (s >= 64: 0) */
static uint64_t shift64(uint64_t v, int32_t s) {
    if (s >= 64) return 0u;
    return s >= 0 ? v >> (uint32_t)s : v << (uint32_t)-s;
}

/* ln(2^k (1 + f)) with f = frac / 2^30 and 0 <= k < 2^9: the Q(F) value k 2^F + f 2^F with
 * F as large as fits 32 bits, converted once to float and multiplied by ln 2 2^-F (ln 2's float
 * with its exponent lowered by F: exact). f may round up to slightly above 1 (the table's
 * rounding), hence the room for k + 2. */
static float ln_from_log2(uint32_t k, uint32_t frac) {
    uint32_t f_bits = 30u;
    float_word ln2;
    while (k + 2u > (1u << (32u - f_bits))) --f_bits; /* (k + 2) 2^F <= 2^32 */
    ln2.u = 0x3F317218u - (f_bits << 23);             /* ln 2 = 0x3F317218 as a float */
    return (float)((k << f_bits) + (frac >> (30u - f_bits))) * ln2.f;
}

/* log(1 + E), E = acc 2^e (acc > 0), in integers but for one conversion and one product:
 * - E >= 2^31: log E, the 1 dropped (its share, log(1 + 1/E) < 2^-31, is below float precision);
 * - 2^-6 <= E < 2^31: 1 + E as a Q32 integer (exact above 2^-32), then its log2;
 * - E < 2^-6: E (1 - E/2 + E^2/3 - E^3/4) (left out: E^4/5 < 2^-26 relative), the bracket in
 *   Q30 from E in Q38, its product with E's top 32 bits correctly rounded to float once.
 * Within 2^-20 relative of log1p(E) (tests/unit/runtime/test_fixed.cpp). */
static float log1p_scaled(uint64_t acc, int32_t e) {
    const int32_t t = (int32_t)bit_length64(acc) - 1; /* acc in [2^t, 2^(t+1)) */
    const int32_t l = t + e;                         /* E in [2^l, 2^(l+1)) */
    if (acc == 0u) return 0.0f;
    if (l >= 31) {
        return ln_from_log2((uint32_t)l, log2_frac_q30((uint32_t)shift64(acc, t - 30)) );
    }
    if (l >= -6) {
        const uint64_t v = ((uint64_t)1u << 32) + shift64(acc, -(e + 32)); /* (1 + E) 2^32 < 2^63 */
        const int32_t b = (int32_t)bit_length64(v);                        /* 33 .. 63 */
        return ln_from_log2((uint32_t)(b - 33), log2_frac_q30((uint32_t)shift64(v, b - 31)));
    }
    {
        const uint32_t e38 = (uint32_t)shift64(acc, -(e + 38)); /* E 2^38 < 2^32 */
        const uint32_t e30 = e38 >> 8, e22 = e38 >> 16;         /* < 2^24, < 2^16 */
        const uint32_t e2 = (e22 * e22) >> 14;                  /* E^2 in Q30, < 2^18 */
        const uint32_t e3 = ((e2 >> 8) * e22) >> 14;            /* E^3 in Q30 */
        const uint32_t bracket = (1u << 30) - (e30 >> 1) + (((e2 >> 2) * 21845u) >> 14) - (e3 >> 2);
        const uint32_t m = (uint32_t)shift64(acc, t - 31); /* E's top 32 bits: E = m 2^(t - 31 + e) */
        return u64_to_float_scaled((uint64_t)m * bracket, t - 31 + e - 30);
    }
}

void vigil_fixed_bands(const int32_t *work, uint32_t n, int32_t g, const uint16_t *edges, uint32_t bands,
                       int log1p, float *out) {
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
        out[b] = log1p ? log1p_scaled(acc, 2 * g + 1) : u64_to_float_scaled(acc, 2 * g + 1);
    }
}

/* Pure-float exp/log/sin/cos (see vigil_math.h for why). Constants and the reduction scheme
 * follow fdlibm; the polynomials are plain Taylor series, short enough on the reduced ranges
 * to stay below float rounding (truncation errors are listed next to each kernel). */
#include "vigil_math.h"

#include "fsqrt.h"

#include <math.h> /* INFINITY and NAN only: no libm function is called */

typedef union {
    float f;
    uint32_t u;
} float_bits;

#define LOG2E 1.44269504088896341f
/* ln 2 split so that k * LN2_HI is exact for |k| < 2^9 (LN2_HI has 15 significant bits). */
#define LN2_HI 0.693145751953125f
#define LN2_LO 1.42860682028622680e-6f
#define SQRT2 1.41421356237309505f
#define EXP_OVERFLOW 88.7228317f   /* largest x with e^x < FLT_MAX, rounded down */
#define EXP_UNDERFLOW -103.972084f /* below this e^x rounds to 0 */
/* pi/2 split in three parts: P1 and P2 have 12 significant bits, so k * P1 and k * P2 are
 * exact for |k| < 2^12 (|x| < ~6400). */
#define PIO2_1 1.57080078125f
#define PIO2_2 -4.45358455181121826e-6f
#define PIO2_3 -8.70551630782756500e-10f
#define PIO2 1.57079632679489662f
#define TWO_OVER_PI 0.636619772367581343f

/* One integer test on the bits (exponent field not all ones): no float compare, which is a
 * libgcc call without an FPU and three compares with one (~40 bytes more on Cortex-M4F). */
int vigil_isfinite(float x) {
    float_bits b;
    b.f = x;
    return (b.u & 0x7f800000u) != 0x7f800000u;
}

/* 2^k as a float for k in [-126, 127] (a normal number, built exactly from its bits). */
static float pow2_normal(int k) {
    float_bits b;
    b.u = (uint32_t)(k + 127) << 23;
    return b.f;
}

/* p * 2^k for k in [-151, 128], in steps that keep every intermediate normal so rounding
 * happens once, at the end. */
static float scale2(float p, int k) {
    if (k > 127) return p * pow2_normal(127) * pow2_normal(k - 127);
    if (k < -126) return p * pow2_normal(k + 64) * pow2_normal(-64);
    return p * pow2_normal(k);
}

/* e^x for EXP_UNDERFLOW <= x <= EXP_OVERFLOW (inlined in its two callers: a library links one). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline float exp_kernel(float x) {
    float fk, kf, r, p;
    int k;
    /* x = k ln2 + r, |r| <= ln2 / 2 */
    fk = x * LOG2E;
    k = (int)(fk >= 0.0f ? fk + 0.5f : fk - 0.5f);
    kf = (float)k;
    r = (x - kf * LN2_HI) - kf * LN2_LO;
    /* e^r, Taylor to r^8 / 8!: truncation < 1.2e-9 relative at |r| = 0.347 */
    p = 1.0f / 40320.0f;
    p = p * r + 1.0f / 5040.0f;
    p = p * r + 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    return scale2(p, k);
}

float vigil_expf(float x) {
    if (x != x) return x;
    if (x > EXP_OVERFLOW) return INFINITY;
    if (x < EXP_UNDERFLOW) return 0.0f;
    return exp_kernel(x);
}

float vigil_expf_nonpositive(float x) {
    return x < EXP_UNDERFLOW ? 0.0f : exp_kernel(x);
}

/* log of a positive normal x (the kernel of vigil_logf, without its special cases), times 2^e.
 * Inlined in its callers: a library links log1p or log, rarely both. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline float log_normal(float x, int e) {
    float_bits b;
    float m, f, s, z, R, hfsq, ef;
    b.f = x;
    e += (int)(b.u >> 23) - 127;
    b.u = (b.u & 0x007fffffu) | 0x3f800000u; /* mantissa m in [1, 2) */
    m = b.f;
    if (m > SQRT2) { /* keep m in (sqrt(2)/2, sqrt(2)] so |s| <= 0.172 */
        m *= 0.5f;
        e += 1;
    }
    f = m - 1.0f; /* exact (Sterbenz) */
    /* log(1 + f) = 2 atanh(s), s = f / (2 + f); fdlibm's arrangement keeps the error small:
     * log(1 + f) = f - (hfsq - s (hfsq + R)), R = 2 s^2/3 + 2 s^4/5 + ... (truncated after
     * s^10: < 4e-10 relative). */
    s = f / (2.0f + f);
    z = s * s;
    R = 2.0f / 11.0f;
    R = R * z + 2.0f / 9.0f;
    R = R * z + 2.0f / 7.0f;
    R = R * z + 2.0f / 5.0f;
    R = R * z + 2.0f / 3.0f;
    R = R * z;
    hfsq = 0.5f * f * f;
    ef = (float)e;
    return ef * LN2_HI - ((hfsq - (s * (hfsq + R) + ef * LN2_LO)) - f);
}

float vigil_logf(float x) {
    float_bits b;
    b.f = x;
    /* positive normal (one integer test: the common case, no float compare) */
    if (b.u - 0x00800000u < 0x7f000000u) return log_normal(x, 0);
    if (x != x) return x;
    if (x < 0.0f) return NAN;
    if (x == 0.0f) return -INFINITY;
    if (x > 3.40282347e38f) return x;
    /* subnormal: bring it into the normal range first (x 2^23, exact) */
    return log_normal(x * 8388608.0f, -23);
}

/* log(1 + x) for x > -1 where 1 + x rounds to a normal float: Goldberg's trick, the rounding
 * error of 1 + x compensated by x / (u - 1). u is a positive normal float here (x > -1 rounds
 * 1 + x to at least 2^-24), where vigil_logf is log_normal. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline float log1p_finite(float x) {
    const float u = 1.0f + x;
    if (u == 1.0f) return x; /* log(1 + x) = x to float precision */
    return log_normal(u, 0) * (x / (u - 1.0f));
}

float vigil_log1pf(float x) {
    float_bits b;
    b.f = x;
    if (b.u >= 0x7f800000u) { /* anything but +0 .. +max (the spectral features' range) */
        if (x != x) return x;
        if (x < -1.0f) return NAN;
        if (x == -1.0f) return -INFINITY;
        if (x > 3.40282347e38f) return x;
    }
    return log1p_finite(x);
}

float vigil_log1pf_nonneg(float x) {
    float_bits b;
    b.f = x;
    if (b.u >= 0x7f800000u) return x; /* +inf, NaN (and, out of contract, negatives) as they are */
    return log1p_finite(x);
}

/* Kernels on |x| <= pi/4. sin: Taylor to x^9/9! (truncation < 2e-9); cos: to x^10/10!
 * (truncation < 3e-9). */
static float sin_kernel(float x) {
    const float z = x * x;
    float p = 1.0f / 362880.0f;
    p = p * z - 1.0f / 5040.0f;
    p = p * z + 1.0f / 120.0f;
    p = p * z - 1.0f / 6.0f;
    return x + x * z * p;
}

static float cos_kernel(float x) {
    const float z = x * x;
    float p = -1.0f / 3628800.0f;
    p = p * z + 1.0f / 40320.0f;
    p = p * z - 1.0f / 720.0f;
    p = p * z + 1.0f / 24.0f;
    return (1.0f - 0.5f * z) + z * z * p;
}

/* Places (sin r, cos r) in quadrant q (angle = q pi/2 + r). */
static void by_quadrant(uint32_t q, float sr, float cr, float *s, float *c) {
    switch (q & 3u) {
    case 0: *s = sr; *c = cr; break;
    case 1: *s = cr; *c = -sr; break;
    case 2: *s = -sr; *c = -cr; break;
    default: *s = -cr; *c = sr; break;
    }
}

void vigil_sincosf(float x, float *s, float *c) {
    float fk, kf, r;
    int k;
    if (!vigil_isfinite(x)) {
        *s = NAN;
        *c = NAN;
        return;
    }
    fk = x * TWO_OVER_PI;
    k = (int)(fk >= 0.0f ? fk + 0.5f : fk - 0.5f);
    kf = (float)k;
    r = ((x - kf * PIO2_1) - kf * PIO2_2) - kf * PIO2_3;
    by_quadrant((uint32_t)k, sin_kernel(r), cos_kernel(r), s, c);
}

float vigil_sinf(float x) {
    float s, c;
    vigil_sincosf(x, &s, &c);
    return s;
}

float vigil_cosf(float x) {
    float s, c;
    vigil_sincosf(x, &s, &c);
    return c;
}

void vigil_sincos_pi_frac(uint32_t p, uint32_t q, float *s, float *c) {
    /* angle = pi p / q = 2 pi a / d with d = 2q, a = p mod d; in quarter turns:
     * 4a / d = quadrant + rem / d. */
    const uint32_t d = 2u * q;
    const uint32_t u = 4u * (p % d);
    const uint32_t quadrant = u / d;
    uint32_t rem = u % d;
    float x, sr, cr;
    int swap = 0;
    if (2u * rem > d) { /* beyond pi/4 inside the quadrant: use the complement */
        rem = d - rem;
        swap = 1;
    }
    x = ((float)rem / (float)d) * PIO2;
    sr = sin_kernel(x);
    cr = cos_kernel(x);
    if (swap) {
        const float t = sr;
        sr = cr;
        cr = t;
    }
    by_quadrant(quadrant, sr, cr, s, c);
}

/* Correctly rounded square root in integer arithmetic, for cores without an FPU (fsqrt.h): the
 * bit-by-bit method of fdlibm's e_sqrtf.c (25 result bits, the last one a guard bit, then
 * round to nearest with the remainder as sticky bit; a square root is never exactly halfway
 * between two floats, so there is no tie to break). */
float vigil_soft_sqrtf(float x) {
    float_bits b;
    uint32_t ix, q = 0u, s = 0u, r = 0x01000000u;
    int32_t k;
    b.f = x;
    ix = b.u;
    if (ix >= 0x7f800000u) { /* +inf, NaN, or negative */
        if (ix == 0x7f800000u || ix == 0x80000000u || (ix & 0x7fffffffu) > 0x7f800000u) return x;
        return NAN;
    }
    if (ix == 0u) return x;
    k = (int32_t)(ix >> 23);
    if (k == 0) { /* subnormal: normalise */
        while ((ix & 0x00800000u) == 0u) {
            ix <<= 1;
            --k;
        }
        ++k;
    }
    k -= 127;
    ix = (ix & 0x007fffffu) | 0x00800000u;
    if ((k & 1) != 0) { /* odd exponent: double the mantissa to make it even */
        ix += ix;
        k -= 1;
    }
    k /= 2; /* exact: k is even */
    ix += ix;
    while (r != 0u) {
        const uint32_t t = s + r;
        if (t <= ix) {
            s = t + r;
            ix -= t;
            q += r;
        }
        ix += ix;
        r >>= 1;
    }
    if (ix != 0u) q += (q & 1u);
    b.u = (q >> 1) + 0x3f000000u + (uint32_t)(k * 8388608);
    return b.f;
}

/* A twiddle generator (internal): cos and sin of pi * stride * k / q for k = 0, 1, 2, ...
 *
 * Why: the FFT and the Hann window need cos/sin at evenly spaced angles; a table would cost RAM
 * (or, for every supported length, too much flash) and a full sincos per point costs ~40
 * instructions. Instead the angle advances by one complex rotation (4 mul + 2 add) and is
 * re-seeded from the exact kernel every 16 steps, which bounds the accumulated error to a few
 * ulps. Only + - * are used, in a fixed order: the same bits on every platform.
 *
 * Callers keep the rotor in a local variable whose address never escapes (the re-seed writes
 * through locals), so the compiler keeps it in registers: a step is ~8 instructions. */
#ifndef VIGIL_ROTOR_H
#define VIGIL_ROTOR_H

#include <stdint.h>

#include "vigil_math.h"

#define VIGIL_ROTOR_RESEED 16u

/* At -Os gcc keeps a step out of line, with the rotor in memory: ~20 instructions instead of ~8.
 * Forcing it inline costs a few bytes per call site (there are few). */
#if defined(__GNUC__)
#define VIGIL_ROTOR_INLINE static inline __attribute__((always_inline))
#else
#define VIGIL_ROTOR_INLINE static inline
#endif

typedef struct {
    float c, s;   /* cos, sin of the current angle */
    float dc, ds; /* cos, sin of one step */
    uint32_t k, stride, q;
} vigil_rotor;

VIGIL_ROTOR_INLINE vigil_rotor vigil_rotor_start(uint32_t stride, uint32_t q) {
    vigil_rotor r;
    float ds, dc;
    vigil_sincos_pi_frac(stride, q, &ds, &dc);
    r.k = 0;
    r.stride = stride;
    r.q = q;
    r.c = 1.0f;
    r.s = 0.0f;
    r.dc = dc;
    r.ds = ds;
    return r;
}

VIGIL_ROTOR_INLINE void vigil_rotor_step(vigil_rotor *r) {
    r->k += 1u;
    if ((r->k & (VIGIL_ROTOR_RESEED - 1u)) == 0u) {
        float s, c;
        vigil_sincos_pi_frac(r->k * r->stride, r->q, &s, &c);
        r->c = c;
        r->s = s;
    } else {
        const float c = r->c * r->dc - r->s * r->ds;
        const float s = r->s * r->dc + r->c * r->ds;
        r->c = c;
        r->s = s;
    }
}

#endif

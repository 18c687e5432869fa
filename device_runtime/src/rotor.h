/* A twiddle generator (internal): cos and sin of pi * stride * k / q for k = 0, 1, 2, ...
 *
 * Why: the FFT and the Hann window need cos/sin at evenly spaced angles; a table would cost RAM
 * (or, for every supported length, too much flash) and a full sincos per point costs ~40
 * instructions. Instead the angle advances by one complex rotation (4 mul + 2 add) and is
 * re-seeded from the exact kernel every 16 steps, which bounds the accumulated error to a few
 * ulps. Only + - * are used, in a fixed order: the same bits on every platform. */
#ifndef VIGIL_ROTOR_H
#define VIGIL_ROTOR_H

#include <stdint.h>

#include "vigil_math.h"

#define VIGIL_ROTOR_RESEED 16u

typedef struct {
    float c, s;   /* cos, sin of the current angle */
    float dc, ds; /* cos, sin of one step */
    uint32_t k, stride, q;
} vigil_rotor;

static inline void vigil_rotor_start(vigil_rotor *r, uint32_t stride, uint32_t q) {
    r->k = 0;
    r->stride = stride;
    r->q = q;
    r->c = 1.0f;
    r->s = 0.0f;
    vigil_sincos_pi_frac(stride, q, &r->ds, &r->dc);
}

static inline void vigil_rotor_step(vigil_rotor *r) {
    r->k += 1u;
    if (r->k % VIGIL_ROTOR_RESEED == 0u) {
        vigil_sincos_pi_frac(r->k * r->stride, r->q, &r->s, &r->c);
    } else {
        const float c = r->c * r->dc - r->s * r->ds;
        const float s = r->s * r->dc + r->c * r->ds;
        r->c = c;
        r->s = s;
    }
}

#endif

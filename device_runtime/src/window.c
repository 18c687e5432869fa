/* Periodic Hann window w[i] = 0.5 - 0.5 cos(2 pi i / n), i = 0 .. n-1 (periodic, not
 * symmetric: it tiles without overlap and matches the FFT's bins). w[i] = w[n - i], so only
 * half the cosines are generated (by the rotor, no table). */
#include "preprocess.h"
#include "rotor.h"

void vigil_hann_apply(float *x, uint32_t n) {
    vigil_rotor rot;
    uint32_t i;
    if (n < 2u) {
        if (n == 1u) x[0] = 0.0f;
        return;
    }
    vigil_rotor_start(&rot, 2u, n); /* angle pi * 2i / n */
    for (i = 0; 2u * i <= n; ++i) {
        const float w = 0.5f - 0.5f * rot.c;
        x[i] *= w;
        if (i != 0u && n - i != i) x[n - i] *= w;
        vigil_rotor_step(&rot);
    }
}

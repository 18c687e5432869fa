/* Periodic Hann window w[i] = 0.5 - 0.5 cos(2 pi i / n), i = 0 .. n-1 (periodic, not
 * symmetric: it tiles without overlap and matches the FFT's bins).
 *
 * The symmetries: w[n - i] = w[i] always; for even n also cos(2 pi (n/2 -+ i) / n) =
 * -cos(2 pi i / n), so w[n/2 -+ i] = 0.5 + 0.5 c and one cosine serves four samples.
 *
 * Where the cosines come from: for a power-of-two n, the FFT's twiddle table
 * (T[i] = cos(2 pi i / n), i <= n/4, fft.c); otherwise (a non-power-of-two length, zero-padded
 * for the FFT) from the rotor, one step per cosine.
 *
 * Two entry points here: vigil_hann_apply (any n, rotor, in place) and vigil_hann_apply_table
 * (power of two, table, in place); the spectral pipeline's fast path windows in its load
 * (hann_load.h), bit for bit like vigil_hann_apply_table. */
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

void vigil_hann_apply_table(float *x, uint32_t n, const float *tw) {
    /* cosine i serves samples i and n - i (low), n/2 - i and n/2 + i (high); at i = 0 and
     * i = n/4 two of the four coincide */
    const uint32_t quarter = n / 4u, half = n / 2u;
    uint32_t i;
    for (i = 0; i <= quarter; ++i) {
        const float low = 0.5f - 0.5f * tw[i], high = 0.5f + 0.5f * tw[i];
        x[i] *= low;
        x[half + i] *= high;
        if (i != 0u && i != quarter) {
            x[n - i] *= low;
            x[half - i] *= high;
        }
    }
}


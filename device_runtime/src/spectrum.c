/* Spectra from a packed real FFT (layout in preprocess.h). Amplitudes are scaled so a sine of
 * amplitude A exactly on bin k reads A (no window compensation: with Hann it reads A/2). */
#include "preprocess.h"

#include "fsqrt.h"

#include "vigil_math.h"

float vigil_bin_power(const float *packed, uint32_t n, uint32_t k) {
    if (k == 0u) return packed[0] * packed[0];
    if (2u * k == n) return packed[1] * packed[1];
    return packed[2u * k] * packed[2u * k] + packed[2u * k + 1u] * packed[2u * k + 1u];
}

void vigil_spectrum_amplitude(const float *packed, uint32_t n, float *out) {
    const float edge = 1.0f / (float)n, inner = 2.0f / (float)n;
    uint32_t k;
    out[0] = (packed[0] < 0.0f ? -packed[0] : packed[0]) * edge;
    for (k = 1; 2u * k < n; ++k) out[k] = vigil_sqrtf(vigil_bin_power(packed, n, k)) * inner;
    out[n / 2u] = (packed[1] < 0.0f ? -packed[1] : packed[1]) * edge;
}


/* Detrending: mean removal, or removal of the least-squares line. With t_i = i - (n-1)/2
 * (centred, so the fit decouples): a = mean(x), b = sum t_i x_i / sum t_i^2, and
 * sum t_i^2 = n (n^2 - 1) / 12. */
#include "preprocess.h"

float vigil_strided_mean(const float *x, uint32_t stride, uint32_t n) {
    /* a pointer walk (an index times the stride costs a multiply per sample at -Os), two
     * samples per turn (still summed in order), never pointing past the last sample */
    const float *last = x + (n - 1u) * stride;
    float acc = *x;
    while (x != last) {
        x += stride;
        acc += *x;
        if (x == last) break;
        x += stride;
        acc += *x;
    }
    return acc / (float)n;
}

void vigil_remove_mean(float *x, uint32_t n) {
    float mean;
    uint32_t i;
    if (n == 0u) return;
    mean = vigil_strided_mean(x, 1u, n);
    for (i = 0; i < n; ++i) x[i] -= mean;
}

void vigil_remove_linear_trend(float *x, uint32_t n) {
    const float centre = 0.5f * (float)(n - 1u);
    float a, b, stt, sxt = 0.0f, nf = (float)n;
    uint32_t i;
    if (n < 2u) {
        vigil_remove_mean(x, n);
        return;
    }
    a = vigil_strided_mean(x, 1u, n);
    for (i = 0; i < n; ++i) sxt += ((float)i - centre) * x[i];
    stt = nf * (nf * nf - 1.0f) / 12.0f;
    b = sxt / stt;
    for (i = 0; i < n; ++i) x[i] -= a + b * ((float)i - centre);
}

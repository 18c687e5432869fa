/* Detrending: mean removal, or removal of the least-squares line. With t_i = i - (n-1)/2
 * (centred, so the fit decouples): a = mean(x), b = sum t_i x_i / sum t_i^2, and
 * sum t_i^2 = n (n^2 - 1) / 12. */
#include "preprocess.h"

static float mean_of(const float *x, uint32_t n) {
    float acc = 0.0f;
    uint32_t i;
    for (i = 0; i < n; ++i) acc += x[i];
    return acc / (float)n;
}

void vigil_remove_mean(float *x, uint32_t n) {
    float mean;
    uint32_t i;
    if (n == 0u) return;
    mean = mean_of(x, n);
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
    a = mean_of(x, n);
    for (i = 0; i < n; ++i) sxt += ((float)i - centre) * x[i];
    stt = nf * (nf * nf - 1.0f) / 12.0f;
    b = sxt / stt;
    for (i = 0; i < n; ++i) x[i] -= a + b * ((float)i - centre);
}

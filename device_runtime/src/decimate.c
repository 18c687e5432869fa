/* Axis extraction and decimation: x_d[i] = (1/D) sum_{j<D} s[(i D + j) axes + axis].
 * Averaging blocks is the cheapest anti-alias filter (a boxcar, first null at the new sampling
 * rate) and costs one add per input sample; it is done while gathering the axis, so the
 * interleaved input is read once. */
#include "preprocess.h"

uint32_t vigil_decimate_axis(const float *signal, uint32_t axes, uint32_t length, uint32_t axis,
                             uint32_t factor, float *out) {
    const uint32_t m = length / factor;
    const float inv = 1.0f / (float)factor;
    uint32_t i, j, src = axis;
    if (factor == 1u) {
        for (i = 0; i < m; ++i, src += axes) out[i] = signal[src];
        return m;
    }
    for (i = 0; i < m; ++i) {
        float acc = 0.0f;
        for (j = 0; j < factor; ++j, src += axes) acc += signal[src];
        out[i] = acc * inv;
    }
    return m;
}

/* Band energies over the single-sided spectrum, DC excluded (it only repeats the mean).
 * Linear edges: e_b = 1 + floor(b (n/2) / B). Log edges: e_b = round((n/2 + 1)^(b/B)) (computed
 * with vigil_expf/vigil_logf, so the same integers everywhere), then pushed up so every band
 * holds at least one bin and down so the remaining bands still fit: the lowest log bands of a
 * short spectrum are one bin wide. */
#include "preprocess.h"

#include "vigil_math.h"

void vigil_band_edges_linear(uint32_t n, uint32_t bands, uint16_t *edges) {
    const uint32_t bins = n / 2u;
    uint32_t b;
    for (b = 0; b <= bands; ++b) edges[b] = (uint16_t)(1u + (b * bins) / bands);
}

void vigil_band_edges_log(uint32_t n, uint32_t bands, uint16_t *edges) {
    const uint32_t top = n / 2u + 1u;
    const float log_top = vigil_logf((float)top);
    uint32_t b;
    edges[0] = 1u;
    for (b = 1; b < bands; ++b) {
        const float v = vigil_expf(log_top * ((float)b / (float)bands));
        uint32_t e = (uint32_t)(v + 0.5f);
        if (e < (uint32_t)edges[b - 1u] + 1u) e = (uint32_t)edges[b - 1u] + 1u;
        if (e > top - (bands - b)) e = top - (bands - b);
        edges[b] = (uint16_t)e;
    }
    edges[bands] = (uint16_t)top;
}

void vigil_band_energies(const float *packed, uint32_t n, const uint16_t *edges, uint32_t bands,
                         float *out) {
    /* |X[k]|^2 read inline (same operations as vigil_bin_power, in the same order): a call and
     * two tests per bin cost more than the power itself. Bin n/2 (Nyquist, packed[1]) can only
     * be the last bin of the last band; bin 0 is never in a band. */
    const float scale = 2.0f / ((float)n * (float)n);
    const uint32_t nyquist = n / 2u;
    uint32_t b;
    for (b = 0; b < bands; ++b) {
        const uint32_t end = edges[b + 1u] > nyquist ? nyquist : edges[b + 1u];
        const float *bin = packed + 2u * edges[b], *stop = packed + 2u * end;
        float acc = 0.0f;
        for (; bin < stop; bin += 2) acc += bin[0] * bin[0] + bin[1] * bin[1];
        if (edges[b + 1u] > nyquist) acc += packed[1] * packed[1];
        out[b] = acc * scale;
    }
}

void vigil_band_powers(const float *powers, uint32_t n, const uint16_t *edges, uint32_t bands,
                       float *out) {
    /* bin k's power at powers[2k] (k < n/2), Nyquist's at powers[1]; 1/(2 n^2) of |2X|^2 is
     * 2/n^2 of |X|^2. Two bins per turn, summed in order (an odd count starts with one). */
    const float scale = 0.5f / ((float)n * (float)n);
    const uint32_t nyquist = n / 2u;
    uint32_t b;
    for (b = 0; b < bands; ++b) {
        const uint32_t end = edges[b + 1u] > nyquist ? nyquist : edges[b + 1u];
        const float *bin = powers + 2u * edges[b], *stop = powers + 2u * end;
        float acc = 0.0f;
        if (((end - edges[b]) & 1u) != 0u) {
            acc = *bin;
            bin += 2;
        }
        for (; bin < stop; bin += 4) {
            acc += bin[0];
            acc += bin[2];
        }
        if (edges[b + 1u] > nyquist) acc += powers[1];
        out[b] = acc * scale;
    }
}

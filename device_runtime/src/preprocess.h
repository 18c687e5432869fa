/* The preprocessing steps (internal): one module each, composed by features.c according to the
 * recipe. All work in place on one axis at a time (a single length-sized scratch), use only
 * + - * / and sqrtf plus vigil_math.h, and loop in a fixed order, so host and Cortex-M results
 * are bit-identical. Formulas: docs/runtime.md. */
#ifndef VIGIL_PREPROCESS_H
#define VIGIL_PREPROCESS_H

#include <stdint.h>

#include "vigil_types.h"

/* ---- decimate.c ---- */
/* Extracts one axis of an interleaved signal (axes x length, interleaved per sample) into out,
 * decimated by `factor` (1, 2, 4, 8) by averaging each block of `factor` samples (a boxcar
 * anti-alias filter); a trailing partial block is dropped. Returns length / factor. */
uint32_t vigil_decimate_axis(const float *signal, uint32_t axes, uint32_t length, uint32_t axis,
                             uint32_t factor, float *out);

/* ---- detrend.c ---- */
/* Mean of x[0], x[stride], ..., x[(n-1) stride] (n >= 1), summed in that order: the same bits
 * whether an axis is read in place or strided from the interleaved signal. */
float vigil_strided_mean(const float *x, uint32_t stride, uint32_t n);
void vigil_remove_mean(float *x, uint32_t n);
/* Removes the least-squares line a + b (i - (n-1)/2). */
void vigil_remove_linear_trend(float *x, uint32_t n);

/* ---- scaling.c ---- */
/* Divides x by its RMS (per-signal scaling); leaves an all-zero x alone. */
void vigil_scale_unit_rms(float *x, uint32_t n);

/* ---- time_stats.c ---- */
#define VIGIL_TIME_STATS 7u
/* out: RMS, standard deviation, peak-to-peak, crest factor, skewness, kurtosis, mean-crossing
 * rate (n >= 2). */
void vigil_time_stats(const float *x, uint32_t n, float out[VIGIL_TIME_STATS]);

/* ---- trends.c ---- */
#define VIGIL_TRENDS 5u
/* out: level (mean), spread (standard deviation), change along the line (least-squares slope
 * times n - 1), range (max - min), last minus first (n >= 1). */
void vigil_trends(const float *x, uint32_t n, float out[VIGIL_TRENDS]);

/* ---- values.c ---- */
/* out = x (n values), or sign(x) log(1 + |x|) of each with signed_log. */
void vigil_values(const float *x, uint32_t n, int signed_log, float *out);

/* ---- cross.c ---- */
/* Level differences then correlations of every pair of channels of the interleaved signal
 * (axes >= 2, length >= 1): axes (axes - 1) values; work: 2 axes floats. */
void vigil_cross_channel(const float *signal, uint32_t axes, uint32_t length, float *work, float *out);

/* ---- window.c ---- */
/* Multiplies x by the periodic Hann window w[i] = 0.5 - 0.5 cos(2 pi i / n) (any n >= 1;
 * cosines from the rotor). */
void vigil_hann_apply(float *x, uint32_t n);
/* The same window for a power-of-two n >= 4 with the cosines of the twiddle table tw
 * (vigil_twiddles(n)). */
void vigil_hann_apply_table(float *x, uint32_t n, const float *tw);
/* The spectral pipeline's load, vigil_hann_stage1_load: see hann_load.h. */

/* ---- fft.c ---- */
/* Smallest power of two >= n (n >= 1, n <= 2^31). */
uint32_t vigil_next_pow2(uint32_t n);
/* The twiddle table of the real FFT of n samples (n a power of two >= 4): table[k] =
 * cos(2 pi k / n) for k = 0 .. n/4 (n/4 + 1 values). */
void vigil_twiddles(uint32_t n, float *table);
/* The bit-reversal permutation of n complex points (interleaved re, im; n a power of two). */
void vigil_bit_reverse(float *z, uint32_t n);
/* The stages of the complex FFT (fft.c): half = 1 alone, half = 2 alone, and halves h and 2h
 * together (tw = vigil_twiddles(2 n)). */
void vigil_fft_stage_1(float *z, uint32_t n);
void vigil_fft_stage_2(float *z, uint32_t n);
void vigil_fft_stage_pair(float *z, uint32_t n, uint32_t half, const float *tw);
/* The stages of the forward complex FFT of n points (n a power of two) on input in
 * bit-reversed order, with tw = vigil_twiddles(2 n); stage1_done: the first stage was done by
 * the load (vigil_hann_stage1_load). Inline: a library built for one FFT length keeps only the
 * stages that length needs. */
static inline void vigil_fft_stages(float *z, uint32_t n, const float *tw, int stage1_done) {
    uint32_t half = 2u, stages = 0;
    if (n < 2u) return;
    while ((1u << stages) < n) ++stages;
    if (!stage1_done) vigil_fft_stage_1(z, n);
    if (((stages - 1u) & 1u) != 0u) { /* an odd count left: one plain stage, then pairs from 4 */
        vigil_fft_stage_2(z, n);
        half = 4u;
    }
    for (; half < n; half *= 4u) vigil_fft_stage_pair(z, n, half, tw);
}
/* In-place forward complex FFT of n points (interleaved re, im; n a power of two >= 1):
 * Z[k] = sum z[j] e^{-2 pi i jk / n}. */
void vigil_cfft(float *z, uint32_t n);
/* The real FFT's last step, on the complex FFT of the n/2 pairs (n a power of two >= 4,
 * tw = vigil_twiddles(n)): packed output x[0] = X[0], x[1] = X[n/2] (both real), then x[2k],
 * x[2k+1] = Re, Im of X[k] for 1 <= k < n/2. */
void vigil_rfft_split(float *x, uint32_t n, const float *tw);
/* The same step giving only powers, of 2X: x[2k] = |2 X[k]|^2 = 4 |X[k]|^2 for 1 <= k < n/2,
 * x[1] = |2 X[n/2]|^2 (x[0], x[2k+1] are left undefined); bin1 is added to Re 2X[1] first. n >= 8. */
void vigil_rfft_split_power(float *x, uint32_t n, const float *tw, float bin1);
/* In-place forward real FFT of n samples (n a power of two >= 4), packed output as
 * vigil_rfft_split. */
void vigil_rfft(float *x, uint32_t n);

/* ---- spectrum.c ---- */
/* Single-sided amplitude spectrum of a packed real FFT of n samples: n/2 + 1 values,
 * |X[k]| * 2/n (1/n for k = 0 and n/2), so a sine of amplitude A at bin k reads A. */
void vigil_spectrum_amplitude(const float *packed, uint32_t n, float *out);
/* Power |X[k]|^2 of bin k (0 <= k <= n/2) of a packed real FFT. */
float vigil_bin_power(const float *packed, uint32_t n, uint32_t k);

/* ---- bands.c ---- */
/* Band edges over the bins 1 .. n/2 (DC excluded): band b covers bins [edges[b], edges[b+1]),
 * edges[0] = 1, edges[bands] = n/2 + 1, every band non-empty (needs 1 <= bands <= n/2).
 * Linear: equal widths; log: geometric spacing, widened where a band would be empty. */
void vigil_band_edges_linear(uint32_t n, uint32_t bands, uint16_t *edges);
void vigil_band_edges_log(uint32_t n, uint32_t bands, uint16_t *edges);
/* Band energies (2 / n^2) sum |X[k]|^2: a sine of amplitude A in the band reads A^2 / 2, the
 * signal's mean square. */
void vigil_band_energies(const float *packed, uint32_t n, const uint16_t *edges, uint32_t bands,
                         float *out);
/* The same energies from the powers of vigil_rfft_split_power: (1 / (2 n^2)) sum |2 X[k]|^2. */
void vigil_band_powers(const float *powers, uint32_t n, const uint16_t *edges, uint32_t bands,
                       float *out);

/* ---- fixed.c (arithmetic VIGIL_ARITH_FIXED; docs/runtime.md, "Fixed-point path") ---- */
/* The Q15 cosines of the twiddle table tw = vigil_twiddles(n): q[k] = round(32768 tw[k]),
 * k = 0 .. n/4 (n/4 + 1 values, at most 32768). */
void vigil_fixed_cos_q15(uint32_t n, const float *tw, uint16_t *q);
/* One axis (n samples at src, src[i stride], n a power of two >= 8) to the powers |X[k]|^2 / n^2
 * of its (mean-removed with centre, Hann-windowed with hann) real FFT, in integers, in work
 * (n int32: bin k < n/2 at work[2k], bin n/2 at work[1]); returns the axis' exponent g (powers
 * in units of 2^(2g)), INT32_MIN if the axis holds NaN or inf. */
int32_t vigil_fixed_powers(const float *src, uint32_t stride, uint32_t n, int centre, int hann,
                           const uint16_t *cos_q15, int32_t *work);
/* Band energies E = (2 / n^2) sum |X[k]|^2 from those powers, as floats, or log(1 + E) with
 * log1p, computed in integers (NaN for g = INT32_MIN). */
void vigil_fixed_bands(const int32_t *work, uint32_t n, int32_t g, const uint16_t *edges, uint32_t bands,
                       int log1p, float *out);

/* ---- welford.c ---- */
/* One Welford step per feature, `count` being the number of vectors including x (>= 1), then
 * the learned transform's factors s from the statistics (standardisation, or learned scaling
 * with standardize = 0). stats: mean, m2 and s, dim floats each, each array padded to 8 bytes
 * (the state's layout). x NULL: the factors only (the statistics are loaded). */
void vigil_welford_update(uint32_t count, float *stats, const float *x, uint32_t dim, int standardize);

#endif

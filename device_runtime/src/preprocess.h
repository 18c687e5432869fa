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

/* ---- window.c ---- */
/* Multiplies x by the periodic Hann window w[i] = 0.5 - 0.5 cos(2 pi i / n). */
void vigil_hann_apply(float *x, uint32_t n);
/* The values (src[i stride] - offset) w[i], i < n (gather, centre and window in one pass),
 * stored in the bit-reversed order of the complex pairs (x[2c], x[2c+1]) that
 * vigil_rfft_bitreversed expects: bit for bit a permutation of subtracting offset and then
 * vigil_hann_apply. n a power of two >= 8; out must not overlap src. */
void vigil_hann_load_bitreversed(const float *src, uint32_t stride, float offset, uint32_t n,
                                 float *out);

/* ---- fft.c ---- */
/* Smallest power of two >= n (n >= 1, n <= 2^31). */
uint32_t vigil_next_pow2(uint32_t n);
/* In-place forward complex FFT of n points (interleaved re, im; n a power of two >= 1):
 * Z[k] = sum z[j] e^{-2 pi i jk / n}. */
void vigil_cfft(float *z, uint32_t n);
/* In-place forward real FFT of n samples (n a power of two >= 4), packed output: x[0] = X[0],
 * x[1] = X[n/2] (both real), then x[2k], x[2k+1] = Re, Im of X[k] for 1 <= k < n/2. */
void vigil_rfft(float *x, uint32_t n);
/* vigil_rfft for input whose complex pairs (x[2c], x[2c+1]) are already in bit-reversed order
 * (pair c at rev(c) over n/2 points): the same result, without the permutation pass. */
void vigil_rfft_bitreversed(float *x, uint32_t n);

/* ---- spectrum.c ---- */
/* Single-sided amplitude spectrum of a packed real FFT of n samples: n/2 + 1 values,
 * |X[k]| * 2/n (1/n for k = 0 and n/2), so a sine of amplitude A at bin k reads A. */
void vigil_spectrum_amplitude(const float *packed, uint32_t n, float *out);
/* Power |X[k]|^2 of bin k (0 <= k <= n/2) of a packed real FFT. */
float vigil_bin_power(const float *packed, uint32_t n, uint32_t k);
/* x[i] = log(1 + x[i]) (spectral features are >= 0). */
void vigil_log1p_inplace(float *x, uint32_t n);

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

/* ---- welford.c ---- */
/* One Welford step per feature, `count` being the number of vectors including x (>= 1). */
void vigil_welford_update(uint32_t count, float *mean, float *m2, const float *x, uint32_t dim);

#endif

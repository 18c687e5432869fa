/* Transcendental functions for the device runtime, in pure single-precision arithmetic.
 *
 * Why our own: logf/expf/sinf/cosf from glibc and from newlib (Cortex-M) are not correctly
 * rounded and differ in the last bits, which would break the bit-exact agreement between the
 * host (where candidates are benchmarked) and the target (DESIGN.md, principle 1). These use
 * only + - * /, comparisons and exact bit manipulation of IEEE-754 floats, in a fixed order,
 * so every platform computes the same bits (with -ffp-contract=off, no fast-math).
 *
 * Accuracy: about 1e-7 relative (a few ulp) for exp/log/log1p over their whole domain; sin/cos
 * about 1e-7 absolute for |x| <= 6000 (Cody-Waite reduction by pi/2 in three parts; larger
 * arguments lose accuracy gradually). vigil_sincos_pi_frac reduces a rational angle exactly. */
#ifndef VIGIL_MATH_H
#define VIGIL_MATH_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* e^x; +inf above ~88.72, 0 below ~-103.97 (subnormal results in between), NaN for NaN. */
float vigil_expf(float x);
/* vigil_expf for a finite x <= 0, without the checks that range never needs (the calibration's
 * 0.9^r): the same bits. */
float vigil_expf_nonpositive(float x);
/* Natural log; -inf for 0, NaN for x < 0 or NaN, +inf for +inf. Subnormals handled. */
float vigil_logf(float x);
/* log(1 + x), accurate for tiny x; -inf for -1, NaN below. */
float vigil_log1pf(float x);
/* The same for x >= 0, +inf or NaN (spectral energies, magnitudes): the same bits there, without
 * the cases of negative arguments (smaller, for the libraries that only need this). */
float vigil_log1pf_nonneg(float x);
/* sin and cos of x (radians) in one call. */
void vigil_sincosf(float x, float *s, float *c);
float vigil_sinf(float x);
float vigil_cosf(float x);
/* sin and cos of pi * p / q with exact integer range reduction (q >= 1, q < 2^23): the FFT
 * twiddles and the Hann window, where the angle is a rational multiple of pi. */
void vigil_sincos_pi_frac(uint32_t p, uint32_t q, float *s, float *c);
/* 1 when x is neither NaN nor +-inf (no libm, no classification macros). */
int vigil_isfinite(float x);

#ifdef __cplusplus
}
#endif
#endif

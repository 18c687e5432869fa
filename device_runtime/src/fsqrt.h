/* Square root for the runtime (internal): IEEE 754 correctly rounded, so every build gives the
 * same bits, and never newlib's sqrtf on the device. newlib's sqrtf sets errno for a negative
 * argument, which links its reentrancy data and errno machinery into the library (and gcc calls
 * it even on an FPU core unless the user compiles with -fno-math-errno). So:
 *   - a Cortex-M core with a single-precision FPU: the VSQRT.F32 instruction;
 *   - a Cortex-M core without one: vigil_soft_sqrtf (vigil_math.c), integer arithmetic;
 *   - the host: the C library's sqrtf (an instruction on x86-64 and AArch64).
 * The runtime only takes square roots of values >= 0. */
#ifndef VIGIL_FSQRT_H
#define VIGIL_FSQRT_H

/* (defined for every build, so the host tests can compare it with sqrtf) */
float vigil_soft_sqrtf(float x);

#if defined(__arm__) && defined(__GNUC__) && defined(__ARM_FP) && (__ARM_FP & 4)
static inline float vigil_sqrtf(float x) {
    float r;
    __asm__("vsqrt.f32 %0, %1" : "=t"(r) : "t"(x));
    return r;
}
#elif defined(__arm__)
#define vigil_sqrtf vigil_soft_sqrtf
#else
#include <math.h>
#define vigil_sqrtf sqrtf
#endif

#endif

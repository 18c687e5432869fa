/* @LIBRARY@: the learn-then-detect loop, as a complete program.
 *
 * Replace read_signal() with your sensor: it must fill one buffer of @AXES@ axes x @LENGTH@
 * samples, interleaved per sample (x0 y0 z0 x1 y1 z1 ...), sampled exactly like the files
 * the library was selected on. Until then it simulates a machine (a shaft tone with a little
 * noise; "faulty" adds periodic impacts), so this file builds and runs as it is:
 *
 *   host:   cc -std=c99 -O2 -ffp-contract=off -Isource/include example/main.c
 *           plus every .c file of source/src and the two source/vigil_baked_ files, and -lm
 *   device: arm-none-eabi-gcc @CPU_FLAGS@ -Iinclude example/main.c libvigil.a -lm
 *           plus your startup code and linker script
 *
 * printf goes wherever your C library sends it (UART, semihosting, RTT). */
#include <stdio.h>

#include "vigil.h"

#define SIGNAL_FLOATS (@AXES@u * @LENGTH@u)
#define LEARN_SIGNALS (2u * @MIN_LEARN@u) /* at least the library's minimum (@MIN_LEARN@) */

static float signal[SIGNAL_FLOATS]; /* static: a stack this big would not fit on small MCUs */

/* Deterministic pseudo-random noise in [-1, 1) (xorshift32). */
static float noise(uint32_t *state) {
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return (float)(int32_t)(*state >> 8) / 8388608.0f - 1.0f;
}

/* The simulated sensor: a triangle-shaped shaft tone on every axis, noise, and with `faulty`
 * a sharp impact every 32 samples (what a damaged bearing adds). */
static void read_signal(uint32_t round, int faulty) {
    uint32_t rng = 2463534242u ^ (round * 2654435761u);
    for (uint32_t i = 0; i < SIGNAL_FLOATS; i++) {
        uint32_t sample = i / @AXES@u;
        float phase = (float)(sample % 16u) / 16.0f;
        float tone = phase < 0.5f ? 4.0f * phase - 1.0f : 3.0f - 4.0f * phase;
        float impact = (faulty && sample % 32u == 0u) ? 6.0f : 0.0f;
        signal[i] = tone + 0.05f * noise(&rng) + impact;
    }
}

int main(void) {
    const vigil_info *info = vigil_get_info();
    uint8_t similarity = 0;
    vigil_status status = vigil_init();
    if (status != VIGIL_OK) {
        printf("vigil_init failed: %d\n", (int)status);
        return 1;
    }
    printf("%s: %u axes x %u samples, learns from %u signals\n", info->id, (unsigned)info->axes,
           (unsigned)info->length, (unsigned)info->min_learn);

    /* 1. Learn on normal behaviour only. */
    for (uint32_t round = 0; round < LEARN_SIGNALS; round++) {
        read_signal(round, 0);
        status = vigil_learn(signal);
        if (status != VIGIL_LEARNING_IN_PROGRESS && status != VIGIL_LEARNING_DONE) {
            printf("vigil_learn failed: %d\n", (int)status);
            return 1;
        }
    }

    /* 2. Detect: similarity 0..100, below VIGIL_SIMILARITY_THRESHOLD (90) means anomaly. */
    for (uint32_t round = 0; round < 6u; round++) {
        int faulty = round >= 3u;
        read_signal(1000u + round, faulty);
        status = vigil_detect(signal, &similarity);
        if (status != VIGIL_OK) {
            printf("vigil_detect failed: %d\n", (int)status);
            return 1;
        }
        printf("%s signal %u: similarity %u%s\n", faulty ? "faulty" : "normal", (unsigned)round,
               (unsigned)similarity, similarity < VIGIL_SIMILARITY_THRESHOLD ? "  -> anomaly" : "");
    }
    return 0;
}

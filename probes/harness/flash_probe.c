/* Flash probe: the smallest firmware that uses one baked recipe through the reentrant core
 * (state size, init, learn until done, detect), for measuring a library's flash with
 * arm-none-eabi-size. Built twice by tests/bench/runtime/run: as is, and with
 * VIGIL_PROBE_EMPTY (same startup, same printf and signal loop, no runtime call); the
 * difference is the runtime's code + const data for this recipe.
 *
 * With VIGIL_PROBE_SINGLE_FAMILY the probe supplies its own vigil_family_get returning only
 * its family, so the linker leaves the six other families (and the registry) in the archive:
 * what a library compiled for one recipe ships. Without it the stock registry links all.
 *
 * With VIGIL_PROBE_FACADE (needs VIGIL_PROBE_STATE_BYTES, the host's vigil_model_state_size)
 * the probe is a shipped library: facade.c + the baked symbols of vigil_baked.h, called through
 * vigil_init / vigil_learn / vigil_detect. With VIGIL_PROBE_ZIP as well, the library is a zip's
 * libvigil.a, which brings its own facade and baked symbols: the probe calls the same three
 * functions of vigil.h and defines nothing. */
#include <stdint.h>
#include <stdio.h>

#include "vigil_core.h"
#include VIGIL_PROBE_HEADER /* generated: vigil_probe_recipe, VIGIL_PROBE_NAME, VIGIL_PROBE_FAMILY_OPS */

#define PROBE_SAMPLES 4096u
#define PROBE_STATE_BYTES 65536u

static float signal[PROBE_SAMPLES];
#if defined(VIGIL_PROBE_FACADE) && defined(VIGIL_PROBE_ZIP)
#include "vigil.h"
#elif defined(VIGIL_PROBE_FACADE)
#include "vigil_baked.h"
const vigil_recipe vigil_baked_recipe = VIGIL_PROBE_RECIPE_INIT;
const vigil_info vigil_baked_info = {"vigil-flash-probe", 0u, 0u, 0u, 0u, VIGIL_PROBE_STATE_BYTES, 0u, 0u,
                                     VIGIL_PROBE_STATE_BYTES, 0u};
uint64_t vigil_baked_state[(VIGIL_PROBE_STATE_BYTES + 7u) / 8u];
const size_t vigil_baked_state_size = sizeof vigil_baked_state;
#elif !defined(VIGIL_PROBE_EMPTY)
static uint64_t state[PROBE_STATE_BYTES / 8u]; /* .bss: RAM, not part of the flash figure */
#endif

#if defined(VIGIL_PROBE_SINGLE_FAMILY) && !defined(VIGIL_PROBE_EMPTY)
extern const vigil_family_ops VIGIL_PROBE_FAMILY_OPS;
const vigil_family_ops *vigil_family_get(uint8_t family)
{
    return family == vigil_probe_recipe.model.family ? &VIGIL_PROBE_FAMILY_OPS : NULL;
}
#endif

static void fill(uint32_t round)
{
    uint32_t x = 2463534242u + round;
    for (uint32_t i = 0; i < PROBE_SAMPLES; i++) { /* xorshift32: cheap, deterministic noise */
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        signal[i] = (float)(int32_t)(x >> 20) * (1.0f / 2048.0f);
    }
}

int main(void)
{
    uint32_t similarity = 255u;
    int status = 0;
    fill(0u);
#if defined(VIGIL_PROBE_EMPTY)
    (void)vigil_probe_recipe; /* referenced, never used: emits nothing */
#elif defined(VIGIL_PROBE_FACADE)
    (void)vigil_probe_recipe;
#if defined(VIGIL_PROBE_ZIP)
    const uint32_t min_learn = vigil_get_info()->min_learn;
#else
    const uint32_t min_learn = vigil_baked_recipe.min_learn;
#endif
    status = (int)vigil_init();
    for (uint32_t i = 0; i < min_learn && status == 0; i++) {
        fill(i + 1u);
        vigil_status s = vigil_learn(signal);
        status = s == VIGIL_LEARNING_DONE || (s == VIGIL_LEARNING_IN_PROGRESS && i + 1u < min_learn) ? 0 : 1;
    }
    uint8_t rounded = 0u;
    if (status == 0) {
        status = (int)vigil_detect(signal, &rounded);
        similarity = rounded;
    }
#else
    size_t size = vigil_model_state_size(&vigil_probe_recipe);
    if (size == 0u || size > sizeof state || (size_t)vigil_probe_recipe.axes * vigil_probe_recipe.length > PROBE_SAMPLES) {
        printf("flash probe %s: recipe does not fit (state %lu bytes)\n", VIGIL_PROBE_NAME, (unsigned long)size);
        return 1;
    }
    status = (int)vigil_model_init(state, size, &vigil_probe_recipe);
    for (uint32_t i = 0; i < vigil_probe_recipe.min_learn && status == 0; i++) {
        fill(i + 1u);
        status = vigil_model_learn(state, signal) == VIGIL_LEARNING_DONE || i + 1u < vigil_probe_recipe.min_learn ? 0 : 1;
    }
    uint8_t rounded = 0u;
    if (status == 0) {
        status = (int)vigil_model_detect(state, signal, &rounded);
        similarity = rounded;
    }
#endif
    printf("VIGIL-HARNESS-DONE 0 %08lx\n", (unsigned long)similarity);
    return status;
}

/* Library probe: a compiled library (a zip's libvigil.a) driven through its shipped API
 * (vigil.h) under QEMU, for the runtime benchmark (tests/bench/runtime/run). It measures what
 * ships, not the generic runtime: instructions per call (vigil_harness_mark() right before and
 * right after each vigil_learn / vigil_detect, counted by probes/qemu-icount) and the stack each
 * call uses (stack painting, below).
 *
 * job:    u32 learn signals L, u32 detect signals D, then (L + D) signals of axes x length f32,
 *         little-endian (the format of tests/e2e_compile/link_main.c), read one at a time.
 * result: u32 words: L, each learn status, then per detect signal its status and similarity.
 * stdout: `VIGIL-STACK <call> <bytes>` per API call kind (the most any call of that kind
 *         used), then the completion line `VIGIL-HARNESS-DONE <words> <fnv1a32>` that
 *         probes/run-qemu requires.
 *
 * Stack painting: before each call every word between the linker's stack limit and the
 * current stack pointer is set to a pattern; after the call the lowest word that no longer
 * holds it is the deepest the call reached. The depth is measured from the stack pointer at
 * the call site, so it is exactly what the library adds on top of its caller's frame (return
 * address, saved registers, locals of every function it calls, libgcc helpers included).
 * The paint and scan loops are inlined so they use no stack of their own below that point. */
#include <stdio.h>

#include "harness.h"
#include "vigil.h"

#ifndef SIGNAL_FLOATS
#error "build with -DSIGNAL_FLOATS=<axes x length of the library>"
#endif
#ifndef PROBE_KNOWLEDGE_BYTES
#define PROBE_KNOWLEDGE_BYTES 0u /* 0: no knowledge calls (the blob does not fit this machine) */
#endif

#define PAINT 0xC5AC5AC5u

extern uint32_t __stack_limit__;

static float signal[SIGNAL_FLOATS];
#if PROBE_KNOWLEDGE_BYTES > 0u
static uint64_t blob[(PROBE_KNOWLEDGE_BYTES + 7u) / 8u];
#endif
static uint32_t fnv = 2166136261u;
static uint32_t words = 0;

enum { CALL_INIT, CALL_LEARN, CALL_DETECT, CALL_SENSITIVITY, CALL_KNOWLEDGE_SIZE, CALL_SAVE, CALL_LOAD, CALL_INFO, CALLS };
static const char *const call_names[CALLS] = {"init", "learn", "detect", "set_sensitivity",
                                              "knowledge_size", "knowledge_save", "knowledge_load", "get_info"};
static uint32_t deepest[CALLS];

static inline __attribute__((always_inline)) uint32_t *stack_pointer(void)
{
    uint32_t *sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

/* Paints [stack limit, sp) and returns sp: call right before the measured call. */
static inline __attribute__((always_inline)) uint32_t *paint(void)
{
    uint32_t *sp = stack_pointer();
    for (volatile uint32_t *p = &__stack_limit__; p < sp; ++p) {
        *p = PAINT;
    }
    return sp;
}

/* Records how deep the call reached below sp. */
static inline __attribute__((always_inline)) void measure(int call, uint32_t *sp)
{
    volatile uint32_t *p = &__stack_limit__;
    while (p < sp && *p == PAINT) {
        ++p;
    }
    uint32_t used = (uint32_t)((uintptr_t)sp - (uintptr_t)p);
    if (used > deepest[call]) {
        deepest[call] = used;
    }
}

static int put_u32(FILE *out, uint32_t v)
{
    unsigned char b[4];
    for (unsigned i = 0; i < 4u; i++) {
        b[i] = (unsigned char)(v >> (8u * i));
        fnv = (fnv ^ b[i]) * 16777619u;
    }
    words++;
    return fwrite(b, 1, 4, out) == 4 ? 0 : -1;
}

static int get_u32(FILE *in, uint32_t *v)
{
    unsigned char b[4];
    if (fread(b, 1, 4, in) != 4) {
        return -1;
    }
    *v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return 0;
}

static int get_signal(FILE *in, uint32_t floats)
{
    for (uint32_t i = 0; i < floats; i++) {
        union {
            uint32_t u;
            float f;
        } pun;
        if (get_u32(in, &pun.u) != 0) {
            return -1;
        }
        signal[i] = pun.f;
    }
    return 0;
}

int main(void)
{
    uint32_t *sp = paint();
    const vigil_info *info = vigil_get_info();
    measure(CALL_INFO, sp);
    const uint32_t floats = (uint32_t)info->axes * info->length;
    uint32_t learn = 0, detect = 0;
    FILE *in = fopen("job.bin", "rb");
    FILE *out = fopen("result.bin", "wb");
    if (!in || !out || floats != SIGNAL_FLOATS) {
        printf("library_probe: cannot open job.bin / result.bin, or the library is not %u floats\n",
               (unsigned)SIGNAL_FLOATS);
        return 1;
    }
    setvbuf(in, NULL, _IONBF, 0); /* newlib would malloc a buffer per FILE */
    setvbuf(out, NULL, _IONBF, 0);
    if (get_u32(in, &learn) != 0 || get_u32(in, &detect) != 0) {
        return 1;
    }
    sp = paint();
    vigil_status st = vigil_init();
    measure(CALL_INIT, sp);
    if (st != VIGIL_OK || put_u32(out, learn) != 0) {
        return 1;
    }
    for (uint32_t k = 0; k < learn; k++) {
        if (get_signal(in, floats) != 0) {
            return 1;
        }
        sp = paint();
        vigil_harness_mark();
        st = vigil_learn(signal);
        vigil_harness_mark();
        measure(CALL_LEARN, sp);
        if (put_u32(out, (uint32_t)st) != 0) {
            return 1;
        }
    }
    sp = paint();
    st = vigil_set_sensitivity(1.0f);
    measure(CALL_SENSITIVITY, sp);
    if (st != VIGIL_OK) {
        return 1;
    }
    for (uint32_t k = 0; k < detect; k++) {
        uint8_t similarity = 255;
        if (get_signal(in, floats) != 0) {
            return 1;
        }
        sp = paint();
        vigil_harness_mark();
        st = vigil_detect(signal, &similarity);
        vigil_harness_mark();
        measure(CALL_DETECT, sp);
        if (put_u32(out, (uint32_t)st) != 0 || put_u32(out, similarity) != 0) {
            return 1;
        }
    }
    sp = paint();
    size_t kb = vigil_knowledge_size();
    measure(CALL_KNOWLEDGE_SIZE, sp);
#if PROBE_KNOWLEDGE_BYTES > 0u
    if (kb > sizeof blob) {
        printf("library_probe: knowledge of %lu bytes, the buffer has %lu\n", (unsigned long)kb,
               (unsigned long)sizeof blob);
        return 1;
    }
    sp = paint();
    st = vigil_knowledge_save(blob, kb);
    measure(CALL_SAVE, sp);
    if (st != VIGIL_OK) {
        return 1;
    }
    sp = paint();
    st = vigil_knowledge_load(blob, kb);
    measure(CALL_LOAD, sp);
    if (st != VIGIL_OK) {
        return 1;
    }
#else
    (void)kb;
#endif
    fclose(in);
    fclose(out);
    for (int c = 0; c < CALLS; c++) {
        printf("VIGIL-STACK %s %lu\n", call_names[c], (unsigned long)deepest[c]);
    }
    printf("%s %lu %08lx\n", VIGIL_HARNESS_DONE, (unsigned long)words, (unsigned long)fnv);
    return 0;
}

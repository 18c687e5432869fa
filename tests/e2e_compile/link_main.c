/* The link test's program: the shipped API (vigil.h) of one compiled library, fed signals from
 * a job file, built twice from one source -- against the zip's libvigil.a with
 * arm-none-eabi-gcc (run under QEMU by probes/run-qemu: job.bin in, result.bin out, through
 * semihosting) and from the zip's sources with the host compiler. run_e2e.py requires both to
 * print exactly the similarities of the zip's emulator.
 *
 * job:    u32 learn signals L, u32 detect signals D, then (L + D) signals of axes x length f32,
 *         little-endian, read one at a time (the microbit has 16 KiB of RAM).
 * result: u32 words: L, then each learn status, then per detect signal its status and
 *         similarity. The completion line `VIGIL-HARNESS-DONE <words> <fnv1a32>` is what
 *         probes/run-qemu requires. */
#include <stdio.h>

#include "vigil.h"

/* The library's axes x length, given by the build (-DSIGNAL_FLOATS=...): the microbit's 16 KiB
 * of RAM leave no room for a generous buffer. */
#ifndef SIGNAL_FLOATS
#error "build with -DSIGNAL_FLOATS=<axes x length of the library>"
#endif
#define MAX_FLOATS SIGNAL_FLOATS

static float signal[MAX_FLOATS];
static uint32_t fnv = 2166136261u;
static uint32_t words = 0;

static int put_u32(FILE *out, uint32_t v) {
    unsigned char b[4];
    for (unsigned i = 0; i < 4u; i++) {
        b[i] = (unsigned char)(v >> (8u * i));
        fnv = (fnv ^ b[i]) * 16777619u;
    }
    words++;
    return fwrite(b, 1, 4, out) == 4 ? 0 : -1;
}

static int get_u32(FILE *in, uint32_t *v) {
    unsigned char b[4];
    if (fread(b, 1, 4, in) != 4) return -1;
    *v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return 0;
}

static int get_signal(FILE *in, uint32_t floats) {
    for (uint32_t i = 0; i < floats; i++) {
        uint32_t bits;
        if (get_u32(in, &bits) != 0) return -1;
        union { uint32_t u; float f; } pun;
        pun.u = bits;
        signal[i] = pun.f;
    }
    return 0;
}

static int run(const char *job_path, const char *result_path) {
    const vigil_info *info = vigil_get_info();
    const uint32_t floats = (uint32_t)info->axes * info->length;
    uint32_t learn = 0, detect = 0;
    FILE *in = fopen(job_path, "rb");
    FILE *out = fopen(result_path, "wb");
    if (!in || !out || floats > MAX_FLOATS) {
        printf("link_main: cannot open %s / %s or signal too long\n", job_path, result_path);
        return 1;
    }
    setvbuf(in, NULL, _IONBF, 0); /* newlib would malloc a buffer per FILE */
    setvbuf(out, NULL, _IONBF, 0);
    if (get_u32(in, &learn) != 0 || get_u32(in, &detect) != 0 || vigil_init() != VIGIL_OK) return 1;
    if (put_u32(out, learn) != 0) return 1;
    for (uint32_t k = 0; k < learn; k++) {
        if (get_signal(in, floats) != 0) return 1;
        if (put_u32(out, (uint32_t)vigil_learn(signal)) != 0) return 1;
    }
    for (uint32_t k = 0; k < detect; k++) {
        uint8_t similarity = 255;
        if (get_signal(in, floats) != 0) return 1;
        vigil_status s = vigil_detect(signal, &similarity);
        if (put_u32(out, (uint32_t)s) != 0 || put_u32(out, similarity) != 0) return 1;
    }
    fclose(in);
    fclose(out);
    printf("VIGIL-HARNESS-DONE %lu %08lx\n", (unsigned long)words, (unsigned long)fnv);
    return 0;
}

#ifdef LINK_MAIN_HOST
int main(int argc, char **argv) {
    if (argc != 3) {
        printf("usage: %s JOB RESULT\n", argv[0]);
        return 64;
    }
    return run(argv[1], argv[2]);
}
#else
int main(void) { return run("job.bin", "result.bin"); }
#endif

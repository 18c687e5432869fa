/* The test firmware of `vigil target test` (docs/targets.md, "Flash and test"): one compiled
 * library (the zip's own libvigil.a, linked as the user links it) fed signals from the host
 * through semihosting, under QEMU or on a real board through OpenOCD. The engine embeds this
 * file and builds it per board; the host compares every result with the emulator.
 *
 * job.bin (read):   u32 words, little-endian: magic "VGT1", recipe id, floats per signal,
 *                   L learn signals, D detect signals; then L + D signals of f32.
 * result.bin (written): u32 words: magic "VTR1", the library's recipe id, counter kind
 *                   (1 DWT CYCCNT, 2 SysTick), counter running (0: the counter never moved,
 *                   as under QEMU), counter overhead (an empty measured region), vigil_init
 *                   status, L, then per learn: status, cycles; D, then per detect: status,
 *                   similarity 0..100, status of vigil_model_similarity (only called after an
 *                   OK detect, else the detect status again), its exact float bits,
 *                   cycles (of vigil_detect alone).
 * stdout: "VIGIL-TEST-START <library id>", at the end "VIGIL-TEST-DONE <words> <fnv1a32 of
 *         result.bin>", or "VIGIL-TEST-ERROR <what>" and exit status 1.
 *
 * Every measured call sits between two calls of vigil_test_mark(), so QEMU's instruction
 * counting plugin (probes/qemu-icount, mark=<its address>) measures the same regions.
 * Build: -DVIGIL_TEST_SIGNAL_FLOATS=<axes x length> and -DVIGIL_TEST_COUNTER_DWT (M3 and up)
 * or -DVIGIL_TEST_COUNTER_SYSTICK (M0, M0+). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

#include "vigil.h"
#include "vigil_baked.h"
#include "vigil_core.h"

#ifndef VIGIL_TEST_SIGNAL_FLOATS
#error "build with -DVIGIL_TEST_SIGNAL_FLOATS=<axes x length of the library>"
#endif

#define MAGIC_JOB 0x31544756u    /* "VGT1" */
#define MAGIC_RESULT 0x31525456u /* "VTR1" */

/* One signal, filled straight from the job file (little-endian f32, as every Cortex-M here is
 * little-endian). */
static float signal[VIGIL_TEST_SIGNAL_FLOATS];

/* ---- cycle counter ---- */
#if defined(VIGIL_TEST_COUNTER_DWT)
#define COUNTER_KIND 1u
#define DEMCR (*(volatile uint32_t *)0xE000EDFCu)
#define DWT_CTRL (*(volatile uint32_t *)0xE0001000u)
#define DWT_CYCCNT (*(volatile uint32_t *)0xE0001004u)
#define DWT_LAR (*(volatile uint32_t *)0xE0001FB0u)
static void counter_start(void)
{
    DEMCR |= 1u << 24;      /* TRCENA: enable the DWT */
    DWT_LAR = 0xC5ACCE55u;  /* unlock (Cortex-M7; ignored where there is no lock) */
    DWT_CYCCNT = 0u;
    DWT_CTRL |= 1u;         /* CYCCNTENA */
}
static uint32_t counter_read(void) { return DWT_CYCCNT; }
#elif defined(VIGIL_TEST_COUNTER_SYSTICK)
/* ARMv6-M has no DWT cycle counter: SysTick counts core clocks down from 2^24 - 1; its
 * interrupt counts the wraps (a learn can take more than 2^24 cycles). */
#define COUNTER_KIND 2u
#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
static volatile uint32_t systick_wraps;
void SysTick_Handler(void);
void SysTick_Handler(void) { systick_wraps++; }
static void counter_start(void)
{
    SYST_RVR = 0x00FFFFFFu;
    SYST_CVR = 0u;
    SYST_CSR = 7u; /* enable, interrupt on wrap, processor clock */
}
static uint32_t counter_read(void)
{
    uint32_t before, value, after;
    do {
        before = systick_wraps;
        value = SYST_CVR;
        after = systick_wraps;
    } while (before != after);
    return before * 0x01000000u + (0x00FFFFFFu - value);
}
#else
#error "build with -DVIGIL_TEST_COUNTER_DWT or -DVIGIL_TEST_COUNTER_SYSTICK"
#endif

/* The region marker for the instruction counter: an empty function that is never inlined. */
void vigil_test_mark(void) __attribute__((noinline, used));
void vigil_test_mark(void) { __asm__ volatile("" ::: "memory"); }

/* ---- job and result files ----
 * Plain open/read/write (newlib's rdimon turns each into ONE semihosting call, whatever the
 * size), not stdio: an unbuffered FILE writes byte by byte, and through a debug probe every
 * semihosting call is a halt and a round trip. One read per signal, one write per call. */
static int job = -1;
static int result = -1;
static uint32_t pending[8]; /* the words of one call, written at once */
static unsigned pending_count;
static uint32_t words;
static uint32_t fnv = 2166136261u;
static int write_failed;

static void put(uint32_t v)
{
    for (unsigned i = 0; i < 4u; i++) fnv = (fnv ^ (unsigned char)(v >> (8u * i))) * 16777619u;
    words++;
    pending[pending_count++] = v; /* Cortex-M is little-endian: the file's byte order */
}

static void flush(void)
{
    const size_t bytes = pending_count * sizeof pending[0];
    if (pending_count != 0u && write(result, pending, bytes) != (ssize_t)bytes) write_failed = 1;
    pending_count = 0;
}

static int fail(const char *what)
{
    printf("VIGIL-TEST-ERROR %s\n", what);
    return 1;
}

static int read_all(void *buffer, size_t bytes)
{
    unsigned char *p = buffer;
    while (bytes > 0u) {
        const ssize_t n = read(job, p, bytes);
        if (n <= 0) return -1;
        p += n;
        bytes -= (size_t)n;
    }
    return 0;
}

static uint32_t float_bits(float f)
{
    union { float f; uint32_t u; } pun;
    pun.f = f;
    return pun.u;
}

int main(void)
{
    const vigil_info *info = vigil_get_info();
    const uint32_t floats = (uint32_t)info->axes * info->length;
    uint32_t header[5]; /* magic, recipe id, floats per signal, L, D */

    printf("VIGIL-TEST-START %s\n", info->id);
    if (floats != VIGIL_TEST_SIGNAL_FLOATS) return fail("library signal size differs from the build's");
    job = open("job.bin", O_RDONLY);
    if (job < 0) return fail("cannot open job.bin");
    if (read_all(header, sizeof header) != 0) return fail("job.bin is truncated");
    if (header[0] != MAGIC_JOB) return fail("job.bin is not a target test job");
    if (header[1] != info->recipe_id) return fail("job.bin is for another library");
    if (header[2] != floats) return fail("job.bin has signals of another size");
    const uint32_t learn = header[3], detect = header[4];
    result = open("result.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (result < 0) return fail("cannot create result.bin");

    counter_start();
    {
        /* Does the counter run (not under QEMU)? And what does an empty region cost? */
        const uint32_t a = counter_read();
        vigil_test_mark();
        vigil_test_mark();
        const uint32_t b = counter_read();
        put(MAGIC_RESULT);
        put(info->recipe_id);
        put(COUNTER_KIND);
        put(b != a ? 1u : 0u);
        put(b - a);
    }
    put((uint32_t)vigil_init());
    put(learn);
    flush();

    for (uint32_t k = 0; k < learn; k++) {
        if (read_all(signal, sizeof signal) != 0) return fail("job.bin is truncated (learn signals)");
        const uint32_t t0 = counter_read();
        vigil_test_mark();
        const vigil_status s = vigil_learn(signal);
        vigil_test_mark();
        const uint32_t t1 = counter_read();
        put((uint32_t)s);
        put(t1 - t0);
        flush();
    }
    put(detect);
    flush();
    for (uint32_t k = 0; k < detect; k++) {
        uint8_t similarity = 255u;
        float exact = -1.0f;
        vigil_status exact_status;
        if (read_all(signal, sizeof signal) != 0) return fail("job.bin is truncated (detect signals)");
        const uint32_t t0 = counter_read();
        vigil_test_mark();
        const vigil_status s = vigil_detect(signal, &similarity);
        vigil_test_mark();
        const uint32_t t1 = counter_read();
        /* The unrounded similarity, through the library's own core on its own state (the
         * facade's instance), as the emulator asks for it (only after a detect that was OK):
         * compared bit for bit. Not measured. */
        exact_status = s == VIGIL_OK ? vigil_model_similarity(vigil_baked_state, signal, &exact) : s;
        put((uint32_t)s);
        put(similarity);
        put((uint32_t)exact_status);
        put(float_bits(exact));
        put(t1 - t0);
        flush();
    }
    close(job);
    if (close(result) != 0 || write_failed) return fail("cannot write result.bin");
    printf("VIGIL-TEST-DONE %lu %08lx\n", (unsigned long)words, (unsigned long)fnv);
    return 0;
}

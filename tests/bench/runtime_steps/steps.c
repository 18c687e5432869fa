/* Per-step cost of the FFT-bands pipeline on one axis of a 3-axis x 256-sample signal, for
 * tests/bench/runtime_steps/run: each step runs between two calls of steps_mark(), whose entry
 * the QEMU plugin (probes/qemu-icount) reports with the instruction count so far. The step
 * names are printed in the same order as the marks, so the runner can pair them.
 * Only functions of the runtime's internal step API (preprocess.h) and vigil_features_extract
 * are called, the fused ones of 0.1 (rotor twiddles) only with STEPS_FUSED and those of 0.2
 * (twiddle table, hann_load.h) only with STEPS_TABLE: the same firmware measures an older
 * runtime (an exported revision) for comparison. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "feature_pipeline.h"
#include "preprocess.h"
#include "vigil_core.h"
#include "vigil_math.h"
#ifdef STEPS_TABLE
#include "hann_load.h"
#endif

#define AXES 3u
#define LENGTH 256u
#define BANDS 8u

void steps_mark(void); /* steps_mark.c: its own translation unit, never inlined */

static float signal[AXES * LENGTH];
static float work[LENGTH];
static float features[AXES * BANDS];
static uint64_t scratch[LENGTH / 2u];
#ifdef STEPS_TABLE
static float tw[LENGTH / 4u + 1u];
#endif

static void fill(void) {
    uint32_t x = 2463534242u, i;
    for (i = 0; i < AXES * LENGTH; ++i) { /* xorshift32 noise plus an offset: a non-zero mean */
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        signal[i] = 0.25f + (float)(int32_t)(x >> 20) * (1.0f / 2048.0f);
    }
}

/* Names are printed at the end: a printf between two marks would be counted. */
static const char *names[16];
static uint32_t steps;

static void step(const char *name) {
    names[steps++] = name;
    steps_mark();
}

int main(void) {
    vigil_recipe r = {0};
    uint16_t edges[BANDS + 1u];
    volatile int finite;
    float checksum = 0.0f;
    uint32_t bits;
    uint32_t i;
    fill();
    r.version = VIGIL_RECIPE_VERSION;
    r.axes = AXES;
    r.length = LENGTH;
    r.min_learn = 20;
    r.detrend = VIGIL_DETREND_MEAN;
    r.decimation = 1;
    r.window = VIGIL_WINDOW_HANN;
    r.features = VIGIL_FEAT_BANDS_LOG;
    r.log_magnitude = 1;
    r.bands = BANDS;
    r.standardize = 1;
    vigil_band_edges_log(LENGTH, BANDS, edges);

    step("nan-check-768");
    finite = vigil_all_finite(signal, AXES * LENGTH);
    step("extract-axis");
    vigil_decimate_axis(signal, AXES, LENGTH, 1u, 1u, work);
    step("remove-mean");
    vigil_remove_mean(work, LENGTH);
    step("hann");
    vigil_hann_apply(work, LENGTH);
    step("real-fft-256");
    vigil_rfft(work, LENGTH);
#ifdef STEPS_TABLE /* 0.2: twiddle table, fused load + first stage, power split */
    step("twiddle-table-256");
    vigil_twiddles(LENGTH, tw);
    step("fused-load+stage1");
    (void)vigil_hann_stage1_load(signal + 1u, AXES, signal[1], LENGTH, tw, 1, work);
    step("fft-stages-128-after-load");
    vigil_fft_stages(work, LENGTH / 2u, tw, 1);
    step("split-powers");
    vigil_rfft_split_power(work, LENGTH, tw, 0.0f);
    step("band-sums-8-log");
    vigil_band_powers(work, LENGTH, edges, BANDS, features);
    step("real-fft-256-again"); /* the packed spectrum again, for the next step */
    vigil_decimate_axis(signal, AXES, LENGTH, 1u, 1u, work);
    vigil_rfft(work, LENGTH);
#endif
#ifdef STEPS_FUSED /* the runtime has the fused spectral path (set by run when it does) */
    step("fused-mean+hann-load");
    vigil_hann_load_bitreversed(signal + 1u, AXES, vigil_strided_mean(signal + 1u, AXES, LENGTH), LENGTH, work);
    step("real-fft-256-permuted-in");
    vigil_rfft_bitreversed(work, LENGTH);
#endif
    step("band-energies-8-log");
    vigil_band_energies(work, LENGTH, edges, BANDS, features);
    step("log1p-8");
    for (i = 0; i < BANDS; ++i) features[i] = vigil_log1pf(features[i]);
    step("features-extract-3-axes");
    if (vigil_features_extract(&r, signal, features, scratch, sizeof scratch) != VIGIL_OK) return 2;
    step("end");
    for (i = 0; i < steps; ++i) printf("step %s\n", names[i]);
    for (i = 0; i < AXES * BANDS; ++i) checksum += features[i];
    memcpy(&bits, &checksum, sizeof bits);
    printf("finite %d feature-sum-bits %08lx\nSTEPS-DONE\n", finite, (unsigned long)bits);
    return 0;
}

/* The Vigil test harness: runs jobs (recipe + signals) through the reentrant core and writes
 * every status and similarity (exact float bits and the rounded uint8) to a result file.
 * The same C99 source runs on the host (plain stdio) and on every Cortex-M core under QEMU
 * (stdio over semihosting), so comparing the two result files byte for byte proves the host
 * and the target compute the same thing. Formats: docs/targets.md ("Job and result files"). */
#ifndef VIGIL_HARNESS_H
#define VIGIL_HARNESS_H

#include <stdint.h>

/* Job file: "VGJ1", u32 job count, u32 encoded recipe size (must be VIGIL_RECIPE_ENCODED_SIZE),
 * then per job (all little-endian):
 *   recipe (VIGIL_RECIPE_ENCODED_SIZE bytes, vigil_recipe_encode), u32 learn count,
 *   u32 detect count, u32 flags (VIGIL_JOB_*), f32 sensitivity (used with the flag),
 *   then (learn + detect) signals of axes x length f32, interleaved per sample. */
#define VIGIL_JOB_MAGIC "VGJ1"
#define VIGIL_JOB_HEADER_BYTES 16u           /* per job, after the recipe */
#define VIGIL_JOB_SENSITIVITY (1u << 0)       /* call set_sensitivity before detecting */
#define VIGIL_JOB_KNOWLEDGE (1u << 1)         /* save / forget / corrupt-load / load / detect again */
#define VIGIL_JOB_KNOWN_FLAGS (VIGIL_JOB_SENSITIVITY | VIGIL_JOB_KNOWLEDGE)

/* Result file: u32 words, little-endian, starting with this magic and the job count. */
#define VIGIL_RESULT_MAGIC 0x31524756u /* "VGR1" */

/* Printed last, only after the result file is complete: the runner requires it. */
#define VIGIL_HARNESS_DONE "VIGIL-HARNESS-DONE"

/* Runs every job of job_path and writes result_path. 0 on success (and the completion line is
 * printed); otherwise an error naming the file, job and byte offset is printed to stderr and
 * the return value is non-zero. */
int vigil_harness_run(const char *job_path, const char *result_path);

/* Called right before and right after each measured vigil_model_learn / vigil_model_detect.
 * Does nothing: the instruction-counting QEMU plugin watches its address (run-qemu
 * --mark-symbol vigil_harness_mark). Kept in its own file so it is never inlined. */
void vigil_harness_mark(void);

#endif

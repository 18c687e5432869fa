/* The harness proper (see harness.h for the contract, docs/targets.md for the formats).
 *
 * Memory: one static arena holds the model state, the knowledge blob and one signal; signals
 * are streamed from the job file one at a time, so the harness runs on microbit's 16 KiB.
 * Output goes through a small buffer of our own and the FILEs are unbuffered: newlib would
 * otherwise malloc 1 KiB per FILE, and each semihosting call is a trap. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "vigil_core.h"

#ifndef VIGIL_HARNESS_ARENA_BYTES
#define VIGIL_HARNESS_ARENA_BYTES (1024u * 1024u) /* host default; firmware sets it per machine */
#endif

static uint64_t arena[VIGIL_HARNESS_ARENA_BYTES / 8u]; /* 8-byte aligned, as the core requires */

typedef struct {
    FILE *in;
    const char *job_path;
    long offset; /* bytes consumed from the job file, for error messages */
    FILE *out;
    const char *result_path;
    uint8_t buffer[256];
    size_t used;
    uint32_t words;
    uint32_t fnv; /* FNV-1a 32 of every byte written, printed in the completion line */
    int failed;
} harness_io;

static void put_u32(harness_io *io, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        uint8_t b = (uint8_t)(v >> (8 * i));
        io->fnv = (io->fnv ^ b) * 16777619u;
        io->buffer[io->used++] = b;
    }
    io->words++;
    if (io->used == sizeof io->buffer) {
        if (fwrite(io->buffer, 1, io->used, io->out) != io->used) {
            io->failed = 1;
        }
        io->used = 0;
    }
}

static uint32_t float_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static int read_bytes(harness_io *io, void *dst, size_t n, unsigned job, const char *what)
{
    size_t got = fread(dst, 1, n, io->in);
    if (got != n) {
        fprintf(stderr, "%s: byte %ld: job %u: truncated %s (needed %lu bytes, got %lu)\n", io->job_path,
                io->offset, job, what, (unsigned long)n, (unsigned long)got);
        return -1;
    }
    io->offset += (long)n;
    return 0;
}

/* Reads one signal of n floats (little-endian f32) into dst, in place. */
static int read_signal(harness_io *io, float *dst, size_t n, unsigned job, const char *what)
{
    if (read_bytes(io, dst, n * 4u, job, what) != 0) {
        return -1;
    }
    uint8_t *bytes = (uint8_t *)dst;
    for (size_t i = 0; i < n; i++) { /* each float is read before it is overwritten */
        uint32_t u = le32(bytes + 4u * i);
        memcpy(&dst[i], &u, sizeof u);
    }
    return 0;
}

static uint32_t fnv1a(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 16777619u;
    }
    return h;
}

/* Detect on one signal: exact similarity (status + float bits), then the rounded one. */
static void detect_one(harness_io *io, void *state, const float *signal, int measured)
{
    float similarity = -1.0f;
    uint8_t rounded = 255u;
    vigil_status s1 = vigil_model_similarity(state, signal, &similarity);
    if (measured) {
        vigil_harness_mark();
    }
    vigil_status s2 = vigil_model_detect(state, signal, &rounded);
    if (measured) {
        vigil_harness_mark();
    }
    put_u32(io, (uint32_t)s1);
    put_u32(io, float_bits(similarity));
    put_u32(io, (uint32_t)s2);
    put_u32(io, rounded);
}

static int run_job(harness_io *io, unsigned job)
{
    uint8_t header[VIGIL_RECIPE_ENCODED_SIZE + VIGIL_JOB_HEADER_BYTES];
    if (read_bytes(io, header, sizeof header, job, "job header") != 0) {
        return -1;
    }
    vigil_recipe recipe;
    vigil_status decoded = vigil_recipe_decode(header, &recipe);
    const uint8_t *h = header + VIGIL_RECIPE_ENCODED_SIZE;
    uint32_t n_learn = le32(h), n_detect = le32(h + 4), flags = le32(h + 8);
    float sensitivity;
    uint32_t sensitivity_bits = le32(h + 12);
    memcpy(&sensitivity, &sensitivity_bits, sizeof sensitivity);
    if (decoded != VIGIL_OK) {
        fprintf(stderr, "%s: byte %ld: job %u: the recipe does not decode (status %d)\n", io->job_path,
                io->offset - (long)sizeof header, job, (int)decoded);
        return -1;
    }
    if ((flags & ~VIGIL_JOB_KNOWN_FLAGS) != 0u) {
        fprintf(stderr, "%s: byte %ld: job %u: unknown flags 0x%lx\n", io->job_path, io->offset - 8, job,
                (unsigned long)flags);
        return -1;
    }

    size_t samples = (size_t)recipe.axes * recipe.length;
    size_t state_size = vigil_model_state_size(&recipe);
    size_t state_bytes = (state_size + 7u) & ~(size_t)7u;
    size_t signal_bytes = (samples * sizeof(float) + 7u) & ~(size_t)7u;
    if (state_size == 0u || state_bytes + signal_bytes > sizeof arena) {
        fprintf(stderr, "%s: job %u: needs %lu bytes of state + %lu of signal, the arena has %lu\n", io->job_path,
                job, (unsigned long)state_size, (unsigned long)signal_bytes, (unsigned long)sizeof arena);
        return -1;
    }
    uint8_t *base = (uint8_t *)arena;
    void *state = base;
    float *signal = (float *)(base + state_bytes);
    uint8_t *blob = base + state_bytes + signal_bytes;
    size_t blob_room = sizeof arena - state_bytes - signal_bytes;

    put_u32(io, vigil_recipe_id(&recipe));
    put_u32(io, (uint32_t)state_size);
    uint16_t features = vigil_recipe_feature_count(&recipe);
    const vigil_family_ops *family = vigil_family_get(recipe.model.family);
    put_u32(io, features);
    /* The model's own share of the state (the rest is preprocessing scratch, standardisation
     * and calibration): reported separately by the runtime benchmark. */
    put_u32(io, family != NULL ? (uint32_t)family->state_size(&recipe.model, features) : 0u);
    put_u32(io, (uint32_t)vigil_model_init(state, state_size, &recipe));

    for (uint32_t i = 0; i < n_learn; i++) {
        if (read_signal(io, signal, samples, job, "learn signal") != 0) {
            return -1;
        }
        if (i == 0u) { /* detect before any learning must be refused */
            uint8_t unused = 0u;
            put_u32(io, (uint32_t)vigil_model_detect(state, signal, &unused));
        }
        vigil_harness_mark();
        vigil_status s = vigil_model_learn(state, signal);
        vigil_harness_mark();
        put_u32(io, (uint32_t)s);
    }
    put_u32(io, vigil_model_learn_count(state));
    if (flags & VIGIL_JOB_SENSITIVITY) {
        put_u32(io, (uint32_t)vigil_model_set_sensitivity(state, sensitivity));
        put_u32(io, float_bits(vigil_model_get_sensitivity(state)));
    }
    long detects_at = io->offset;
    for (uint32_t i = 0; i < n_detect; i++) {
        if (read_signal(io, signal, samples, job, "detect signal") != 0) {
            return -1;
        }
        detect_one(io, state, signal, 1);
    }

    if (flags & VIGIL_JOB_KNOWLEDGE) {
        size_t kb = vigil_model_knowledge_size(state);
        put_u32(io, (uint32_t)kb);
        if (kb == 0u || kb > blob_room) {
            fprintf(stderr, "%s: job %u: knowledge of %lu bytes, the arena has %lu left\n", io->job_path, job,
                    (unsigned long)kb, (unsigned long)blob_room);
            return -1;
        }
        put_u32(io, (uint32_t)vigil_model_knowledge_save(state, blob, kb));
        put_u32(io, fnv1a(blob, kb));
        /* Forget, then a corrupted blob must be refused, then the real one restores. */
        put_u32(io, (uint32_t)vigil_model_init(state, state_size, &recipe));
        blob[kb / 2u] ^= 0x5Au;
        put_u32(io, (uint32_t)vigil_model_knowledge_load(state, blob, kb));
        blob[kb / 2u] ^= 0x5Au;
        put_u32(io, (uint32_t)vigil_model_knowledge_load(state, blob, kb));
        put_u32(io, vigil_model_learn_count(state));
        if (fseek(io->in, detects_at, SEEK_SET) != 0) {
            fprintf(stderr, "%s: job %u: cannot seek back to byte %ld\n", io->job_path, job, detects_at);
            return -1;
        }
        io->offset = detects_at;
        for (uint32_t i = 0; i < n_detect; i++) {
            if (read_signal(io, signal, samples, job, "detect signal") != 0) {
                return -1;
            }
            detect_one(io, state, signal, 0);
        }
    }
    return 0;
}

int vigil_harness_run(const char *job_path, const char *result_path)
{
    static harness_io io; /* static: keeps 300 bytes off microbit's small stack */
    memset(&io, 0, sizeof io);
    io.job_path = job_path;
    io.result_path = result_path;
    io.fnv = 2166136261u;
    io.in = fopen(job_path, "rb");
    if (io.in == NULL) {
        fprintf(stderr, "%s: cannot open the job file\n", job_path);
        return 2;
    }
    setvbuf(io.in, NULL, _IONBF, 0);
    uint8_t head[12];
    if (read_bytes(&io, head, sizeof head, 0u, "file header") != 0 || memcmp(head, VIGIL_JOB_MAGIC, 4) != 0) {
        fprintf(stderr, "%s: byte 0: not a Vigil job file (expected magic %s)\n", job_path, VIGIL_JOB_MAGIC);
        fclose(io.in);
        return 2;
    }
    uint32_t jobs = le32(head + 4);
    if (le32(head + 8) != VIGIL_RECIPE_ENCODED_SIZE) { /* generator and runtime disagree */
        fprintf(stderr, "%s: byte 8: recipes of %lu bytes, this runtime encodes %u\n", job_path,
                (unsigned long)le32(head + 8), (unsigned)VIGIL_RECIPE_ENCODED_SIZE);
        fclose(io.in);
        return 2;
    }
    io.out = fopen(result_path, "wb");
    if (io.out == NULL) {
        fprintf(stderr, "%s: cannot create the result file\n", result_path);
        fclose(io.in);
        return 2;
    }
    setvbuf(io.out, NULL, _IONBF, 0);
    put_u32(&io, VIGIL_RESULT_MAGIC);
    put_u32(&io, jobs);
    int rc = 0;
    for (uint32_t j = 0; j < jobs && rc == 0; j++) {
        rc = run_job(&io, (unsigned)j);
    }
    if (rc == 0) {
        char extra;
        if (fread(&extra, 1, 1, io.in) != 0) {
            fprintf(stderr, "%s: byte %ld: trailing data after %lu jobs\n", job_path, io.offset,
                    (unsigned long)jobs);
            rc = 3;
        }
    }
    if (io.used > 0u && fwrite(io.buffer, 1, io.used, io.out) != io.used) {
        io.failed = 1;
    }
    fclose(io.in);
    if (fclose(io.out) != 0 || io.failed) {
        fprintf(stderr, "%s: write failed\n", result_path);
        rc = 4;
    }
    if (rc != 0) {
        remove(result_path); /* nothing half-written */
        return rc;
    }
    printf("%s %lu %08lx\n", VIGIL_HARNESS_DONE, (unsigned long)io.words, (unsigned long)io.fnv);
    return 0;
}

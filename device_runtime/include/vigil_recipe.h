/* A recipe: the small, versioned, serialisable description of one library (DESIGN.md,
 * principle 2). The runtime interprets it at run time on the host and from a const struct in
 * flash on the target. Plain fixed-size fields only: no pointers, so it can be encoded,
 * hashed and baked as-is. */
#ifndef VIGIL_RECIPE_H
#define VIGIL_RECIPE_H

#include "vigil_family.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VIGIL_RECIPE_VERSION 2u  /* 1: no arithmetic field (decoded as float) */
#define VIGIL_MAX_AXES 16u
#define VIGIL_MAX_LENGTH 16384u   /* samples per axis */
#define VIGIL_MAX_BANDS 64u
#define VIGIL_MAX_FEATURES 2048u  /* features per signal, all axes */
#define VIGIL_MIN_LEARN_FLOOR 4u  /* smallest min_learn: calibration needs scored learn calls */

typedef enum { VIGIL_DETREND_NONE = 0, VIGIL_DETREND_MEAN, VIGIL_DETREND_LINEAR } vigil_detrend;
typedef enum { VIGIL_SCALING_NONE = 0, VIGIL_SCALING_PER_SIGNAL, VIGIL_SCALING_LEARNED } vigil_scaling;
typedef enum { VIGIL_WINDOW_NONE = 0, VIGIL_WINDOW_HANN } vigil_window;
/* The arithmetic of the spectral preprocessing. FIXED: integer (Q15 block floating point)
 * load, window, FFT and band sums, then float from the band energies on (docs/runtime.md,
 * "Fixed-point path"); for cores without an FPU, where it is ~10x cheaper. Only for band
 * features of a power-of-two length read directly (see vigil_recipe_validate). */
typedef enum { VIGIL_ARITH_FLOAT = 0, VIGIL_ARITH_FIXED = 1 } vigil_arithmetic;

/* Feature blocks, combinable (bitmask); at least one must be set. */
enum {
    VIGIL_FEAT_STATS = 1u << 0,        /* per axis: RMS, std, peak-to-peak, crest, skewness, kurtosis, zero-crossing rate */
    VIGIL_FEAT_SPECTRUM = 1u << 1,     /* per axis: magnitude spectrum bins */
    VIGIL_FEAT_BANDS_LINEAR = 1u << 2, /* per axis: energies in `bands` equal-width bands */
    VIGIL_FEAT_BANDS_LOG = 1u << 3,    /* per axis: energies in `bands` log-spaced bands */
    VIGIL_FEAT_VALUES = 1u << 4,       /* per axis: the (decimated = pooled) values themselves, e.g. a spectrum's bins */
    VIGIL_FEAT_TRENDS = 1u << 5,       /* per axis: level, spread, change along the line, range, last minus first */
    VIGIL_FEAT_CROSS = 1u << 6         /* per signal (axes >= 2): level differences and correlations of every pair of axes */
};

typedef struct {
    uint16_t version;      /* VIGIL_RECIPE_VERSION */
    uint16_t axes;         /* 1..VIGIL_MAX_AXES */
    uint16_t length;       /* samples per axis in one signal */
    uint16_t min_learn;    /* learn calls before LEARNING_DONE and before detect is allowed */
    uint32_t seed;         /* initialisation of randomised models (trees, projections) */
    /* preprocessing */
    uint8_t detrend;       /* vigil_detrend */
    uint8_t scaling;       /* vigil_scaling */
    uint8_t decimation;    /* 1, 2, 4 or 8 */
    uint8_t window;        /* vigil_window (spectral features only) */
    uint8_t features;      /* VIGIL_FEAT_* bitmask */
    uint8_t log_magnitude; /* 1: log(1 + x) on spectral features */
    uint8_t bands;         /* bands per axis for the band features */
    uint8_t standardize;   /* 1: standardise features online (Welford) before the model */
    vigil_model_params model;
    uint8_t arithmetic;    /* vigil_arithmetic (recipe version 2) */
    uint8_t spare[3];      /* must be 0 */
} vigil_recipe;

/* VIGIL_OK if the recipe is usable, VIGIL_BAD_ARGUMENT otherwise. Rules (one canonical
 * recipe per behaviour, since every field is part of the identity):
 * - version == VIGIL_RECIPE_VERSION; axes 1..VIGIL_MAX_AXES; length 1..VIGIL_MAX_LENGTH;
 *   min_learn >= VIGIL_MIN_LEARN_FLOOR; detrend, scaling, window, flags within their enums;
 * - decimation 1, 2, 4 or 8 with length / decimation >= 4, and >= 8 with spectral features;
 * - features a non-empty combination of VIGIL_FEAT_*; window only with spectral features,
 *   log_magnitude only with spectral features or VIGIL_FEAT_VALUES (0 otherwise; on values it
 *   is the signed sign(x) log(1 + |x|)); VIGIL_FEAT_CROSS only with axes >= 2; bands 1..VIGIL_MAX_BANDS and <= n/2 (n = FFT length) with
 *   band features, 0 otherwise;
 * - at most VIGIL_MAX_FEATURES features;
 * - model: a known family, reserved bytes zero, parameters the family accepts;
 * - arithmetic FLOAT or FIXED, spare bytes zero; FIXED only with band features and no other
 *   block (no statistics, no amplitude spectrum), decimation 1, no per-signal scaling, no
 *   linear detrend, and a power-of-two length.
 * Non-power-of-two lengths (after decimation) are zero-padded to the next power of two for the
 * FFT; the Hann window spans the real samples only. */
vigil_status vigil_recipe_validate(const vigil_recipe *r);

/* Number of features the preprocessing produces for this recipe (0 if invalid). */
uint16_t vigil_recipe_feature_count(const vigil_recipe *r);

/* Portable little-endian encoding with a checksum, for the host<->target harness and the
 * knowledge blob. VIGIL_RECIPE_ENCODED_SIZE bytes: the 52-byte payload (fields in declaration
 * order, u16/u32 little-endian, floats as their IEEE-754 bits) then the CRC-32 of the payload.
 * encode rejects an invalid recipe; decode rejects a bad checksum or an invalid recipe
 * (VIGIL_BAD_ARGUMENT) and writes *r only on success. Layout: docs/runtime.md.
 * Version 1 encodings (48-byte payload, VIGIL_RECIPE_ENCODED_SIZE_V1 bytes, no arithmetic
 * field) still decode, as float recipes of the current version: vigil_recipe_decode_sized takes
 * either size, vigil_recipe_decode reads the version first and only the bytes it needs. */
#define VIGIL_RECIPE_PAYLOAD_SIZE 52u
#define VIGIL_RECIPE_ENCODED_SIZE 56u
#define VIGIL_RECIPE_PAYLOAD_SIZE_V1 48u
#define VIGIL_RECIPE_ENCODED_SIZE_V1 52u
vigil_status vigil_recipe_encode(const vigil_recipe *r, uint8_t out[VIGIL_RECIPE_ENCODED_SIZE]);
vigil_status vigil_recipe_decode(const uint8_t in[VIGIL_RECIPE_ENCODED_SIZE], vigil_recipe *r);
vigil_status vigil_recipe_decode_sized(const uint8_t *in, size_t size, vigil_recipe *r);

/* A stable 32-bit identity of the recipe (0 if invalid): the CRC-32 of its encoded payload for
 * a fixed-point recipe; for a float recipe the CRC-32 of its version-1 payload (version field
 * 1), so every recipe that existed before version 2 keeps its identity, and knowledge saved by
 * an older library loads into a library compiled from the same recipe now. */
uint32_t vigil_recipe_id(const vigil_recipe *r);

#ifdef __cplusplus
}
#endif
#endif

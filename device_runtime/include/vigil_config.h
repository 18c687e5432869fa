/* Build-time configuration of the device runtime: which recipes a build can run.
 *
 * This copy allows every valid recipe; the host (engine, emulator) and the test harness are
 * built with it. `vigil compile` replaces it, in a library's sources, with one that allows only
 * that library's recipe (engine/src/packaging/baked_source.cpp), so the compiler drops every
 * step, branch and helper the recipe never reaches, and the twiddle table and band edges the
 * host computes per call become const data in flash. A generated configuration removes code,
 * never changes arithmetic: the same recipe gives the same bits with either (the fidelity suite
 * and tests/e2e_compile prove it), and vigil_recipe_validate rejects a recipe the build cannot
 * run (VIGIL_BAD_ARGUMENT).
 *
 * Masks: bit v set = value v allowed. */
#ifndef VIGIL_CONFIG_H
#define VIGIL_CONFIG_H

#define VIGIL_CFG_FEATURES 0x7Fu     /* VIGIL_FEAT_* blocks that may be requested */
#define VIGIL_CFG_DETREND 0x07u      /* 1 << vigil_detrend */
#define VIGIL_CFG_SCALING 0x07u      /* 1 << vigil_scaling */
#define VIGIL_CFG_WINDOW 0x03u       /* 1 << vigil_window */
#define VIGIL_CFG_DECIMATION 0x116u  /* 1 << decimation (1, 2, 4, 8) */
#define VIGIL_CFG_LOG_MAGNITUDE 0x03u
#define VIGIL_CFG_STANDARDIZE 0x03u
#define VIGIL_CFG_ARITHMETIC 0x03u   /* 1 << vigil_arithmetic */
#define VIGIL_CFG_MAX_AXES 16u       /* VIGIL_MAX_AXES */

/* 1: the masks above hold exactly one recipe's values (its features, one detrend, ...), and
 * VIGIL_CFG_M and VIGIL_CFG_N its samples per axis after decimation and FFT length (0: no
 * spectral features); vigil_recipe_validate then accepts only recipes with exactly those. */
#define VIGIL_CFG_ONE_RECIPE 0

/* A generated configuration also defines, for its one recipe:
 *   VIGIL_CFG_AXES, VIGIL_CFG_M, VIGIL_CFG_N, VIGIL_CFG_BANDS (with VIGIL_CFG_ONE_RECIPE);
 *   VIGIL_CFG_TWIDDLES       { cos(2 pi k / n), k = 0 .. n/4 } as computed by vigil_twiddles()
 *                            (float arithmetic);
 *   VIGIL_CFG_TWIDDLES_Q15   the same cosines in Q15, vigil_fixed_cos_q15() (fixed arithmetic);
 *   VIGIL_CFG_EDGES_LINEAR   { band edges } as computed by vigil_band_edges_linear();
 *   VIGIL_CFG_EDGES_LOG      { band edges } as computed by vigil_band_edges_log(). */

#endif

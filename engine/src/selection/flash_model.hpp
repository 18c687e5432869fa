// The fitted flash model (internal; see flash_model.cpp for its origin and its bound).
#pragma once

#include <array>
#include <cstddef>

#include "vigil_recipe.h"

namespace vigil::engine::selection {

// What a recipe links, as terms of an additive model: the library's flash is a base plus a part
// per feature block, step and family the recipe uses (0 or 1; a few interactions where code is
// shared: the float FFT behind spectrum and bands, log(1 + x) on each path), plus the constant
// tables whose size follows the recipe (twiddles, band edges), counted exactly.
enum FlashTerm : size_t {
    kTermBase,
    kTermStats,
    kTermSpectrum,
    kTermBandsLinear,
    kTermBandsLog,
    kTermValues,
    kTermTrends,
    kTermCross,
    kTermFloatFft,
    kTermFixed,
    kTermDetrendMean,
    kTermDetrendLinear,
    kTermScalingPerSignal,
    kTermScalingLearned,
    kTermHann,
    kTermLogSpectral,
    kTermLogValues,
    kTermLogFixed,
    kTermStandardize,
    kTermDecimation,
    kTermMahalanobis,  // the families, against the Gaussian
    kTermKmeans,
    kTermKnn,
    kTermPca,
    kTermHstrees,
    kTermOselm,
    kTermLof,
    kFlashTerms
};
using FlashTerms = std::array<double, kFlashTerms>;

FlashTerms flash_terms(const vigil_recipe& recipe);
// Bytes of the recipe's constant tables (vigil_config.h of its compiled library): the twiddles,
// n/4 + 1 cosines (float, or Q15 on the fixed path), and the edges of each band block.
double flash_table_bytes(const vigil_recipe& recipe);

// The model's bound for the core at `core_index` in kAllCores: the fitted sum + the tables + the
// core's margin.
size_t flash_model_bound(size_t core_index, const vigil_recipe& recipe);

}  // namespace vigil::engine::selection

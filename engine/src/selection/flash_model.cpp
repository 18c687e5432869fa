// Fitted flash of a compiled library, per core in the order of kAllCores (m0plus, m3, m4,
// m4-soft, m7, m7-soft, m33). Produced with the stack table (stack_table.cpp) by
//
//   cmake --build --preset release --target measure_footprint_tables
//   build/release/tests/unit/selection/measure_footprint_tables
//
// which builds libraries exactly as `vigil compile` does and measures their flash as the zip's
// metadata.json states it (what libvigil.a adds to example/main.c, libgcc/libm helpers
// included). The constant tables are counted exactly (flash_table_bytes); the coefficients are
// a least-squares fit of the terms of flash_model.hpp to the rest, over the family, feature and
// half the random libraries the tool builds; the margin is the largest amount by which a
// measured library exceeded the estimate, over those and over the other half of the random
// candidates (three signal shapes), left out of the fit. So the estimate is a bound on every
// library the tool saw, and close: the fit's errors come from code shared between steps and
// families (libgcc's soft-float helpers on cores without an FPU are linked once, not per step).
// The test "flash and stack bounds hold for compiled libraries" re-measures a sample when the
// toolchain is present: a runtime change that grows the code makes it fail, and the tables must
// be regenerated.
#include "flash_model.hpp"

#include <algorithm>
#include <cmath>

namespace vigil::engine::selection {
namespace {

using Coefficients = std::array<int, kFlashTerms>;

// margin, per core
constexpr std::array<int, 7> kFlashMargin = {528, 528, 464, 528, 480, 544, 464};

// coefficients per core (rows in the order of kAllCores), in the order of FlashTerm (bytes):
// base, stats, spectrum, bands linear, bands log, values, trends, cross, float FFT, fixed path,
// detrend mean, detrend linear, per-signal scaling, learned scaling, Hann, log on the float
// spectrum, log on values, log on the fixed path, standardisation, decimation, then the
// families against the Gaussian: mahalanobis, kmeans, knn, pca, hstrees, oselm, lof
constexpr Coefficients kFlashCoefficients[7] = {
    {3190, 589, 1049, 1118, 1126, 399, 444, 542, 1001, 2291, 174, 359, 142, 653, -30, 214, -79, -13, 202, 216, 908, 516, 416, 771, 1196, 1241, 1166},
    {2810, 593, 1009, 1068, 1074, 399, 455, 543, 1074, 2078, 175, 379, 169, 669, -18, 219, -70, -6, 224, 215, 927, 503, 297, 841, 1080, 1233, 1026},
    {2013, 469, 928, 910, 918, 315, 350, 518, 516, 2240, 141, 323, 158, 509, -16, 141, -55, -10, 173, 168, 797, 535, 338, 684, 1070, 1105, 1011},
    {2814, 589, 1007, 1064, 1070, 396, 454, 541, 1071, 2069, 173, 378, 171, 676, -17, 223, -68, -9, 225, 213, 927, 498, 302, 840, 1077, 1236, 1034},
    {2008, 466, 937, 914, 923, 315, 355, 520, 495, 2279, 140, 320, 154, 507, -5, 136, -61, 4, 181, 173, 793, 533, 335, 691, 1060, 1100, 1018},
    {2818, 592, 1019, 1071, 1079, 394, 449, 539, 1061, 2108, 173, 377, 165, 672, -19, 219, -68, -11, 228, 215, 923, 499, 298, 838, 1086, 1230, 1027},
    {2015, 467, 926, 909, 918, 309, 352, 517, 511, 2242, 140, 323, 157, 507, -15, 138, -56, -8, 171, 172, 797, 535, 335, 686, 1066, 1102, 1007},
};

bool has(const vigil_recipe& r, unsigned feature) { return (r.features & feature) != 0; }

}  // namespace

FlashTerms flash_terms(const vigil_recipe& r) {
    FlashTerms t{};
    const bool fixed = r.arithmetic == VIGIL_ARITH_FIXED;
    const bool spectral = has(r, VIGIL_FEAT_SPECTRUM | VIGIL_FEAT_BANDS_LINEAR | VIGIL_FEAT_BANDS_LOG);
    t[kTermBase] = 1;
    t[kTermStats] = has(r, VIGIL_FEAT_STATS);
    t[kTermSpectrum] = has(r, VIGIL_FEAT_SPECTRUM);
    t[kTermBandsLinear] = has(r, VIGIL_FEAT_BANDS_LINEAR);
    t[kTermBandsLog] = has(r, VIGIL_FEAT_BANDS_LOG);
    t[kTermValues] = has(r, VIGIL_FEAT_VALUES);
    t[kTermTrends] = has(r, VIGIL_FEAT_TRENDS);
    t[kTermCross] = has(r, VIGIL_FEAT_CROSS);
    t[kTermFloatFft] = spectral && !fixed;
    t[kTermFixed] = fixed;
    t[kTermDetrendMean] = r.detrend == VIGIL_DETREND_MEAN;
    t[kTermDetrendLinear] = r.detrend == VIGIL_DETREND_LINEAR;
    t[kTermScalingPerSignal] = r.scaling == VIGIL_SCALING_PER_SIGNAL;
    t[kTermScalingLearned] = r.scaling == VIGIL_SCALING_LEARNED;
    t[kTermHann] = r.window == VIGIL_WINDOW_HANN;
    t[kTermLogSpectral] = r.log_magnitude && spectral && !fixed;
    t[kTermLogValues] = r.log_magnitude && has(r, VIGIL_FEAT_VALUES);
    t[kTermLogFixed] = r.log_magnitude && fixed;
    t[kTermStandardize] = r.standardize != 0;
    t[kTermDecimation] = r.decimation > 1;
    const FlashTerm family[] = {kTermBase, kTermMahalanobis, kTermKmeans, kTermKnn,
                                kTermPca,  kTermHstrees,     kTermOselm,  kTermLof};
    if (r.model.family > 0 && r.model.family < std::size(family)) t[family[r.model.family]] = 1;
    return t;
}

double flash_table_bytes(const vigil_recipe& r) {
    double bytes = 0;
    if (has(r, VIGIL_FEAT_SPECTRUM | VIGIL_FEAT_BANDS_LINEAR | VIGIL_FEAT_BANDS_LOG)) {
        uint32_t n = 1;  // the FFT length: the decimated length, up to a power of two
        while (n < r.length / r.decimation) n <<= 1;
        bytes += (n / 4 + 1) * (r.arithmetic == VIGIL_ARITH_FIXED ? 2.0 : 4.0);
    }
    const int band_blocks = int(has(r, VIGIL_FEAT_BANDS_LINEAR)) + int(has(r, VIGIL_FEAT_BANDS_LOG));
    return bytes + band_blocks * 2.0 * (r.bands + 1);
}

size_t flash_model_bound(size_t core_index, const vigil_recipe& r) {
    const FlashTerms t = flash_terms(r);
    double sum = flash_table_bytes(r);
    for (size_t k = 0; k < kFlashTerms; ++k) sum += t[k] * kFlashCoefficients[core_index][k];
    return size_t(std::max(0.0, std::round(sum))) + size_t(kFlashMargin[core_index]);
}

}  // namespace vigil::engine::selection

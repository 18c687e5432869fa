// RAM, flash and instructions of a recipe (footprint.hpp; formulas in docs/selection.md).
#include "vigil/engine/selection/footprint.hpp"

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "flash_model.hpp"
#include "stack_table.hpp"
#include "vigil_core.h"

namespace vigil::engine::selection {
namespace {

constexpr std::array<std::string_view, 7> kCoreNames{"m0plus", "m3", "m4", "m4-soft", "m7", "m7-soft", "m33"};

bool spectral(const vigil_recipe& r) {
    return (r.features & (VIGIL_FEAT_SPECTRUM | VIGIL_FEAT_BANDS_LINEAR | VIGIL_FEAT_BANDS_LOG)) != 0;
}

uint32_t next_pow2(uint32_t n) {
    uint32_t p = 1;
    while (p < n) p <<= 1;
    return p;
}

}  // namespace

std::string_view core_name(Core core) { return kCoreNames[static_cast<size_t>(core)]; }

std::optional<Core> core_from_name(std::string_view name) {
    for (size_t i = 0; i < kCoreNames.size(); ++i)
        if (kCoreNames[i] == name) return static_cast<Core>(i);
    return std::nullopt;
}

// Operation counts per detect (docs/selection.md, "Cost model"): additions, multiplications,
// comparisons and loads count 1, a division or square root 14 (VDIV/VSQRT on the M4), an
// exp/log from vigil_math 40. Instructions = 1.5 x operations (loop, load/store overhead) on a
// core with an FPU. Without one (core_has_fpu), every float operation is a libgcc call: the
// float operations count soft_float each, the integer ones (the fixed-point spectral path)
// soft_int, calibrated on tests/bench/runtime/run's FFT-bands + Gaussian library, float and
// fixed, runtime 0.4.0 (docs/benchmarks.md): M0+ 1,743,253 ~ 65 x 26,528 float operations,
// 147,592 = 65 x 260 + 3.08 x 42,480 integer ones; M3 938,817 ~ 35 x 26,528, 103,809 =
// 35 x 260 + 2.23 x 42,480. Thumb-1 (M0+) needs more instructions per integer operation than
// Thumb-2 (M3 and the soft-float builds of M4/M7).
namespace {
struct Ops {
    double floating = 0, integer = 0;
};
Ops count_ops(const vigil_recipe& r);
}  // namespace

bool core_has_fpu(Core core) {
    return core == Core::m4 || core == Core::m7 || core == Core::m33;
}

double estimate_instructions_per_detect(const vigil_recipe& r, Core core) {
    if (vigil_recipe_validate(&r) != VIGIL_OK)
        throw std::invalid_argument("estimate_instructions_per_detect: invalid recipe");
    const Ops o = count_ops(r);
    if (core_has_fpu(core)) return std::round(1.5 * (o.floating + o.integer));
    const bool thumb1 = core == Core::m0plus;
    const double soft_float = thumb1 ? 65.0 : 35.0, soft_int = thumb1 ? 3.08 : 2.23;
    return std::round(soft_float * o.floating + soft_int * o.integer);
}

double estimate_instructions_per_detect(const vigil_recipe& r) {
    return estimate_instructions_per_detect(r, Core::m4);
}

namespace {
Ops count_ops(const vigil_recipe& r) {
    constexpr double kDiv = 14, kExp = 40;
    const double axes = r.axes, len = r.length;
    const double m = std::floor(len / r.decimation);
    const double n = spectral(r) ? next_pow2(static_cast<uint32_t>(m)) : 0;
    const double dim = vigil_recipe_feature_count(&r);
    double per_axis = len + m;                                 // decimate (extract + average)
    if (r.detrend == VIGIL_DETREND_MEAN) per_axis += 2 * m;
    if (r.detrend == VIGIL_DETREND_LINEAR) per_axis += 5 * m;
    if (r.scaling == VIGIL_SCALING_PER_SIGNAL) per_axis += 3 * m + kDiv;
    if (r.features & VIGIL_FEAT_STATS) per_axis += 12 * m + 4 * kDiv;
    if (r.features & VIGIL_FEAT_TRENDS) per_axis += 8 * m + 3 * kDiv;
    if (r.features & VIGIL_FEAT_VALUES) per_axis += m;
    if (n > 0) {
        if (r.window) per_axis += 6 * m;                       // rotor-generated cosines
        per_axis += 2.5 * n * std::log2(n) + n;                // real FFT
        const double bins = n / 2 + 1;
        if (r.features & VIGIL_FEAT_SPECTRUM) per_axis += bins * (4 + kDiv);
        if (r.features & VIGIL_FEAT_BANDS_LINEAR) per_axis += bins * 4;
        if (r.features & VIGIL_FEAT_BANDS_LOG) per_axis += bins * 4;
    }
    Ops out;
    const bool fixed = r.arithmetic == VIGIL_ARITH_FIXED;
    if (fixed) {
        // integer load (two passes over the floats), centring + normalisation + Hann,
        // permutation, radix-2 FFT, split, band sums; then per band one float conversion and a
        // product, with log(1 + x) in integers (26 shift-add steps and the rest: ~130 ops)
        const double half = n / 2;
        const double bands = (r.features & VIGIL_FEAT_BANDS_LINEAR ? r.bands : 0) +
                             (r.features & VIGIL_FEAT_BANDS_LOG ? r.bands : 0);
        out.integer = axes * (12 * n + 10 * half * std::log2(half) + 12 * (n / 4) + 2 * (n / 2) + 8 * bands);
        if (r.log_magnitude) out.integer += axes * bands * 130;
        out.floating = axes * bands * 2;
        per_axis = 0;
    }
    double ops = axes * per_axis;
    if (r.features & VIGIL_FEAT_CROSS) {  // means and variances, then one pass per pair
        const double pairs = axes * (axes - 1) / 2;
        ops += 5 * axes * len + pairs * (5 * len + 2 * kDiv);
    }
    if (r.log_magnitude && !fixed) ops += dim * kExp;          // log1p per spectral or value feature (upper bound)
    if (r.standardize) ops += dim * 2;                         // (x - mean) s, s kept in the state
    else if (r.scaling == VIGIL_SCALING_LEARNED) ops += dim;   // x s
    const auto& p = r.model;
    switch (p.family) {
    case VIGIL_FAMILY_GAUSSIAN: ops += 4 * dim + kDiv; break;
    case VIGIL_FAMILY_MAHALANOBIS: ops += dim * dim + 2 * dim + kDiv; break;
    case VIGIL_FAMILY_KMEANS: ops += p.i[0] * (3 * dim + kDiv + 2); break;
    case VIGIL_FAMILY_KNN: ops += 3.0 * p.i[0] * dim + double(p.i[0]) * p.i[1] + p.i[1] * kDiv; break;
    case VIGIL_FAMILY_PCA: ops += (4.0 * p.i[0] + 3) * dim + kDiv; break;
    case VIGIL_FAMILY_HSTREES: ops += p.i[0] * (p.i[1] * 3.0 + 3 + kDiv); break;
    case VIGIL_FAMILY_OSELM: ops += p.i[0] * (4 * dim + kExp + kDiv) + 3 * dim + kDiv; break;
    case VIGIL_FAMILY_LOF:
        ops += 3.0 * p.i[0] * dim + double(p.i[0]) * p.i[1] + p.i[1] * (kDiv + 4) + 2 * kDiv;
        break;
    default: break;
    }
    ops += kExp + kDiv;  // calibration: 100 * 0.9^(score / r90)
    out.floating += ops;
    return out;
}
}  // namespace

size_t flash_bytes_bound(const vigil_recipe& r, Core core) {
    if (vigil_recipe_validate(&r) != VIGIL_OK) throw std::invalid_argument("flash_bytes_bound: invalid recipe");
    return flash_model_bound(static_cast<size_t>(core), r);
}

size_t stack_bytes_bound(const vigil_recipe& r, Core core) {
    if (vigil_recipe_validate(&r) != VIGIL_OK) throw std::invalid_argument("stack_bytes_bound: invalid recipe");
    return stack_table_bound(static_cast<size_t>(core), r);
}

Footprint footprint(const vigil_recipe& r, Core core) {
    Footprint f;
    f.state_bytes = vigil_model_state_size(&r);
    if (f.state_bytes == 0) throw std::invalid_argument("footprint: invalid recipe");
    f.stack_bytes = stack_bytes_bound(r, core);
    // The compiled library holds its state in 8-byte words (baked_source.cpp).
    f.ram_bytes = (f.state_bytes + 7) / 8 * 8 + f.stack_bytes;
    f.flash_bytes = flash_model_bound(static_cast<size_t>(core), r);
    f.instructions_per_detect = estimate_instructions_per_detect(r, core);
    return f;
}

}  // namespace vigil::engine::selection

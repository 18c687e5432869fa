// Measures the selection's footprint tables with the real toolchain: the stack table
// (engine/src/selection/stack_table.cpp) and the flash model (flash_model.cpp). For each core,
// libraries are built exactly as `vigil compile` builds them (packaging::measure_library): their
// flash as metadata.json states it, and the deepest stack of their vigil_* calls from the linked
// call graph. Prints both tables' initialisers, to paste into the two files (about 4 minutes
// per core on two cores).
//
//   build/release/tests/unit/selection/measure_footprint_tables [--save FILE] [--load FILE] [core ...]
//
// (default: every core). --save appends every measured library to FILE (a line each: core,
// recipe key, flash, stack); --load takes them from such a file instead of building them, so
// the tables can be fitted again (after a change of flash_model.hpp's terms) in a second.
//
// The libraries, per core:
//   - family libraries: every model setting of the default candidate space (LOF: the runtime
//     benchmark's) with the lightest pipeline (statistics, nothing learned before the model);
//   - feature libraries: per feature set and arithmetic of the candidate space, up to kPerClass
//     of its preprocessing groups, evenly spaced, with the first Gaussian;
//   - random libraries: kRandom candidates drawn at random from three signal shapes.
// Stack: the family part is the family's deepest (family libraries), the feature part the
// deepest of the feature set (feature libraries), the margin the largest excess of any library
// over max(family part, feature part), rounded up to 8 B.
// Flash: the constant tables counted exactly, and a least-squares fit of flash_model.hpp's
// terms to the rest, over the family, feature and half the random libraries; the margin is the largest excess of any library (the other half included)
// over the fit, rounded up to 16 B.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <future>
#include <map>
#include <optional>
#include <stdexcept>
#include <random>
#include <string>
#include <vector>

#include "flash_model.hpp"
#include "vigil/engine/packaging/library_build.hpp"
#include "vigil/engine/selection/candidate_space.hpp"
#include "vigil/engine/selection/footprint.hpp"
#include "vigil/engine/selection/recipe_json.hpp"
#include "vigil_core.h"

namespace sel = vigil::engine::selection;
namespace pkg = vigil::engine::packaging;

namespace {

constexpr size_t kPerClass = 6;
constexpr size_t kRandom = 48;  // half in the flash fit, half left out to validate it
constexpr const char* kFamilyNames[] = {"gaussian", "mahalanobis", "kmeans", "knn",
                                        "pca",      "hstrees",     "oselm",  "lof"};

// The compile target of a cross-build variant.
pkg::Target target_of(sel::Core core) {
    switch (core) {
        case sel::Core::m0plus: return pkg::resolve_target("cortex-m0plus", "soft");
        case sel::Core::m3: return pkg::resolve_target("cortex-m3", "soft");
        case sel::Core::m4: return pkg::resolve_target("cortex-m4", "hard");
        case sel::Core::m4_soft: return pkg::resolve_target("cortex-m4", "soft");
        case sel::Core::m7: return pkg::resolve_target("cortex-m7", "hard");
        case sel::Core::m7_soft: return pkg::resolve_target("cortex-m7", "soft");
        case sel::Core::m33: return pkg::resolve_target("cortex-m33", "hard");
    }
    return pkg::resolve_target("cortex-m4", "hard");
}

// Measurements saved by an earlier run (--load): core name + recipe key -> flash, stack.
using Saved = std::map<std::string, pkg::LibraryMeasure>;

Saved load_saved(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    Saved saved;
    std::string core, key;
    pkg::LibraryMeasure m;
    while (in >> core >> key >> m.flash_bytes >> m.stack_bytes) saved[core + " " + key] = m;
    return saved;
}

// `recipes` measured on `core`, two builds at a time, or taken from `saved`; appended to `save`.
std::vector<pkg::LibraryMeasure> measure_all(const std::vector<vigil_recipe>& recipes, sel::Core core,
                                             const Saved* saved, std::ofstream* save) {
    const std::string name(sel::core_name(core));
    std::vector<pkg::LibraryMeasure> out(recipes.size());
    if (saved) {
        for (size_t i = 0; i < recipes.size(); ++i) {
            const auto it = saved->find(name + " " + sel::recipe_key(recipes[i]));
            if (it == saved->end()) throw std::runtime_error("--load: no measurement of a library for " + name);
            out[i] = it->second;
        }
        return out;
    }
    const pkg::Target target = target_of(core);
    for (size_t i = 0; i < recipes.size(); i += 2) {
        auto a = std::async(std::launch::async, [&, i] { return pkg::measure_library(recipes[i], target, {}, 1); });
        if (i + 1 < recipes.size()) out[i + 1] = pkg::measure_library(recipes[i + 1], target, {}, 1);
        out[i] = a.get();
        for (size_t k = i; k < std::min(i + 2, recipes.size()); ++k)
            if (save) *save << name << " " << sel::recipe_key(recipes[k]) << " " << out[k].flash_bytes << " "
                            << out[k].stack_bytes << std::endl;
    }
    return out;
}

uint16_t feature_class(const vigil_recipe& r) { return uint16_t(r.features | (r.arithmetic << 8)); }

// A space holding every path, the fixed-point ones included (they exist for cores without an FPU).
sel::CandidateSpace space_for(uint16_t axes, uint16_t length) {
    sel::SpaceOptions o;
    o.axes = axes;
    o.length = length;
    o.core = sel::Core::m0plus;
    o.max_ram_bytes = size_t{1} << 30;  // every candidate: the sample must not follow the tables it measures
    return sel::build_candidate_space(o);
}

// The runtime benchmark's LOF setting (tests/bench/runtime/recipes.txt): LOF is not in the
// default space but recipes may name it.
vigil_recipe with_lof(vigil_recipe r) {
    r.model = {};
    r.model.family = VIGIL_FAMILY_LOF;
    r.model.i[0] = 32;
    r.model.i[1] = 5;
    r.model.f[0] = 0.1f;
    return r;
}

// Least squares (normal equations, Gaussian elimination with partial pivoting; a tiny ridge
// keeps terms that no library varies at 0).
std::vector<double> fit(const std::vector<sel::FlashTerms>& x, const std::vector<double>& y) {
    const size_t n = sel::kFlashTerms;
    std::vector<std::vector<double>> a(n, std::vector<double>(n + 1, 0.0));
    for (size_t s = 0; s < x.size(); ++s)
        for (size_t i = 0; i < n; ++i) {
            for (size_t j = 0; j < n; ++j) a[i][j] += x[s][i] * x[s][j];
            a[i][n] += x[s][i] * y[s];
        }
    for (size_t i = 0; i < n; ++i) a[i][i] += 1e-6;
    for (size_t c = 0; c < n; ++c) {
        size_t p = c;
        for (size_t r = c + 1; r < n; ++r)
            if (std::abs(a[r][c]) > std::abs(a[p][c])) p = r;
        std::swap(a[c], a[p]);
        for (size_t r = 0; r < n; ++r) {
            if (r == c) continue;
            const double f = a[r][c] / a[c][c];
            for (size_t k = c; k <= n; ++k) a[r][k] -= f * a[c][k];
        }
    }
    std::vector<double> out(n);
    for (size_t i = 0; i < n; ++i) out[i] = a[i][n] / a[i][i];
    return out;
}

struct Measured {
    uint32_t stack_margin = 0;
    std::map<uint8_t, uint32_t> stack_family;
    std::map<uint16_t, uint32_t> stack_features;
    std::vector<int> flash_coefficients;
    int flash_margin = 0;
};

}  // namespace

int main(int argc, char** argv) {
    std::vector<sel::Core> cores;
    std::optional<Saved> saved;
    std::ofstream save;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "--save" || arg == "--load") && i + 1 < argc) {
            if (arg == "--save") save.open(argv[++i], std::ios::app);
            else saved = load_saved(argv[++i]);
            continue;
        }
        const auto c = sel::core_from_name(argv[i]);
        if (!c) {
            std::fprintf(stderr, "measure_footprint_tables: unknown core %s (m0plus m3 m4 m4-soft m7 m7-soft m33)\n",
                         argv[i]);
            return 2;
        }
        cores.push_back(*c);
    }
    if (cores.empty()) cores.assign(std::begin(sel::kAllCores), std::end(sel::kAllCores));

    const sel::CandidateSpace space = space_for(3, 256);
    // Family libraries: the lightest pipeline is the first group (statistics, no detrend, no scaling).
    const vigil_recipe& light = space.groups.front().features_recipe;
    std::vector<vigil_recipe> fitted;  // family libraries, then feature libraries
    for (const auto& c : space.candidates) {
        if (sel::preprocessing_key(c.recipe) != sel::preprocessing_key(light) || c.recipe.standardize ||
            c.recipe.scaling == VIGIL_SCALING_LEARNED)
            continue;
        fitted.push_back(c.recipe);
    }
    fitted.push_back(with_lof(fitted.front()));
    const size_t family_libraries = fitted.size();
    // Feature libraries (first candidate of each group: the Gaussian).
    std::map<uint16_t, std::vector<vigil_recipe>> classes;
    for (const auto& g : space.groups) {
        vigil_recipe r = space.candidates[g.first_candidate].recipe;
        classes[feature_class(r)].push_back(r);
    }
    for (const auto& [cls, recipes] : classes) {
        const size_t n = std::min(kPerClass, recipes.size());
        for (size_t k = 0; k < n; ++k) fitted.push_back(recipes[k * recipes.size() / n]);
    }
    // Random candidates of three shapes, every family (LOF swapped in now and then): every other
    // one joins the flash fit (so it sees other lengths and axes), the rest validates it.
    std::vector<vigil_recipe> random_fitted, validation;
    std::mt19937 rng(12);
    for (auto [axes, length] : {std::pair<uint16_t, uint16_t>{3, 256}, {1, 512}, {2, 100}}) {
        // Candidates whose state fits the default RAM budget (64 kB), stack aside.
        std::vector<vigil_recipe> pool;
        for (const auto& c : space_for(axes, length).candidates)
            if ((c.footprint.state_bytes + 7) / 8 * 8 <= 64 * 1024) pool.push_back(c.recipe);
        for (size_t k = 0; k < kRandom / 3; ++k) {
            vigil_recipe r = pool[rng() % pool.size()];
            if (k % 4 == 3) r = with_lof(r);
            if (vigil_recipe_validate(&r) != VIGIL_OK) continue;
            (k % 2 == 0 ? random_fitted : validation).push_back(r);
        }
    }
    const size_t table_libraries = fitted.size();  // family + feature libraries: the stack parts
    fitted.insert(fitted.end(), random_fitted.begin(), random_fitted.end());

    std::vector<Measured> per_core;
    for (sel::Core core : cores) {
        const std::string name(sel::core_name(core));
        std::fprintf(stderr, "%s: %zu family, %zu feature, %zu random libraries in the fit, %zu to validate it\n",
                     name.c_str(), family_libraries, table_libraries - family_libraries,
                     fitted.size() - table_libraries, validation.size());
        Measured m;
        const Saved* from = saved ? &*saved : nullptr;
        std::ofstream* to = save.is_open() ? &save : nullptr;
        const auto fit_measured = measure_all(fitted, core, from, to);
        const auto val_measured = measure_all(validation, core, from, to);
        for (size_t i = 0; i < table_libraries; ++i) {
            auto& part = i < family_libraries ? m.stack_family[fitted[i].model.family]
                                              : m.stack_features[feature_class(fitted[i])];
            part = std::max(part, fit_measured[i].stack_bytes);
        }
        std::vector<sel::FlashTerms> x;
        std::vector<double> y;
        for (size_t i = 0; i < fitted.size(); ++i) {
            x.push_back(sel::flash_terms(fitted[i]));
            y.push_back(fit_measured[i].flash_bytes - sel::flash_table_bytes(fitted[i]));
        }
        for (double c : fit(x, y)) m.flash_coefficients.push_back(int(std::lround(c)));
        int64_t stack_excess = 0;
        double flash_excess = 0, validation_error = 0;
        auto check = [&](const vigil_recipe& r, const pkg::LibraryMeasure& lm, bool held_out) {
            const auto c = m.stack_features.find(feature_class(r));
            const uint32_t part = std::max(m.stack_family[r.model.family], c == m.stack_features.end() ? 0u : c->second);
            stack_excess = std::max<int64_t>(stack_excess, int64_t(lm.stack_bytes) - int64_t(part));
            const sel::FlashTerms t = sel::flash_terms(r);
            double estimate = sel::flash_table_bytes(r);
            for (size_t k = 0; k < sel::kFlashTerms; ++k) estimate += t[k] * m.flash_coefficients[k];
            flash_excess = std::max(flash_excess, lm.flash_bytes - estimate);
            if (held_out) validation_error = std::max(validation_error, std::abs(lm.flash_bytes - estimate));
        };
        for (size_t i = 0; i < fitted.size(); ++i) check(fitted[i], fit_measured[i], false);
        for (size_t i = 0; i < validation.size(); ++i) check(validation[i], val_measured[i], true);
        m.stack_margin = uint32_t((stack_excess + 7) / 8 * 8);
        m.flash_margin = int(std::ceil(flash_excess / 16.0)) * 16;
        std::fprintf(stderr, "%s: stack margin %u B; flash margin %d B, largest validation error %.0f B\n",
                     name.c_str(), m.stack_margin, m.flash_margin, validation_error);
        per_core.push_back(std::move(m));
    }

    // The initialisers, one value per measured core in the order given (every core, in
    // kAllCores order, by default: then they paste as they are).
    auto row = [&](auto value) {
        std::string out = "{";
        for (size_t k = 0; k < per_core.size(); ++k) out += (k ? ", " : "") + std::to_string(value(per_core[k]));
        return out + "}";
    };
    std::printf("// stack_table.cpp\n// margin, per core\nconstexpr PerCore kMargin = %s;\n\n",
                row([](const Measured& m) { return m.stack_margin; }).c_str());
    std::printf("// family part, indexed by vigil_family\nconstexpr PerCore kFamily[] = {\n");
    for (uint8_t f = 0; f < std::size(kFamilyNames); ++f)
        std::printf("    %s,  // %s\n", row([&](const Measured& m) { return m.stack_family.at(f); }).c_str(),
                    kFamilyNames[f]);
    std::printf("};\n\n// feature part, by feature bitmask and arithmetic\nstruct FeatureStack {\n"
                "    uint8_t features;\n    uint8_t arithmetic;\n    PerCore bytes;\n};\n"
                "constexpr FeatureStack kFeatures[] = {\n");
    for (const auto& [cls, unused] : per_core.front().stack_features)
        std::printf("    {0x%02x, %u, %s},\n", cls & 0xff, cls >> 8,
                    row([&, c = cls](const Measured& m) { return m.stack_features.at(c); }).c_str());
    std::printf("};\n\n// flash_model.cpp\n// margin, per core\nconstexpr std::array<int, 7> kFlashMargin = %s;\n\n",
                row([](const Measured& m) { return m.flash_margin; }).c_str());
    std::printf("// coefficients per core (rows in the order of kAllCores), in the order of FlashTerm (bytes):\n"
                "// base, stats, spectrum, bands linear, bands log, values, trends, cross, float FFT, fixed path,\n"
                "// detrend mean, detrend linear, per-signal scaling, learned scaling, Hann, log on the float\n"
                "// spectrum, log on values, log on the fixed path, standardisation, decimation, then the\n"
                "// families against the Gaussian: mahalanobis, kmeans, knn, pca, hstrees, oselm, lof\n"
                "constexpr Coefficients kFlashCoefficients[7] = {\n");
    for (const auto& m : per_core) {
        std::string line = "    {";
        for (size_t k = 0; k < m.flash_coefficients.size(); ++k)
            line += (k ? ", " : "") + std::to_string(m.flash_coefficients[k]);
        std::printf("%s},\n", line.c_str());
    }
    std::printf("};\n");
    return 0;
}

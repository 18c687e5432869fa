// Synthetic signal groups for the selection tests: a machine hum (a tone plus noise) on every
// axis; abnormal signals add a second tone (a fault line) so spectral candidates can tell them
// apart. Deterministic (own generator).
#pragma once

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "vigil/engine/selection/signal_groups.hpp"
#include "vigil/engine/selection/splits.hpp"
#include "vigil_recipe.h"

namespace selection_test {

using vigil::engine::dataset::Dataset;
using namespace vigil::engine::selection;

inline std::shared_ptr<const Dataset> make_signals(size_t count, size_t axes, size_t length, bool abnormal,
                                                   uint64_t seed) {
    auto d = std::make_shared<Dataset>();
    d->signals = count;
    d->axes = axes;
    d->length = length;
    d->data.resize(count * axes * length);
    SplitMix64 rng{seed};
    auto uniform = [&] { return double(rng.next() >> 11) * (1.0 / 9007199254740992.0); };
    for (size_t s = 0; s < count; ++s) {
        d->source_lines.push_back(s + 1);
        const double phase = 6.283185307179586 * uniform();
        for (size_t i = 0; i < length; ++i)
            for (size_t a = 0; a < axes; ++a) {
                double v = (1.0 + 0.1 * a) * std::sin(6.283185307179586 * 8.0 * i / length + phase + a);
                if (abnormal) v += 0.6 * std::sin(6.283185307179586 * 37.0 * i / length + 2 * phase);
                v += 0.2 * (uniform() - 0.5);
                d->data[(s * length + i) * axes + a] = static_cast<float>(v);
            }
    }
    return d;
}

inline std::vector<SignalGroup> make_groups(size_t groups = 1, size_t regular = 60, size_t abnormal = 30,
                                            size_t axes = 2, size_t length = 128) {
    std::vector<SignalGroup> out;
    for (size_t g = 0; g < groups; ++g)
        out.push_back({"machine" + std::to_string(g),
                       whole_file("regular" + std::to_string(g) + ".csv", make_signals(regular, axes, length, false, 11 + g)),
                       whole_file("abnormal" + std::to_string(g) + ".csv", make_signals(abnormal, axes, length, true, 97 + g))});
    return out;
}

// A spectral recipe that should separate the synthetic classes.
inline vigil_recipe band_recipe(uint16_t axes = 2, uint16_t length = 128, uint8_t family = VIGIL_FAMILY_GAUSSIAN) {
    vigil_recipe r{};
    r.version = VIGIL_RECIPE_VERSION;
    r.axes = axes;
    r.length = length;
    r.min_learn = 8;
    r.seed = 1;
    r.detrend = VIGIL_DETREND_MEAN;
    r.decimation = 1;
    r.window = VIGIL_WINDOW_HANN;
    r.features = VIGIL_FEAT_BANDS_LOG;
    r.log_magnitude = 1;
    r.bands = 8;
    r.standardize = 1;
    r.model.family = family;
    if (family == VIGIL_FAMILY_GAUSSIAN) r.model.f[0] = 0.01f;
    if (family == VIGIL_FAMILY_KMEANS) { r.model.i[0] = 4; r.model.f[1] = 0.1f; }
    return r;
}

}  // namespace selection_test

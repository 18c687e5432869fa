// Warnings about the size of the dataset: how many signals, how long each one is.
#include "checks_internal.hpp"
#include "vigil/engine/dataset/fft.hpp"

namespace vigil::engine::dataset::detail {

void check_shape(const CheckContext& c) {
    if (c.d.signals < thresholds::kRecommendedMinSignals) {
        c.warn("few_signals",
               "only " + std::to_string(c.d.signals) + " signals; at least " +
                   std::to_string(thresholds::kRecommendedMinSignals) + " are advised",
               "record more signals of the same kind: 100 or more is recommended", 0);
    }
    if (!is_power_of_two(c.d.length)) {
        size_t below = 1;
        while (below * 2 <= c.d.length) below *= 2;
        c.warn("length_not_power_of_two",
               "each signal has " + std::to_string(c.d.length) + " samples per axis, not a power of two",
               "record buffers of " + std::to_string(below) + " or " + std::to_string(below * 2) +
                   " samples per axis: FFT-based preprocessing needs a power of two",
               c.d.source_lines.front());
    }
}

}  // namespace vigil::engine::dataset::detail

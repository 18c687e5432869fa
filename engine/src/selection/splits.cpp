// Seeded learn/detect splits (rules in splits.hpp). Our own generator and shuffle, because
// std::shuffle and the std distributions differ between standard libraries and the result must
// be the same everywhere (DESIGN.md, principle 7).
#include "vigil/engine/selection/splits.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace vigil::engine::selection {

uint64_t SplitMix64::next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t SplitMix64::below(uint64_t n) {
    // Rejection sampling: no modulo bias.
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do x = next();
    while (x >= limit);
    return x % n;
}

uint64_t mix_seed(uint64_t seed, uint64_t a, uint64_t b) {
    SplitMix64 g{seed};
    g.state ^= g.next() + a * 0xD1B54A32D192ED03ull;
    g.state ^= g.next() + b * 0x8CB92BA72F3D8DD7ull;
    return g.next();
}

Split make_split(std::span<const uint32_t> rows, double learn_fraction, uint64_t seed,
                 uint32_t group, uint32_t split) {
    if (rows.size() < 2) throw std::invalid_argument("make_split: need at least 2 regular rows");
    if (!(learn_fraction > 0.0 && learn_fraction < 1.0))
        throw std::invalid_argument("make_split: learn_fraction must be in (0, 1)");
    std::vector<uint32_t> order(rows.begin(), rows.end());
    SplitMix64 g{mix_seed(seed, group, split)};
    for (size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[g.below(i + 1)]);
    const size_t n = order.size();
    const size_t learn = std::clamp<size_t>(static_cast<size_t>(std::llround(learn_fraction * double(n))), 1, n - 1);
    Split s;
    s.learn.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(learn));
    s.detect.assign(order.begin() + static_cast<std::ptrdiff_t>(learn), order.end());
    std::sort(s.learn.begin(), s.learn.end());  // the device learns in file order
    std::sort(s.detect.begin(), s.detect.end());
    return s;
}

}  // namespace vigil::engine::selection

// Indicators and the ranking (indicators.hpp; formulas in docs/selection.md).
#include "vigil/engine/selection/indicators.hpp"

#include <tuple>

namespace vigil::engine::selection {

Indicators compute_indicators(const EvaluationStats& stats, const Footprint& fp) {
    Indicators ind;
    ind.ram_bytes = fp.ram_bytes;
    ind.flash_bytes = fp.flash_bytes;
    ind.instructions_per_detect = fp.instructions_per_detect;
    ind.splits = static_cast<uint32_t>(stats.splits.size());
    if (stats.failed() || stats.splits.empty()) {
        ind.failed = stats.failed();
        return ind;
    }
    double ba = 0, tnr = 0, tpr = 0, margin = 0;
    size_t cells = 0;
    for (const auto& s : stats.splits)
        for (const auto& g : s.groups) {
            if (g.regular == 0) continue;  // cannot happen with >= 1 detected regular row per split
            const double cell_tnr = double(g.regular_ok) / g.regular;
            const double mr = g.regular_margin / g.regular;
            // A group without abnormal signals scores on its regular signals only.
            const double cell_tpr = g.abnormal ? double(g.abnormal_ok) / g.abnormal : 1.0;
            const double cell_ba = g.abnormal ? (cell_tnr + cell_tpr) / 2 : cell_tnr;
            const double cell_m = g.abnormal ? (mr + g.abnormal_margin / g.abnormal) / 2 : mr;
            ba += cell_ba;
            tnr += cell_tnr;
            tpr += cell_tpr;
            margin += cell_m;
            ++cells;
        }
    if (cells == 0) return ind;
    ind.balanced_accuracy = ba / cells;
    ind.tnr = tnr / cells;
    ind.tpr = tpr / cells;
    ind.confidence = 100.0 * (1.0 + margin / cells) / 2.0;
    return ind;
}

namespace {
GroupStats stats_of(std::span<const float> regular, std::span<const float> abnormal) {
    GroupStats g;
    for (float s : regular) {
        ++g.regular;
        g.regular_ok += s >= float(VIGIL_SIMILARITY_THRESHOLD) ? 1 : 0;
        g.regular_margin += regular_margin(s);
    }
    for (float s : abnormal) {
        ++g.abnormal;
        g.abnormal_ok += s < float(VIGIL_SIMILARITY_THRESHOLD) ? 1 : 0;
        g.abnormal_margin += abnormal_margin(s);
    }
    return g;
}
}  // namespace

double confidence_of(std::span<const float> regular, std::span<const float> abnormal) {
    EvaluationStats st;
    st.splits.push_back({0, {stats_of(regular, abnormal)}});
    return compute_indicators(st, {}).confidence;
}

double balanced_accuracy_of(std::span<const float> regular, std::span<const float> abnormal) {
    EvaluationStats st;
    st.splits.push_back({0, {stats_of(regular, abnormal)}});
    return compute_indicators(st, {}).balanced_accuracy;
}

bool ranks_before(const Indicators& a, std::string_view key_a, const Indicators& b, std::string_view key_b) {
    // Failed candidates last; then accuracy and confidence descending, RAM ascending, key.
    return std::make_tuple(a.failed, -a.balanced_accuracy, -a.confidence, a.ram_bytes, key_a) <
           std::make_tuple(b.failed, -b.balanced_accuracy, -b.confidence, b.ram_bytes, key_b);
}

}  // namespace vigil::engine::selection

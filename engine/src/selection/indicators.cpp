// Indicators and the ranking (indicators.hpp; formulas in docs/selection.md).
#include "vigil/engine/selection/indicators.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

namespace vigil::engine::selection {

namespace {
// Sample standard deviation / sqrt(n); 0 for fewer than two values.
double standard_error(const std::vector<double>& v) {
    if (v.size() < 2) return 0;
    const double mean = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    return std::sqrt(ss / double(v.size() - 1)) / std::sqrt(double(v.size()));
}
}  // namespace

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
    // Per split, for the uncertainty: the split's own balanced accuracy and mean margin.
    std::vector<double> split_ba, split_margin;
    for (const auto& s : stats.splits) {
        double sba = 0, sm = 0;
        size_t scells = 0;
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
            sba += cell_ba;
            sm += cell_m;
            ++scells;
        }
        if (scells) {
            split_ba.push_back(sba / scells);
            split_margin.push_back(100.0 * (1.0 + sm / scells) / 2.0);
        }
    }
    if (cells == 0) return ind;
    ind.balanced_accuracy = ba / cells;
    ind.tnr = tnr / cells;
    ind.tpr = tpr / cells;
    ind.confidence = 100.0 * (1.0 + margin / cells) / 2.0;
    ind.balanced_accuracy_se = standard_error(split_ba);
    ind.confidence_se = standard_error(split_margin);
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

bool within_noise_of(const Indicators& leader, const Indicators& other) {
    if (leader.failed || other.failed) return false;
    return other.balanced_accuracy >= leader.balanced_accuracy - leader.balanced_accuracy_se &&
           other.confidence >= leader.confidence - leader.confidence_se;
}

std::vector<size_t> order_with_ties(std::span<const Indicators* const> ranked, std::span<const uint32_t> stages,
                                    size_t* tied) {
    std::vector<size_t> ties, rest;
    const bool leader_usable = !ranked.empty() && !ranked[0]->failed;
    for (size_t i = 0; i < ranked.size(); ++i) {
        // Only candidates measured on the same splits as the leader are comparable with its noise.
        const bool tie = leader_usable &&
                         (i == 0 || (stages[i] == stages[0] && within_noise_of(*ranked[0], *ranked[i])));
        (tie ? ties : rest).push_back(i);
    }
    std::stable_sort(ties.begin(), ties.end(), [&](size_t a, size_t b) {
        return std::tie(ranked[a]->ram_bytes, ranked[a]->flash_bytes) <
               std::tie(ranked[b]->ram_bytes, ranked[b]->flash_bytes);
    });
    if (tied) *tied = ties.size();
    ties.insert(ties.end(), rest.begin(), rest.end());
    return ties;
}

}  // namespace vigil::engine::selection

// Warnings that compare the signals with each other: outliers, and signals too alike.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "checks_internal.hpp"

namespace vigil::engine::dataset::detail {

namespace {

double median(std::vector<double> v) {
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + long(mid), v.end());
    double m = v[mid];
    if (v.size() % 2 == 0) m = (m + *std::max_element(v.begin(), v.begin() + long(mid))) / 2.0;
    return m;
}

}  // namespace

void check_outliers(const CheckContext& c) {
    const Dataset& d = c.d;
    // Features per signal: per axis, its mean and its standard deviation. Scored with the
    // modified z-score (median and MAD), which the outliers themselves cannot distort.
    std::vector<double> score(d.signals, 0.0);
    // features[a * 2 + kind][s]: kind 0 the mean, kind 1 the standard deviation of axis a in
    // signal s. Per row and axis, two passes (the sum, then squared deviations from the mean:
    // no division per value) with local accumulators; the row is in L1 cache after the first
    // axis, so the strided reads are cheap (one pass per feature over the whole matrix, as
    // before, read it nine times).
    std::vector<std::vector<double>> features(d.axes * 2, std::vector<double>(d.signals));
    for (size_t s = 0; s < d.signals; ++s) {
        for (size_t a = 0; a < d.axes; ++a) {
            const float* row = d.data.data() + s * d.row_size() + a;
            double sum = 0.0;
            for (size_t t = 0; t < d.length; ++t) sum += row[t * d.axes];
            const double mean = sum / double(d.length);
            double ss = 0.0;
            for (size_t t = 0; t < d.length; ++t) {
                const double dev = row[t * d.axes] - mean;
                ss += dev * dev;
            }
            features[a * 2][s] = mean;
            features[a * 2 + 1][s] = std::sqrt(ss / double(d.length));
        }
    }
    for (size_t a = 0; a < d.axes; ++a) {
        for (int kind = 0; kind < 2; ++kind) {
            const std::vector<double>& feature = features[a * 2 + size_t(kind)];
            const double med = median(feature);
            std::vector<double> dev(d.signals);
            for (size_t s = 0; s < d.signals; ++s) dev[s] = std::fabs(feature[s] - med);
            double scale = 1.4826 * median(dev);
            if (scale == 0.0) {
                // More than half the signals share the value: fall back to the mean deviation.
                double total = 0.0;
                for (double x : dev) total += x;
                scale = 1.2533 * total / double(d.signals);
            }
            if (scale == 0.0) continue;  // all equal
            for (size_t s = 0; s < d.signals; ++s) score[s] = std::max(score[s], dev[s] / scale);
        }
    }
    std::vector<size_t> outliers;
    for (size_t s = 0; s < d.signals; ++s)
        if (score[s] > thresholds::kOutlierRobustZ) outliers.push_back(s);
    if (outliers.empty()) return;
    std::stable_sort(outliers.begin(), outliers.end(), [&](size_t a, size_t b) { return score[a] > score[b]; });
    char worst[64];
    std::snprintf(worst, sizeof worst, "%.1f", score[outliers.front()]);
    c.warn("outlier_signals",
           std::to_string(outliers.size()) + " signal(s) are far from the others in level or spread (worst: line " +
               std::to_string(d.source_lines[outliers.front()]) + ", robust z-score " + worst + ")",
           "check these recordings (a knock, a loose sensor, another operating state?) and remove them if "
           "they are not the behaviour you want to learn",
           0, outliers);
}

void check_low_variance(const CheckContext& c) {
    const Dataset& d = c.d;
    if (d.signals < 2) return;
    for (size_t a = 0; a < d.axes; ++a) {
        const AxisStats& ax = c.stats.axes[a];
        const double total = ax.summary.std * ax.summary.std;
        if (total == 0.0) continue;  // constant: reported elsewhere
        double between = 0.0;
        for (double s : ax.std) between += s * s;
        between /= double(ax.std.size());
        const double ratio = between / total;
        if (ratio >= thresholds::kLowVarianceRatio) continue;
        c.warn("low_variance",
               axis_name(a, d.axes) + ": the signals barely differ from each other (the variation across "
               "signals is " + percent(ratio) + " of the total)",
               "more signals of the same kind will not help: record the machine in the other conditions it "
               "normally runs in",
               0);
    }
}

}  // namespace vigil::engine::dataset::detail

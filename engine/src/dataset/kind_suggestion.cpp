// The signal-kind suggestion of `vigil check` (kind_suggestion.hpp).
#include "vigil/engine/dataset/kind_suggestion.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <vector>

#include "vigil/engine/dataset/fft.hpp"

namespace vigil::engine::dataset {

namespace {

namespace th = kind_thresholds;
using selection::SignalKind;

double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + long(mid), v.end());
    double m = v[mid];
    if (v.size() % 2 == 0) m = (m + *std::max_element(v.begin(), v.begin() + long(mid))) / 2.0;
    return m;
}

double ratio(double num, double den) { return den > 0.0 ? num / den : (num > 0.0 ? 1e9 : 0.0); }

std::string fixed(double v, int digits) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

// The measures of one axis over the chosen lines.
KindMeasures measure_axis(const Dataset& d, size_t axis, const std::vector<size_t>& lines, const FftPlan& plan,
                          std::optional<double> rate_hz) {
    const size_t n = d.length;
    const size_t half = n / 2;
    const size_t low_bins = std::max<size_t>(1, size_t(std::lround(0.1 * double(half))));
    std::vector<double> peak, variation, smooth, decay, low, spread, means, tone, tone_bin;
    std::vector<double> x(n);
    std::vector<std::complex<double>> spectrum(n);
    bool non_negative = true;
    for (size_t line : lines) {
        double sum = 0.0;
        for (size_t t = 0; t < n; ++t) {
            x[t] = d.at(line, t, axis);
            sum += x[t];
            if (x[t] < 0.0) non_negative = false;
        }
        const double mean = sum / double(n);
        std::vector<double> magnitude(n);
        double ss = 0.0, lag = 0.0, first = 0.0, last = 0.0;
        const size_t quarter = std::max<size_t>(1, n / 4);
        for (size_t t = 0; t < n; ++t) {
            magnitude[t] = std::fabs(x[t]);
            const double c = x[t] - mean;
            ss += c * c;
            if (t > 0) lag += c * (x[t - 1] - mean);
            spectrum[t] = c;
            if (t < quarter) first += magnitude[t];
            if (t >= n - quarter) last += magnitude[t];
        }
        const double max_abs = *std::max_element(magnitude.begin(), magnitude.end());
        const double std_dev = std::sqrt(ss / double(n));
        peak.push_back(ratio(max_abs, median(magnitude)));
        variation.push_back(ratio(std_dev, std::fabs(mean)));
        smooth.push_back(ss > 0.0 ? lag / ss : 0.0);
        decay.push_back(ratio(first, last));
        spread.push_back(std_dev);
        means.push_back(mean);

        plan.forward(spectrum);
        double total = 0.0, lowest = 0.0, strongest = 0.0;
        size_t strongest_bin = 0;
        for (size_t k = 1; k <= half; ++k) {
            const double p = std::norm(spectrum[k]);
            total += p;
            if (k <= low_bins) lowest += p;
            if (p > strongest) {
                strongest = p;
                strongest_bin = k;
            }
        }
        low.push_back(ratio(lowest, total));
        tone.push_back(ratio(strongest, total));
        tone_bin.push_back(double(strongest_bin));
    }
    KindMeasures m;
    m.non_negative = non_negative;
    m.peak_ratio = median(peak);
    m.variation = median(variation);
    m.smoothness = median(smooth);
    m.decay = median(decay);
    m.low_share = median(low);
    double mean_of_means = 0.0;
    for (double v : means) mean_of_means += v;
    mean_of_means /= double(means.size());
    double between = 0.0;
    for (double v : means) between += (v - mean_of_means) * (v - mean_of_means);
    between = std::sqrt(between / double(std::max<size_t>(1, means.size() - 1)));
    m.level_moves = ratio(between, median(spread));
    m.tone_share = median(tone);
    m.tone_hz = rate_hz ? median(tone_bin) * *rate_hz / double(n) : 0.0;
    return m;
}

}  // namespace

KindSuggestion suggest_kind(const Dataset& d, std::optional<double> rate_hz) {
    KindSuggestion s;
    if (d.signals == 0 || d.axes == 0) {
        s.reason = "no signals to look at";
        return s;
    }
    if (d.length < th::kMinLength) {
        s.reason = "lines of " + std::to_string(d.length) + " values per axis are too short to tell what they hold";
        return s;
    }
    std::vector<size_t> lines;
    const size_t count = std::min(d.signals, th::kMaxLines);
    for (size_t k = 0; k < count; ++k) lines.push_back(k * d.signals / count);
    const FftPlan plan(d.length);

    std::vector<KindMeasures> axes;
    for (size_t a = 0; a < d.axes; ++a) axes.push_back(measure_axis(d, a, lines, plan, rate_hz));
    auto over_axes = [&](double KindMeasures::*field) {
        std::vector<double> v;
        for (const auto& m : axes) v.push_back(m.*field);
        return median(v);
    };
    KindMeasures& m = s.measures;
    m.non_negative = std::all_of(axes.begin(), axes.end(), [](const KindMeasures& a) { return a.non_negative; });
    m.peak_ratio = over_axes(&KindMeasures::peak_ratio);
    m.variation = over_axes(&KindMeasures::variation);
    m.smoothness = over_axes(&KindMeasures::smoothness);
    m.decay = over_axes(&KindMeasures::decay);
    m.low_share = over_axes(&KindMeasures::low_share);
    m.level_moves = over_axes(&KindMeasures::level_moves);
    m.tone_share = over_axes(&KindMeasures::tone_share);
    m.tone_hz = over_axes(&KindMeasures::tone_hz);

    const bool shaped_like_spectrum = m.peak_ratio >= th::kSpectrumPeakRatio && m.variation >= th::kSpectrumVariation &&
                                      (m.smoothness >= th::kSpectrumSmoothness || m.decay >= th::kSpectrumDecay);
    if (m.non_negative && shaped_like_spectrum) {
        s.kind = SignalKind::spectrum;
        s.reason = "every value is non-negative and a line peaks at " + fixed(m.peak_ratio, 1) + "x its median, " +
                   (m.smoothness >= th::kSpectrumSmoothness
                        ? "smooth from one value to the next (lag-1 correlation " + fixed(m.smoothness, 2) + ")"
                        : "decaying along the line (first quarter " + fixed(m.decay, 1) + "x the last)") +
                   ": each line looks like a magnitude spectrum";
        return s;
    }
    if (m.low_share >= th::kProcessLowShare && m.level_moves >= th::kProcessLevelMoves) {
        s.kind = SignalKind::process;
        s.reason = fixed(100.0 * m.low_share, 0) + " % of a line's variation is in its lowest frequencies and the level " +
                   "moves " + fixed(m.level_moves, 1) + "x the within-line spread between lines: slow process data";
        return s;
    }
    const bool line_tone = rate_hz && m.tone_share >= th::kCurrentToneShare &&
                           (std::fabs(m.tone_hz - 50.0) <= 50.0 * th::kLineHzTolerance ||
                            std::fabs(m.tone_hz - 60.0) <= 60.0 * th::kLineHzTolerance);
    if (line_tone) {
        s.kind = SignalKind::current;
        s.reason = "a time series whose strongest tone, " + fixed(m.tone_hz, 1) + " Hz, holds " +
                   fixed(100.0 * m.tone_share, 0) + " % of a line's power: the supply frequency of a motor current";
        return s;
    }
    if (rate_hz && *rate_hz >= th::kAcousticMinRateHz) {
        s.kind = SignalKind::acoustic;
        s.reason = "a time series (values swing around a steady level) sampled at " + fixed(*rate_hz, 0) +
                   " Hz, an audio rate: sound";
        return s;
    }
    s.kind = SignalKind::vibration;
    s.reason = "a time series: values swing around a level that stays put between lines (it moves " +
               fixed(m.level_moves, 2) + "x the within-line spread), energy spread over frequencies";
    return s;
}

}  // namespace vigil::engine::dataset

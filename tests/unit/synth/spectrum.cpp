#include "spectrum.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

namespace synth_test {

namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
}

std::vector<double> axis_of(std::span<const float> signal, size_t axes, size_t axis) {
    std::vector<double> out;
    for (size_t i = axis; i < signal.size(); i += axes) out.push_back(signal[i]);
    return out;
}

double amplitude_at(const std::vector<double>& x, double rate_hz, double hz) {
    const size_t n = x.size();
    double mean = 0.0;
    for (double v : x) mean += v;
    mean /= n;
    std::complex<double> sum = 0.0;
    double window_sum = 0.0;
    for (size_t i = 0; i < n; ++i) {
        const double w = 0.5 - 0.5 * std::cos(kTwoPi * i / n);
        window_sum += w;
        sum += w * (x[i] - mean) * std::polar(1.0, -kTwoPi * hz * i / rate_hz);
    }
    return 2.0 * std::abs(sum) / window_sum;
}

double peak_near(const std::vector<double>& x, double rate_hz, double hz, double half_width) {
    double best = 0.0;
    for (double f = hz - half_width; f <= hz + half_width + 1e-9; f += half_width / 8.0)
        best = std::max(best, amplitude_at(x, rate_hz, f));
    return best;
}

double strongest_frequency(const std::vector<double>& x, double rate_hz, double lo, double hi, double step) {
    double best_f = lo, best = -1.0;
    for (double f = lo; f <= hi; f += step) {
        const double a = amplitude_at(x, rate_hz, f);
        if (a > best) best = a, best_f = f;
    }
    return best_f;
}

std::vector<double> squared_envelope(const std::vector<double>& x) {
    std::vector<double> e;
    for (size_t i = 1; i < x.size(); ++i) e.push_back((x[i] - x[i - 1]) * (x[i] - x[i - 1]));
    double mean = 0.0;
    for (double v : e) mean += v;
    mean /= e.size();
    for (double& v : e) v -= mean;
    return e;
}

std::vector<double> band_features(std::span<const float> signal, size_t axes, size_t bands) {
    std::vector<double> features;
    for (size_t a = 0; a < axes; ++a) {
        const std::vector<double> x = axis_of(signal, axes, a);
        const size_t n = x.size(), bins = n / 2;
        std::vector<double> energy(bands, 1e-12);
        std::vector<std::complex<double>> twiddle(n);
        for (size_t i = 0; i < n; ++i) twiddle[i] = std::polar(1.0, -kTwoPi * double(i) / double(n));
        for (size_t k = 1; k <= bins; ++k) {
            std::complex<double> sum = 0.0;
            for (size_t i = 0; i < n; ++i) sum += x[i] * twiddle[k * i % n];
            energy[std::min(bands - 1, (k - 1) * bands / bins)] += std::norm(sum);
        }
        for (double e : energy) features.push_back(std::log(e));
    }
    return features;
}

double auc(const std::vector<double>& regular, const std::vector<double>& abnormal) {
    double wins = 0.0;
    for (double a : abnormal)
        for (double r : regular) wins += a > r ? 1.0 : (a == r ? 0.5 : 0.0);
    return wins / (double(regular.size()) * double(abnormal.size()));
}

double best_threshold_accuracy(const std::vector<double>& regular, const std::vector<double>& abnormal) {
    std::vector<double> cuts = regular;
    cuts.insert(cuts.end(), abnormal.begin(), abnormal.end());
    double best = 0.5;
    for (double cut : cuts) {
        double r_below = 0, a_below = 0;
        for (double v : regular) r_below += v <= cut;
        for (double v : abnormal) a_below += v <= cut;
        const double tpr_low = a_below / abnormal.size(), tnr_low = 1.0 - r_below / regular.size();
        // Abnormal below the cut, or abnormal above it.
        best = std::max(best, 0.5 * (tpr_low + tnr_low));
        best = std::max(best, 0.5 * ((1.0 - tpr_low) + (1.0 - tnr_low)));
    }
    return best;
}

}  // namespace synth_test

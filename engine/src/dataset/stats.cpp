#include "vigil/engine/dataset/stats.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>

#include "vigil/engine/dataset/fft.hpp"

namespace vigil::engine::dataset {

namespace {

// Welford's update per column of the row-major matrix: one pass, numerically stable even
// when a large offset (gravity on an accelerometer axis) dwarfs the variation.
void column_moments(const Dataset& d, std::vector<double>& mean, std::vector<double>& m2,
                    std::vector<double>& min, std::vector<double>& max) {
    const size_t w = d.row_size();
    mean.assign(w, 0.0);
    m2.assign(w, 0.0);
    min.assign(w, std::numeric_limits<double>::infinity());
    max.assign(w, -std::numeric_limits<double>::infinity());
    for (size_t s = 0; s < d.signals; ++s) {
        const float* row = d.data.data() + s * w;
        const double inv = 1.0 / double(s + 1);
        for (size_t j = 0; j < w; ++j) {
            const double x = row[j];
            const double delta = x - mean[j];
            mean[j] += delta * inv;
            m2[j] += delta * (x - mean[j]);
            min[j] = std::min(min[j], x);
            max[j] = std::max(max[j], x);
        }
    }
}

// Mean amplitude and power spectra of every axis. The loop runs over pairs of signals and,
// inside, over the axes, so each pair of rows is read from memory once while it is in cache
// (one pass per axis re-read the whole matrix three times, and the strided gather of the FFT
// input was the slowest part of the statistics). Each axis still accumulates its signals in
// file order, so the sums are the same as axis by axis.
void spectra(const Dataset& d, std::optional<double> rate, std::vector<AxisStats>& axes) {
    const size_t n = d.length;
    const size_t bins = n / 2 + 1;
    const double unit = rate ? *rate : 1.0;
    for (AxisStats& out : axes) {
        out.frequency.resize(bins);
        out.amplitude.assign(bins, 0.0);
        out.power.assign(bins, 0.0);
        for (size_t k = 0; k < bins; ++k) out.frequency[k] = double(k) * unit / double(n);
    }
    if (d.signals == 0) return;
    FftPlan plan(n);
    std::vector<std::complex<double>> x(n);
    // Two real signals per complex transform (one as the real part, one as the imaginary
    // part), separated afterwards by symmetry: half the transforms.
    auto accumulate = [&](AxisStats& out, size_t k, std::complex<double> X) {
        const bool doubled = k != 0 && !(n % 2 == 0 && k == n / 2);
        // sqrt of the squared norm rather than std::abs, which calls hypot (overflow-safe, slow).
        const double a = std::sqrt(X.real() * X.real() + X.imag() * X.imag()) * (doubled ? 2.0 : 1.0) / double(n);
        out.amplitude[k] += a;
        out.power[k] += a * a;
    };
    for (size_t s = 0; s < d.signals; s += 2) {
        const bool pair = s + 1 < d.signals;
        const float* first = d.data.data() + s * d.row_size();
        const float* second = pair ? first + d.row_size() : nullptr;
        for (size_t axis = 0; axis < d.axes; ++axis) {
            AxisStats& out = axes[axis];
            for (size_t t = 0; t < n; ++t) {
                const size_t j = t * d.axes + axis;
                x[t] = {double(first[j]), pair ? double(second[j]) : 0.0};
            }
            plan.forward(x);
            for (size_t k = 0; k < bins; ++k) {
                const std::complex<double> zk = x[k], zn = std::conj(x[(n - k) % n]);
                accumulate(out, k, (zk + zn) * 0.5);                              // first signal
                if (pair) {  // second signal: (zk - zn) / 2i, spelled out (see fft.cpp on __muldc3)
                    const std::complex<double> w = zk - zn;
                    accumulate(out, k, {w.imag() * 0.5, -w.real() * 0.5});
                }
            }
        }
    }
    for (AxisStats& out : axes) {
        for (size_t k = 0; k < bins; ++k) {
            out.amplitude[k] /= double(d.signals);
            out.power[k] /= double(d.signals);
        }
    }
}

}  // namespace

Stats compute_stats(const Dataset& d, std::optional<double> rate_hz) {
    Stats stats;
    stats.rate_hz = rate_hz;
    if (d.signals == 0 || d.length == 0) return stats;
    std::vector<double> mean, m2, min, max;
    column_moments(d, mean, m2, min, max);
    const double s = double(d.signals);
    stats.axes.resize(d.axes);
    for (size_t a = 0; a < d.axes; ++a) {
        AxisStats& ax = stats.axes[a];
        ax.mean.resize(d.length);
        ax.min.resize(d.length);
        ax.max.resize(d.length);
        ax.std.resize(d.length);
        double grand = 0.0;
        for (size_t t = 0; t < d.length; ++t) {
            const size_t j = t * d.axes + a;
            ax.mean[t] = mean[j];
            ax.min[t] = min[j];
            ax.max[t] = max[j];
            ax.std[t] = d.signals > 1 ? std::sqrt(m2[j] / (s - 1.0)) : 0.0;
            grand += mean[j];
        }
        grand /= double(d.length);
        // Total sum of squares = within-column + between-column parts (equal column counts).
        double ss = 0.0;
        for (size_t t = 0; t < d.length; ++t) {
            const double dm = ax.mean[t] - grand;
            ss += m2[t * d.axes + a] + s * dm * dm;
        }
        const double count = s * double(d.length);
        ax.summary.mean = grand;
        ax.summary.min = *std::min_element(ax.min.begin(), ax.min.end());
        ax.summary.max = *std::max_element(ax.max.begin(), ax.max.end());
        ax.summary.std = count > 1 ? std::sqrt(ss / (count - 1.0)) : 0.0;
    }
    spectra(d, rate_hz, stats.axes);
    return stats;
}

}  // namespace vigil::engine::dataset

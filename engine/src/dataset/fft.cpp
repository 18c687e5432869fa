#include "vigil/engine/dataset/fft.hpp"

#include <numbers>
#include <stdexcept>

namespace vigil::engine::dataset {

namespace {

inline std::complex<double> multiply(std::complex<double> a, std::complex<double> b) {
    return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

}  // namespace

bool is_power_of_two(size_t n) { return n != 0 && (n & (n - 1)) == 0; }

FftPlan::FftPlan(size_t n) : n_(n) {
    if (n == 0) throw std::invalid_argument("FftPlan: length must be at least 1");
    m_ = n;
    if (!is_power_of_two(n)) {
        m_ = 1;
        while (m_ < 2 * n - 1) m_ <<= 1;
    }
    twiddles_.resize(m_ / 2);
    for (size_t k = 0; k < m_ / 2; ++k)
        twiddles_[k] = std::polar(1.0, -2.0 * std::numbers::pi * double(k) / double(m_));
    bit_reverse_.resize(m_);
    size_t bits = 0;
    while ((size_t{1} << bits) < m_) ++bits;
    for (size_t i = 0; i < m_; ++i) {
        size_t r = 0;
        for (size_t b = 0; b < bits; ++b)
            if (i & (size_t{1} << b)) r |= size_t{1} << (bits - 1 - b);
        bit_reverse_[i] = r;
    }
    if (m_ != n_) {
        chirp_.resize(n_);
        for (size_t k = 0; k < n_; ++k) {
            // k^2 mod 2n keeps the angle small, so the chirp stays accurate for long signals.
            const double k2 = double((k * k) % (2 * n_));
            chirp_[k] = std::polar(1.0, -std::numbers::pi * k2 / double(n_));
        }
        chirp_filter_.assign(m_, {0.0, 0.0});
        chirp_filter_[0] = std::conj(chirp_[0]);
        for (size_t k = 1; k < n_; ++k) chirp_filter_[k] = chirp_filter_[m_ - k] = std::conj(chirp_[k]);
        radix2(chirp_filter_, false);
        work_.resize(m_);
    }
}

void FftPlan::radix2(std::vector<std::complex<double>>& x, bool inverse) const {
    for (size_t i = 0; i < m_; ++i)
        if (i < bit_reverse_[i]) std::swap(x[i], x[bit_reverse_[i]]);
    for (size_t len = 2; len <= m_; len <<= 1) {
        const size_t half = len / 2, step = m_ / len;
        for (size_t start = 0; start < m_; start += len) {
            for (size_t j = 0; j < half; ++j) {
                // Spelled out: std::complex's operator* calls __muldc3 (for its inf/NaN rules)
                // unless -ffast-math, which made the statistics several times slower.
                const double wr = twiddles_[j * step].real();
                const double wi = inverse ? -twiddles_[j * step].imag() : twiddles_[j * step].imag();
                const double br = x[start + j + half].real(), bi = x[start + j + half].imag();
                const double tr = wr * br - wi * bi, ti = wr * bi + wi * br;
                const double ar = x[start + j].real(), ai = x[start + j].imag();
                x[start + j + half] = {ar - tr, ai - ti};
                x[start + j] = {ar + tr, ai + ti};
            }
        }
    }
}

void FftPlan::forward(std::vector<std::complex<double>>& x) const {
    if (x.size() != n_) throw std::invalid_argument("FftPlan::forward: wrong length");
    if (m_ == n_) {
        radix2(x, false);
        return;
    }
    // Bluestein: X[k] = c[k] * sum_t (x[t] c[t]) conj(c[k - t]), a convolution done with
    // radix-2 transforms of length m_ >= 2n - 1.
    std::fill(work_.begin(), work_.end(), std::complex<double>{0.0, 0.0});
    for (size_t t = 0; t < n_; ++t) work_[t] = multiply(x[t], chirp_[t]);
    radix2(work_, false);
    for (size_t k = 0; k < m_; ++k) work_[k] = multiply(work_[k], chirp_filter_[k]);
    radix2(work_, true);
    const double scale = 1.0 / double(m_);
    for (size_t k = 0; k < n_; ++k) x[k] = multiply(work_[k] * scale, chirp_[k]);
}

}  // namespace vigil::engine::dataset

// A small, exact-enough FFT for the dataset statistics (spectra for plots and the spectral
// checks). Any length: radix-2 when the length is a power of two, Bluestein's chirp-z
// otherwise (the fan recordings have 200 samples per axis). Double precision throughout.
// The device runtime has its own C FFT; this one exists so the engine's statistics do not
// depend on it.
#pragma once

#include <complex>
#include <cstddef>
#include <vector>

namespace vigil::engine::dataset {

class FftPlan {
public:
    explicit FftPlan(size_t n);  // n >= 1
    size_t size() const { return n_; }
    // In place, unnormalised: X[k] = sum_t x[t] exp(-2 pi i k t / n). x.size() must be n.
    void forward(std::vector<std::complex<double>>& x) const;

private:
    void radix2(std::vector<std::complex<double>>& x, bool inverse) const;

    size_t n_;
    size_t m_;  // the radix-2 size actually transformed: n_, or the Bluestein length
    std::vector<std::complex<double>> twiddles_;      // exp(-2 pi i k / m_), k < m_/2
    std::vector<size_t> bit_reverse_;
    std::vector<std::complex<double>> chirp_;         // Bluestein: exp(-pi i k^2 / n)
    std::vector<std::complex<double>> chirp_filter_;  // Bluestein: FFT of the conjugate chirp
    mutable std::vector<std::complex<double>> work_;
};

bool is_power_of_two(size_t n);

}  // namespace vigil::engine::dataset

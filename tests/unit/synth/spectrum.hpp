// Spectral tools for the generator's tests, written directly from the definitions (a plain
// DFT, no FFT) so that the check does not share code, or mistakes, with what it checks.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace synth_test {

// One axis of an interleaved signal, as doubles.
std::vector<double> axis_of(std::span<const float> signal, size_t axes, size_t axis);

// Amplitude of the sinusoid at `hz` (Hann window, so a pure tone of amplitude A reads ~A).
double amplitude_at(const std::vector<double>& x, double rate_hz, double hz);

// Largest amplitude_at over [hz - half_width, hz + half_width] in fine steps.
double peak_near(const std::vector<double>& x, double rate_hz, double hz, double half_width);

// Frequency in [lo, hi] with the largest amplitude, searched in `step` Hz.
double strongest_frequency(const std::vector<double>& x, double rate_hz, double lo, double hi, double step);

// Squared envelope of the high-frequency part: first difference (keeps the resonance, drops
// the shaft harmonics), squared, mean removed. Its spectrum shows the impact rate.
std::vector<double> squared_envelope(const std::vector<double>& x);

// Log energy of `bands` equal bands of the spectrum of each axis: the features of a simple
// spectral anomaly detector.
std::vector<double> band_features(std::span<const float> signal, size_t axes, size_t bands);

// Area under the ROC curve of scores (higher = more abnormal).
double auc(const std::vector<double>& regular_scores, const std::vector<double>& abnormal_scores);

// Best balanced accuracy of one threshold on `values` (either direction).
double best_threshold_accuracy(const std::vector<double>& regular, const std::vector<double>& abnormal);

}  // namespace synth_test

// Statistics of a dataset for the plots and the checks: per axis and per sample index across
// all signals (mean, min, max, standard deviation), per axis a summary over every value, and
// per axis the mean amplitude spectrum of the signals.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vigil/engine/dataset/dataset.hpp"

namespace vigil::engine::dataset {

struct Summary {
    double mean = 0, min = 0, max = 0, std = 0;
};

struct AxisStats {
    // Per sample index t (length values): over the signals. std is the sample standard
    // deviation (n - 1), like pandas; 0 when there is a single signal.
    std::vector<double> mean, min, max, std;
    Summary summary;  // over every value of this axis in the file
    // Spectrum, bins k = 0 .. length/2: frequency[k] = k * rate / length (Hz) with a rate,
    // else k / length (cycles per sample). amplitude: mean over signals of the single-sided
    // amplitude |X_k| * 2 / length (DC and Nyquist not doubled), so a sine of amplitude A
    // shows as A. power: mean over signals of that amplitude squared (for the checks).
    std::vector<double> frequency, amplitude, power;
};

struct Stats {
    std::optional<double> rate_hz;
    std::vector<AxisStats> axes;
};

Stats compute_stats(const Dataset& dataset, std::optional<double> rate_hz);

}  // namespace vigil::engine::dataset

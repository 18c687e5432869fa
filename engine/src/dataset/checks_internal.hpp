// Shared by the checks_*.cpp files: each adds its warnings to `out`.
#pragma once

#include <string>
#include <vector>

#include "vigil/engine/dataset/checks.hpp"

namespace vigil::engine::dataset::detail {

struct CheckContext {
    const Dataset& d;
    const Stats& stats;
    const std::string& file;
    const CheckOptions& options;
    std::vector<Issue>& out;

    // Adds a warning; `lines` are signal indices, converted to file lines and bounded.
    void warn(std::string kind, std::string message, std::string hint, uint64_t line,
              const std::vector<size_t>& signals = {}) const;
};

std::string axis_name(size_t axis, size_t axes);    // "x", "y", "z" for 2-3 axes, else "axis 4"
std::string percent(double fraction);               // "12.5%"
std::string list_lines(const std::vector<uint64_t>& lines, size_t total);  // "3, 9, 12 (and 4 more)"

void check_shape(const CheckContext& c);        // few_signals, length_not_power_of_two
void check_constant(const CheckContext& c);     // constant_axis, constant_signal
void check_repetition(const CheckContext& c);   // data_repetition
void check_duplicates(const CheckContext& c);   // duplicate_signals
void check_outliers(const CheckContext& c);     // outlier_signals
void check_low_variance(const CheckContext& c); // low_variance
void check_clipping(const CheckContext& c);     // clipping
void check_spectrum(const CheckContext& c);     // aliasing_risk, oversampling

}  // namespace vigil::engine::dataset::detail

#include "vigil/engine/dataset/checks.hpp"

#include <cstdio>

#include "checks_internal.hpp"

namespace vigil::engine::dataset {

namespace detail {

void CheckContext::warn(std::string kind, std::string message, std::string hint, uint64_t line,
                        const std::vector<size_t>& signals) const {
    Issue w;
    w.severity = Severity::warning;
    w.kind = std::move(kind);
    w.message = std::move(message);
    w.hint = std::move(hint);
    w.file = file;
    w.line = line;
    for (size_t i = 0; i < signals.size() && i < kMaxListedLines; ++i) w.lines.push_back(d.source_lines[signals[i]]);
    if (w.line == 0 && !w.lines.empty()) w.line = w.lines.front();
    out.push_back(std::move(w));
}

std::string axis_name(size_t axis, size_t axes) {
    static const char* xyz[] = {"x", "y", "z"};
    if (axes == 1) return "the signal";
    if (axes <= 3) return std::string("axis ") + xyz[axis];
    return "axis " + std::to_string(axis + 1);
}

std::string percent(double fraction) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", fraction * 100.0);
    return buf;
}

std::string list_lines(const std::vector<uint64_t>& lines, size_t total) {
    std::string s;
    for (size_t i = 0; i < lines.size(); ++i) s += (i ? ", " : "") + std::to_string(lines[i]);
    if (total > lines.size()) s += " (and " + std::to_string(total - lines.size()) + " more)";
    return s;
}

}  // namespace detail

std::vector<Issue> run_checks(const Dataset& dataset, const Stats& stats, const std::string& file,
                              const CheckOptions& options) {
    std::vector<Issue> out;
    if (dataset.signals == 0) return out;
    const detail::CheckContext c{dataset, stats, file, options, out};
    detail::check_shape(c);
    detail::check_constant(c);
    detail::check_repetition(c);
    detail::check_duplicates(c);
    detail::check_outliers(c);
    detail::check_low_variance(c);
    detail::check_clipping(c);
    detail::check_spectrum(c);
    return out;
}

}  // namespace vigil::engine::dataset

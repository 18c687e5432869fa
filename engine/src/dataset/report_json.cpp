#include "vigil/engine/dataset/report_json.hpp"

#include <charconv>
#include <cstdlib>

namespace vigil::engine::dataset {

namespace {

using nlohmann::json;

json position(uint64_t v) { return v == 0 ? json(nullptr) : json(v); }

const char* separator_code(char sep) {
    switch (sep) {
        case ' ': return "space";
        case '\t': return "tab";
        case ',': return "comma";
        case ';': return "semicolon";
        default: return nullptr;
    }
}

const char* status_code(CheckStatus s) {
    switch (s) {
        case CheckStatus::ok: return "ok";
        case CheckStatus::warnings: return "warnings";
        case CheckStatus::errors: return "errors";
    }
    return "errors";
}

std::string axis_label(size_t axis, size_t axes) {
    static const char* xyz[] = {"x", "y", "z"};
    if (axes > 1 && axes <= 3) return xyz[axis];
    return std::to_string(axis + 1);
}

// Statistics are emitted at float32 precision, in the shortest text that reads back as the
// same float: the inputs are float32, so more digits would be noise ("0.003418", not
// "0.0034179999493062496") and would triple the size of the report.
double at_float_precision(double v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf - 1, static_cast<float>(v));
    if (ec != std::errc()) return v;
    *end = '\0';
    return std::strtod(buf, nullptr);
}

json numbers(const std::vector<double>& values) {
    json out = json::array();
    for (double v : values) out.push_back(at_float_precision(v));
    return out;
}

json stats_to_json(const Stats& stats, size_t axes) {
    json out = json::object();
    out["axes"] = json::array();
    for (size_t a = 0; a < stats.axes.size(); ++a) {
        const AxisStats& ax = stats.axes[a];
        out["axes"].push_back({
            {"axis", a},
            {"name", axis_label(a, axes)},
            {"summary", {{"mean", at_float_precision(ax.summary.mean)},
                         {"min", at_float_precision(ax.summary.min)},
                         {"max", at_float_precision(ax.summary.max)},
                         {"std", at_float_precision(ax.summary.std)}}},
            {"per_sample", {{"mean", numbers(ax.mean)}, {"min", numbers(ax.min)}, {"max", numbers(ax.max)},
                            {"std", numbers(ax.std)}}},
            {"spectrum", {{"unit", stats.rate_hz ? "Hz" : "cycles/sample"},
                          {"frequency", numbers(ax.frequency)},
                          {"amplitude", numbers(ax.amplitude)}}},
        });
    }
    return out;
}

}  // namespace

json issue_to_json(const Issue& issue) {
    return {
        {"kind", issue.kind},
        {"severity", issue.severity == Severity::error ? "error" : "warning"},
        {"message", issue.message},
        {"hint", issue.hint},
        {"file", issue.file},
        {"line", position(issue.line)},
        {"column", position(issue.column)},
        {"lines", issue.lines},
    };
}

json kind_suggestion_to_json(const KindSuggestion& k) {
    const auto& m = k.measures;
    return {
        {"kind", std::string(selection::to_string(k.kind))},
        {"reason", k.reason},
        {"project_kind", k.project_kind ? json(std::string(selection::to_string(*k.project_kind))) : json(nullptr)},
        {"disagrees", k.disagrees()},
        {"measures",
         {{"non_negative", m.non_negative},
          {"peak_ratio", m.peak_ratio},
          {"variation", m.variation},
          {"smoothness", m.smoothness},
          {"decay", m.decay},
          {"low_share", m.low_share},
          {"level_moves", m.level_moves},
          {"tone_share", m.tone_share},
          {"tone_hz", m.tone_hz}}},
    };
}

json report_to_json(const CheckReport& r) {
    json out = json::object();
    out["schema"] = kCheckSchema;
    out["file"] = r.file;
    out["status"] = status_code(r.status());
    out["exit_code"] = exit_code(r.status());
    out["axes"] = r.axes;
    out["rate_hz"] = r.rate_hz ? json(*r.rate_hz) : json(nullptr);
    const bool parsed = r.errors.empty();
    out["signals"] = parsed ? json(r.dataset.signals) : json(nullptr);
    out["length"] = parsed ? json(r.dataset.length) : json(nullptr);
    const char* sep = separator_code(r.format.separator);
    out["format"] = {
        {"separator", sep ? json(sep) : json(nullptr)},
        {"bom", r.format.bom},
        {"line_endings", r.format.crlf ? "crlf" : "lf"},
        {"lines", r.format.lines},
        {"bytes", r.format.bytes},
    };
    out["errors"] = json::array();
    for (const auto& e : r.errors) out["errors"].push_back(issue_to_json(e));
    out["warnings"] = json::array();
    for (const auto& w : r.warnings) out["warnings"].push_back(issue_to_json(w));
    out["stats"] = r.stats ? stats_to_json(*r.stats, r.axes) : json(nullptr);
    out["kind_suggestion"] = r.kind_suggestion ? kind_suggestion_to_json(*r.kind_suggestion) : json(nullptr);
    return out;
}

}  // namespace vigil::engine::dataset

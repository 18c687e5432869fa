#include "vigil/engine/record/validator.hpp"

#include <algorithm>
#include <charconv>
#include <string>

#include "vigil/engine/dataset/checks.hpp"
#include "vigil/engine/dataset/dataset.hpp"
#include "vigil/engine/dataset/signal_parser.hpp"
#include "vigil/engine/dataset/stats.hpp"

namespace vigil::engine::record {

namespace ds = vigil::engine::dataset;

namespace {

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// As `vigil check` names axes: x, y, z up to three axes, then axis 4, 5...
std::string axis_name(size_t axis, size_t axes) {
    static const char* xyz[] = {"x", "y", "z"};
    if (axes <= 3) return std::string("axis ") + xyz[axis];
    return "axis " + std::to_string(axis + 1);
}

std::string shortest(double value) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, float(value));
    return ec == std::errc() ? std::string(buf, end) : std::to_string(value);
}

}  // namespace

ParsedLine parse_line(std::string_view text, uint64_t line) {
    ParsedLine out;
    out.line = line;
    if (is_blank(text)) return out;
    // One axis: the value count is checked against --axes/--length by the caller, which can
    // then say "767 values, expected 768" rather than "not a multiple of the 3 axes".
    ds::SignalParser parser("port", /*axes=*/1, text.size(), /*min_signals=*/1);
    parser.feed(text);
    parser.finish();
    if (const auto& e = parser.error()) {
        Rejection r;
        r.reason = e->kind;
        r.message = e->message;
        r.line = r.first_line = r.last_line = line;
        r.column = e->column;
        out.error = std::move(r);
        return out;
    }
    out.values = std::move(parser.dataset().data);
    out.separator = parser.format().separator;
    return out;
}

std::optional<Rejection> check_signal(std::span<const float> values, size_t axes, uint64_t first_line,
                                      uint64_t last_line) {
    ds::Dataset d;
    d.signals = 1;
    d.axes = axes;
    d.length = values.size() / axes;
    d.data.assign(values.begin(), values.end());
    d.source_lines = {first_line};
    const ds::Stats stats = ds::compute_stats(d, std::nullopt);
    const std::vector<ds::Issue> findings = ds::run_checks(d, stats, "port", {});

    Rejection r;
    r.line = r.first_line = first_line;
    r.last_line = last_line;
    auto found = [&](const char* kind) {
        return std::find_if(findings.begin(), findings.end(), [&](const ds::Issue& i) { return i.kind == kind; });
    };
    // The checks' own decisions; the messages are reworded for one signal (the file-wide
    // wording says "in every signal", "lines ...").
    if (found("constant_signal") != findings.end()) {
        r.reason = "constant_signal";
        r.message = "the signal is constant (every sample equal): check the sensor";
        return r;
    }
    if (found("constant_axis") != findings.end()) {
        for (size_t a = 0; a < axes; ++a) {
            const ds::Summary& s = stats.axes[a].summary;
            if (s.min != s.max) continue;
            r.reason = "constant_axis";
            r.message = axis_name(a, axes) + " never changes in this signal (it is " + shortest(s.min) +
                        " throughout): check that this axis is connected and enabled";
            return r;
        }
    }
    if (auto it = found("data_repetition"); it != findings.end()) {
        r.reason = "data_repetition";
        r.message = it->message + ": the sensor was probably read faster than it produces data";
        return r;
    }
    return std::nullopt;
}

}  // namespace vigil::engine::record

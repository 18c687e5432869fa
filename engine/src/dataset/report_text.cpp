#include "vigil/engine/dataset/report_text.hpp"

#include <cstdio>
#include <sstream>

namespace vigil::engine::dataset {

namespace {

struct Palette {
    const char *red, *yellow, *green, *bold, *dim, *reset;
};
constexpr Palette kColour{"\033[1;31m", "\033[1;33m", "\033[1;32m", "\033[1m", "\033[2m", "\033[0m"};
constexpr Palette kPlain{"", "", "", "", "", ""};

std::string where(const Issue& i) {
    // Appends one piece at a time: GCC 12 reports a false -Wrestrict on ":" + std::string.
    std::string s = i.file;
    if (i.line) s.append(":").append(std::to_string(i.line));
    if (i.line && i.column) s.append(":").append(std::to_string(i.column));
    return s;
}

std::string fixed(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%11.5g", v);
    return buf;
}

const char* separator_words(char sep) {
    switch (sep) {
        case ' ': return "space-separated";
        case '\t': return "tab-separated";
        case ',': return "comma-separated";
        case ';': return "semicolon-separated";
        default: return "one value per line";
    }
}

void print_issue(std::ostringstream& o, const Issue& i, const Palette& p) {
    const bool error = i.severity == Severity::error;
    o << p.bold << where(i) << ":" << p.reset << " " << (error ? p.red : p.yellow) << (error ? "error" : "warning")
      << p.reset << ": " << i.message << " " << p.dim << "[" << i.kind << "]" << p.reset << "\n";
    if (!i.lines.empty() && !(i.lines.size() == 1 && i.lines.front() == i.line)) {
        o << "  lines:";
        for (size_t k = 0; k < i.lines.size(); ++k) o << (k ? ", " : " ") << i.lines[k];
        o << "\n";
    }
    if (!i.hint.empty()) o << "  " << p.dim << "hint:" << p.reset << " " << i.hint << "\n";
}

void print_stats(std::ostringstream& o, const CheckReport& r, const Palette& p) {
    static const char* xyz[] = {"x", "y", "z"};
    o << p.bold << "axis         mean         std         min         max   strongest line" << p.reset << "\n";
    for (size_t a = 0; a < r.stats->axes.size(); ++a) {
        const AxisStats& ax = r.stats->axes[a];
        std::string name = (r.axes > 1 && r.axes <= 3) ? xyz[a] : std::to_string(a + 1);
        name.resize(4, ' ');
        size_t peak = 0;
        for (size_t k = 1; k < ax.amplitude.size(); ++k)
            if (peak == 0 || ax.amplitude[k] > ax.amplitude[peak]) peak = k;
        char line[64] = "-";
        if (peak)
            std::snprintf(line, sizeof line, "%g %s (amplitude %.3g)", ax.frequency[peak],
                          r.rate_hz ? "Hz" : "cycles/sample", ax.amplitude[peak]);
        o << name << fixed(ax.summary.mean) << " " << fixed(ax.summary.std) << " " << fixed(ax.summary.min) << " "
          << fixed(ax.summary.max) << "   " << line << "\n";
    }
}

}  // namespace

std::string report_to_text(const CheckReport& r, bool colour) {
    const Palette& p = colour ? kColour : kPlain;
    std::ostringstream o;
    for (const auto& e : r.errors) print_issue(o, e, p);
    if (r.errors.empty()) {
        o << p.bold << r.file << p.reset << ": " << r.dataset.signals << " signals x " << r.axes
          << (r.axes == 1 ? " axis" : " axes") << " x " << r.dataset.length << " samples ("
          << separator_words(r.format.separator) << (r.format.crlf ? ", CRLF" : "") << (r.format.bom ? ", BOM" : "")
          << ")\n";
        for (const auto& w : r.warnings) print_issue(o, w, p);
        if (r.stats) print_stats(o, r, p);
        if (r.kind_suggestion) {
            const auto& k = *r.kind_suggestion;
            o << p.bold << "kind:" << p.reset << " looks like " << selection::to_string(k.kind) << " (" << k.reason << ")";
            if (k.disagrees())
                o << "; the project says sensor.kind = " << selection::to_string(*k.project_kind)
                  << ": check it (the search tries that kind's paths first)";
            else if (k.project_kind && *k.project_kind == k.kind)
                o << ", as the project says";
            o << "\n";
        }
    }
    switch (r.status()) {
        case CheckStatus::ok: o << p.green << "ok" << p.reset << ": no errors, no warnings\n"; break;
        case CheckStatus::warnings:
            o << p.yellow << r.warnings.size() << " warning" << (r.warnings.size() == 1 ? "" : "s") << p.reset
              << ", no errors: the file can be used\n";
            break;
        case CheckStatus::errors:
            o << p.red << "blocking error" << p.reset << ": fix it and check again (checking stops at the first error)\n";
            break;
    }
    return o.str();
}

}  // namespace vigil::engine::dataset

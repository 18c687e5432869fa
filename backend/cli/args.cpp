#include "cli/args.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace vigil::cli {

Args::Args(std::string command, std::vector<OptionSpec> specs, const std::vector<std::string>& argv)
    : command_(std::move(command)), specs_(std::move(specs)) {
    bool options_done = false;
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (options_done || a.size() < 2 || a[0] != '-' || (a[1] != '-' && a != "-h")) {
            positionals_.push_back(a);
            continue;
        }
        if (a == "--") {
            options_done = true;
            continue;
        }
        if (a == "--help" || a == "-h") {
            help_ = true;
            continue;
        }
        std::string name = a;
        std::optional<std::string> inline_value;
        if (auto eq = a.find('='); eq != std::string::npos) {
            name = a.substr(0, eq);
            inline_value = a.substr(eq + 1);
        }
        const OptionSpec* spec = find(name);
        if (!spec) fail("unknown option '" + name + "' (see 'vigil " + command_ + " --help')");
        std::string v;
        if (spec->takes_value) {
            if (inline_value) {
                v = *inline_value;
            } else if (i + 1 < argv.size()) {
                v = argv[++i];
            } else {
                fail("option " + name + " needs a value (" + spec->metavar + ")");
            }
        } else if (inline_value) {
            fail("option " + name + " takes no value");
        }
        auto& slot = values_[name];
        if (!slot.empty() && !spec->repeatable) fail("option " + name + " was given more than once");
        slot.push_back(v);
    }
}

const OptionSpec* Args::find(const std::string& name) const {
    for (const auto& s : specs_)
        if (s.name == name) return &s;
    return nullptr;
}

void Args::fail(const std::string& message) const {
    throw UsageError("vigil " + command_ + ": " + message);
}

std::string Args::usage(const std::string& synopsis) const {
    std::ostringstream o;
    o << "usage: vigil " << command_ << " " << synopsis << "\n\noptions:\n";
    for (const auto& s : specs_) {
        std::string left = s.name + (s.takes_value ? " " + s.metavar : "");
        o << "  " << left;
        for (size_t n = left.size(); n < 24; ++n) o << ' ';
        o << " " << s.help << "\n";
    }
    o << "  --help                   this text\n";
    return o.str();
}

bool Args::flag(const std::string& name) const { return values_.count(name) != 0; }

std::optional<std::string> Args::value(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> Args::values(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::string Args::required(const std::string& name) const {
    auto v = value(name);
    if (!v) fail("missing required option " + name);
    return *v;
}

std::optional<int64_t> Args::integer(const std::string& name, int64_t min, int64_t max) const {
    auto v = value(name);
    if (!v) return std::nullopt;
    int64_t out = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || end != v->data() + v->size() || out < min || out > max)
        fail(name + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max) +
             ", got '" + *v + "'");
    return out;
}

int64_t Args::integer_or(const std::string& name, int64_t min, int64_t max, int64_t fallback) const {
    return integer(name, min, max).value_or(fallback);
}

std::optional<double> Args::number(const std::string& name, double min, double max) const {
    auto v = value(name);
    if (!v) return std::nullopt;
    char* end = nullptr;
    errno = 0;
    double out = std::strtod(v->c_str(), &end);
    if (v->empty() || *end != '\0' || errno != 0 || !std::isfinite(out) || out < min || out > max) {
        std::ostringstream o;
        o << name << " must be a number from " << min << " to " << max << ", got '" << *v << "'";
        fail(o.str());
    }
    return out;
}

void Args::expect_positionals(size_t min, size_t max, const std::string& what) const {
    if (positionals_.size() < min) fail("missing " + what);
    if (positionals_.size() > max) fail("unexpected argument '" + positionals_[max] + "'");
}

}  // namespace vigil::cli

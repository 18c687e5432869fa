// Command-line arguments of one `vigil` command: declared options, clear errors naming the
// parameter and what was expected. Commands never parse argv by hand.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace vigil::cli {

// A wrong argument: the message names the command, the parameter and what is accepted.
// main() prints it and exits with kExitUsage.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

inline constexpr int kExitUsage = 64;  // like sysexits' EX_USAGE: the call itself was wrong

struct OptionSpec {
    std::string name;      // "--axes"
    bool takes_value;      // false: a flag
    bool repeatable = false;
    std::string help;      // one line, shown by --help
    std::string metavar = "VALUE";
};

class Args {
public:
    // Parses argv (without the program and command names) against the declared options.
    // Throws UsageError for an unknown option, a missing value or a repeated single option.
    Args(std::string command, std::vector<OptionSpec> specs, const std::vector<std::string>& argv);

    bool help_requested() const { return help_; }
    std::string usage(const std::string& synopsis) const;

    bool flag(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;
    std::string required(const std::string& name) const;

    // Typed accessors; the range is part of the error message.
    std::optional<int64_t> integer(const std::string& name, int64_t min, int64_t max) const;
    int64_t integer_or(const std::string& name, int64_t min, int64_t max, int64_t fallback) const;
    std::optional<double> number(const std::string& name, double min, double max) const;

    const std::vector<std::string>& positionals() const { return positionals_; }
    // Exactly `count` positionals named by `what` (e.g. "FILE"), else UsageError.
    void expect_positionals(size_t min, size_t max, const std::string& what) const;

    [[noreturn]] void fail(const std::string& message) const;

private:
    const OptionSpec* find(const std::string& name) const;

    std::string command_;
    std::vector<OptionSpec> specs_;
    std::map<std::string, std::vector<std::string>> values_;
    std::vector<std::string> positionals_;
    bool help_ = false;
};

}  // namespace vigil::cli

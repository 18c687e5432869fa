// backend/cli/args.cpp: declared options, typed values, and a UsageError naming the parameter.
#include <catch2/catch.hpp>

#include "cli/args.hpp"

using vigil::cli::Args;
using vigil::cli::OptionSpec;
using vigil::cli::UsageError;

namespace {

const std::vector<OptionSpec> kSpecs = {
    {"--axes", true, false, "axes", "N"},
    {"--rate", true, false, "rate", "HZ"},
    {"--json", false, false, "json"},
    {"--tag", true, true, "repeatable"},
};

Args parse(std::vector<std::string> argv) { return Args("check", kSpecs, argv); }

std::string usage_error(std::vector<std::string> argv) {
    try {
        Args a = parse(argv);
        (void)a.integer("--axes", 1, 64);
        (void)a.number("--rate", 1e-6, 1e9);
        a.expect_positionals(1, 1, "FILE");
    } catch (const UsageError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("options, flags, inline values and positionals") {
    const Args a = parse({"f.csv", "--axes", "3", "--rate=200.5", "--json", "--tag", "a", "--tag", "b"});
    CHECK(a.positionals() == std::vector<std::string>{"f.csv"});
    CHECK(a.integer("--axes", 1, 64) == 3);
    CHECK(a.number("--rate", 0, 1e9) == 200.5);
    CHECK(a.flag("--json"));
    CHECK(a.values("--tag") == std::vector<std::string>{"a", "b"});
    CHECK_FALSE(a.help_requested());
    CHECK(parse({"-h"}).help_requested());
    CHECK(parse({"--", "--json"}).positionals() == std::vector<std::string>{"--json"});
    CHECK_FALSE(parse({}).integer("--axes", 1, 64).has_value());
    CHECK(parse({}).integer_or("--axes", 1, 64, 7) == 7);
}

TEST_CASE("wrong arguments are UsageErrors that name the parameter") {
    CHECK(usage_error({"f", "--bogus"}) == "vigil check: unknown option '--bogus' (see 'vigil check --help')");
    CHECK(usage_error({"f", "--axes"}) == "vigil check: option --axes needs a value (N)");
    CHECK(usage_error({"f", "--axes", "abc"}) == "vigil check: --axes must be an integer from 1 to 64, got 'abc'");
    CHECK(usage_error({"f", "--axes", "0"}) == "vigil check: --axes must be an integer from 1 to 64, got '0'");
    CHECK(usage_error({"f", "--axes", "3x"}).find("got '3x'") != std::string::npos);
    CHECK(usage_error({"f", "--rate", "fast"}).find("--rate must be a number") != std::string::npos);
    CHECK(usage_error({"f", "--rate", "nan"}).find("--rate must be a number") != std::string::npos);
    CHECK(usage_error({"f", "--json=1"}) == "vigil check: option --json takes no value");
    CHECK(usage_error({"f", "--axes", "1", "--axes", "2"}) == "vigil check: option --axes was given more than once");
    CHECK(usage_error({}) == "vigil check: missing FILE");
    CHECK(usage_error({"a", "b"}) == "vigil check: unexpected argument 'b'");
}

TEST_CASE("required() and usage()") {
    CHECK_THROWS_AS(parse({}).required("--axes"), UsageError);
    const std::string u = parse({}).usage("FILE --axes N");
    CHECK(u.find("usage: vigil check FILE --axes N") == 0);
    CHECK(u.find("--axes N") != std::string::npos);
}

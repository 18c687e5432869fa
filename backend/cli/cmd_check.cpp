// `vigil check FILE --axes N [--rate HZ] [--kind K] [--json]`: format errors, data warnings, statistics,
// and the signal kind the lines look like.
// Exit codes (docs/check.md): 0 clean, 1 warnings only, 2 blocking errors, 64 wrong arguments.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "vigil/engine/dataset/check_report.hpp"
#include "vigil/engine/dataset/report_json.hpp"
#include "vigil/engine/dataset/report_text.hpp"

namespace vigil::cli {

namespace ds = vigil::engine::dataset;

int cmd_check(const std::vector<std::string>& argv) {
    Args args("check",
              {
                  {"--axes", true, false, "values per sample (1 for a single axis, 3 for x y z)", "N"},
                  {"--rate", true, false, "sampling rate: spectra in Hz and the sampling-rate checks", "HZ"},
                  {"--kind", true, false, "the project's sensor.kind: the kind suggestion says when the data disagrees", "K"},
                  {"--json", false, false, "print the report as JSON (schema in docs/check.md)"},
              },
              argv);
    if (args.help_requested()) {
        std::cout << args.usage("FILE --axes N [--rate HZ] [--kind K] [--json]");
        return 0;
    }
    args.expect_positionals(1, 1, "FILE (the signal file to check)");
    const auto axes = args.integer("--axes", 1, 1024);
    if (!axes) args.fail("missing required option --axes N (values per sample)");
    ds::CheckOptions options;
    options.rate_hz = args.number("--rate", 1e-6, 1e12);
    if (auto k = args.value("--kind")) {
        options.project_kind = vigil::engine::selection::parse_signal_kind(*k);
        if (!options.project_kind) {
            std::string names;
            for (auto n : vigil::engine::selection::signal_kind_names()) names += (names.empty() ? "" : ", ") + std::string(n);
            args.fail("--kind: unknown signal kind '" + *k + "' (accepted: " + names + ")");
        }
    }

    const ds::CheckReport report = ds::check_file(args.positionals().front(), size_t(*axes), options);
    if (args.flag("--json")) {
        std::cout << ds::report_to_json(report).dump(2) << "\n";
    } else {
        // Errors and warnings are the result of the command, so they go to stdout too; the
        // status is the exit code.
        std::cout << ds::report_to_text(report, ::isatty(STDOUT_FILENO) == 1);
    }
    return ds::exit_code(report.status());
}

}  // namespace vigil::cli

// `vigil target test` and `vigil target flash` (docs/targets.md, "Flash and test"): thin
// adapters over engine/target. test runs a compiled library on a board (OpenOCD) or a QEMU
// board and compares every result with the emulator; flash writes any image to a board.
// Exit codes: 0 ok (test: every call agrees), 1 test ran but the board and the emulator
// differ, 2 refused or failed (the message says what, where and what to do), 64 usage.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/project_dir.hpp"
#include "vigil/engine/target/target_flash.hpp"
#include "vigil/engine/target/target_test.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::cli {

namespace tgt = vigil::engine::target;
namespace util = vigil::engine::util;

namespace {

// Progress lines on stderr, with or without --json (stdout holds the report); a terminal
// also gets the run's calls counted in place on one line, ended before anything else prints.
class ProgressPrinter {
public:
    ProgressPrinter() : tty_(::isatty(STDERR_FILENO) == 1) {}
    ~ProgressPrinter() { end_line(); }
    ProgressPrinter(const ProgressPrinter&) = delete;
    ProgressPrinter& operator=(const ProgressPrinter&) = delete;

    tgt::ProgressCallback callback() {
        return [this](const tgt::Progress& p) {
            if (p.stage == "run" && p.fraction && *p.fraction > 0) {
                if (tty_) std::fprintf(stderr, "\r  %s (%.0f%%)   ", p.message.c_str(), *p.fraction * 100);
                open_ = tty_;
                return;
            }
            if (p.message == last_) return;
            last_ = p.message;
            end_line();
            std::fprintf(stderr, "%s\n", p.message.c_str());
        };
    }
    void end_line() {
        if (open_) std::fputc('\n', stderr);
        open_ = false;
    }

private:
    bool tty_;
    bool open_ = false;
    std::string last_;
};

// An engine ParameterError names the parameter in snake_case; the CLI's option spelling.
[[noreturn]] void refuse(const Args& args, const util::ParameterError& e) {
    std::string option = e.parameter;
    for (auto& c : option)
        if (c == '_') c = '-';
    args.fail("--" + option + ": " + e.what());
}

int target_test(const std::vector<std::string>& argv) {
    Args args("target test",
              {
                  {"--board", true, false, "the board (vigil boards lists them; qemu-m0/m3/m4/m7/m33 run under QEMU)", "ID"},
                  {"--library", true, false, "the library zip vigil compile wrote", "ZIP"},
                  {"--benchmark", true, false, "instead: this benchmark's best library, compiled for the board if needed", "ID"},
                  {"--project", true, false, "with --benchmark: the project folder (default ./vigil-project)", "DIR"},
                  {"--learn", true, true, "learn every signal of this file, in order", "FILE"},
                  {"--detect", true, true, "detect every signal of this file", "FILE"},
                  {"--timeout", true, false, "seconds the firmware may run before the host stops it (default 120)", "S"},
                  {"--catalog", true, false, "the board catalog folder (default: the one built into vigil)", "DIR"},
                  {"--json", false, false, "print the report as JSON (docs/targets.md)"},
              },
              argv);
    if (args.help_requested()) {
        std::fputs(args.usage("--board ID (--library ZIP | --benchmark ID) --learn FILE [--detect FILE] [--json]").c_str(),
                   stdout);
        return 0;
    }
    args.expect_positionals(0, 0, "");
    if (args.value("--library") && args.value("--benchmark")) args.fail("give --library ZIP or --benchmark ID, not both");
    if (!args.value("--library") && !args.value("--benchmark"))
        args.fail("give the library to test: --library ZIP (from vigil compile) or --benchmark ID");
    if (args.values("--learn").empty()) args.fail("missing required option --learn (signals to learn)");

    tgt::TestRequest request;
    request.board = args.required("--board");
    request.learn = args.values("--learn");
    request.detect = args.values("--detect");
    request.timeout = std::chrono::seconds(args.integer_or("--timeout", 1, 24 * 3600, 120));
    if (auto c = args.value("--catalog")) request.catalog = *c;
    const bool json = args.flag("--json");
    ProgressPrinter printer;
    const auto progress = printer.callback();

    tgt::TestReport report;
    try {
        if (auto zip = args.value("--library")) {
            request.library = *zip;
        } else {
            const auto board = tgt::resolve_board(request.board, request.catalog);
            auto project = vigil::engine::project::Project::open(project_dir(args.value("--project")));
            progress({"library", "the best library of benchmark " + *args.value("--benchmark") + " for " + board.id, {}});
            const auto lib = tgt::library_for_benchmark(project, args.integer("--benchmark", 1, INT64_MAX), board, nullptr);
            request.library = lib.zip;
            progress({"library", std::string(lib.compiled ? "compiled" : "found") + " library " +
                                         std::to_string(lib.library_id) + ": " + lib.zip.string(), {}});
        }
        report = tgt::run_target_test(request, progress, nullptr);
    } catch (const util::ParameterError& e) {
        printer.end_line();
        refuse(args, e);
    } catch (...) {
        printer.end_line();
        throw;
    }
    printer.end_line();
    if (json) std::printf("%s\n", tgt::to_json(report).dump(2).c_str());
    else std::fputs(tgt::to_text(report).c_str(), stdout);
    return report.passed() ? 0 : 1;
}

int target_flash(const std::vector<std::string>& argv) {
    Args args("target flash",
              {
                  {"--board", true, false, "the board (vigil boards lists them)", "ID"},
                  {"--timeout", true, false, "seconds OpenOCD may take in all (default 180)", "S"},
                  {"--catalog", true, false, "the board catalog folder (default: the one built into vigil)", "DIR"},
                  {"--json", false, false, "print the result as JSON"},
              },
              argv);
    if (args.help_requested()) {
        std::fputs(args.usage("--board ID FILE.elf|FILE.hex|FILE.bin [--json]").c_str(), stdout);
        return 0;
    }
    args.expect_positionals(1, 1, "the image to flash (FILE.elf, FILE.hex or FILE.bin)");
    tgt::FlashRequest request;
    request.board = args.required("--board");
    request.image = args.positionals()[0];
    request.timeout = std::chrono::seconds(args.integer_or("--timeout", 1, 24 * 3600, 180));
    if (auto c = args.value("--catalog")) request.catalog = *c;
    const bool json = args.flag("--json");
    tgt::FlashReport report;
    ProgressPrinter printer;
    try {
        report = tgt::flash_image(request, printer.callback(), nullptr);
    } catch (const util::ParameterError& e) {
        printer.end_line();
        refuse(args, e);
    } catch (...) {
        printer.end_line();
        throw;
    }
    if (json) std::printf("%s\n", tgt::to_json(report).dump(2).c_str());
    else std::fputs(tgt::to_text(report).c_str(), stdout);
    return 0;
}

}  // namespace

int cmd_target(const std::vector<std::string>& argv) {
    const std::string usage =
        "usage: vigil target test --board ID (--library ZIP | --benchmark ID) --learn FILE [--detect FILE] [--json]\n"
        "       vigil target flash --board ID FILE.elf|FILE.hex|FILE.bin [--json]\n\n"
        "  test   run a compiled library on a board (OpenOCD) or a QEMU board, compare every result\n"
        "         with the emulator, measure cycles (QEMU: instructions), flash and RAM\n"
        "  flash  write an image to a board's flash through OpenOCD, verify it, reset\n\n"
        "'vigil target test --help' and 'vigil target flash --help' list the options.\n";
    if (argv.empty()) {
        std::fputs(usage.c_str(), stderr);
        return kExitUsage;
    }
    if (argv[0] == "--help" || argv[0] == "-h") {
        std::fputs(usage.c_str(), stdout);
        return 0;
    }
    const std::vector<std::string> rest(argv.begin() + 1, argv.end());
    if (argv[0] == "test") return target_test(rest);
    if (argv[0] == "flash") return target_flash(rest);
    throw UsageError("vigil target: unknown subcommand '" + argv[0] + "' (test or flash; see 'vigil target --help')");
}

}  // namespace vigil::cli

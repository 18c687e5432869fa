// `vigil record --port DEV --axes N --length L --out FILE [...]`: lines of numbers from a board's
// serial port into a signal file, each line validated as `vigil check` would and appended whole
// (docs/record.md). The engine does the work (engine/include/vigil/engine/record/session.hpp);
// this file adapts options and output. Progress and rejects go to stderr, the summary to stdout.
// Exit codes: 0 stopped at --lines or by Ctrl-C, 2 refused (port, file) or the port closed,
// 64 wrong arguments.
#include <cstdio>
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/record_progress.hpp"
#include "vigil/engine/record/session.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::cli {

namespace rec = vigil::engine::record;

namespace {

const std::vector<OptionSpec> kOptions = {
    {"--port", true, false, "the board's serial port: /dev/ttyACM0, /dev/ttyUSB0, or the /dev/pts/N QEMU printed", "DEV"},
    {"--baud", true, false, "the port's baud rate (default 115200; a pty ignores it)", "BAUD"},
    {"--axes", true, false, "values per sample (1 for a single axis, 3 for x y z)", "N"},
    {"--length", true, false, "samples per axis in one signal (a line of the file holds length x axes values)", "L"},
    {"--lines", true, false, "stop after M signals are kept (default: until Ctrl-C)", "M"},
    {"--rate", true, false, "the sample rate, for the checks: the file check's spectra, the link's capacity", "HZ"},
    {"--per-line", true, false, "what one line from the board holds: signal, sample or auto (default: the first line decides)", "WHAT"},
    {"--out", true, false, "the signal file to append the kept signals to (made if missing)", "FILE"},
    {"--json", false, false, "print the summary as JSON (schema in docs/record.md)"},
};

std::string stop_text(const rec::RecordSummary& s, uint64_t target) {
    switch (s.stop) {
        case rec::StopReason::lines_reached: return "stopped: " + std::to_string(target) + " signals kept, as asked";
        case rec::StopReason::cancelled: return "stopped by Ctrl-C";
        case rec::StopReason::port_closed:
            return "stopped: " + s.port + " closed (board reset or unplugged? QEMU exited?)";
    }
    return "stopped";
}

void print_summary(const rec::RecordSummary& s, uint64_t target) {
    const auto& c = s.counters;
    std::printf("recorded %llu signals of %s from %s into %s in %.1f s (%.2f signals/s, %.0f samples/s, %.1f KB/s)\n",
                (unsigned long long)c.kept, shape_text(s.length, s.axes).c_str(), s.port.c_str(), s.out.c_str(),
                c.elapsed_s, c.signals_per_s, s.samples_per_s, c.bytes_per_s / 1e3);
    std::printf("%s; one %s per line\n", stop_text(s, target).c_str(),
                s.mode == rec::LineMode::sample ? "sample" : s.mode == rec::LineMode::signal ? "signal" : "(undecided)");
    std::printf("rejected %llu", (unsigned long long)c.rejected);
    const char* sep = ": ";
    for (const auto& [reason, n] : s.rejected_by_reason) {
        std::printf("%s%s %llu", sep, reason.c_str(), (unsigned long long)n);
        sep = ", ";
    }
    std::printf("\n");
    if (s.discarded_bytes || s.discarded_samples) {
        std::printf("left out at the stop:");
        if (s.discarded_bytes) std::printf(" a line without its newline yet (%llu bytes)", (unsigned long long)s.discarded_bytes);
        if (s.discarded_samples) std::printf("%s%zu samples of an unfinished signal", s.discarded_bytes ? ";" : "", s.discarded_samples);
        std::printf("\n");
    }
    if (s.check_status == "none") {
        std::printf("%s: nothing kept, so not created\n", s.out.c_str());
        return;
    }
    std::printf("%s: %llu signals (%s), vigil check: %s\n", s.out.c_str(), (unsigned long long)s.file_signals,
                s.created ? "new file" : (std::to_string(s.existing_signals) + " before").c_str(), s.check_status.c_str());
    for (const auto& [kind, message] : s.check_findings) std::printf("  %s: %s\n", kind.c_str(), message.c_str());
}

}  // namespace

int cmd_record(const std::vector<std::string>& argv) {
    Args args("record", kOptions, argv);
    if (args.help_requested()) {
        std::cout << args.usage("--port DEV [--baud 115200] --axes N --length L [--lines M] [--rate HZ] "
                                "[--per-line signal|sample|auto] --out FILE [--json]");
        return 0;
    }
    args.expect_positionals(0, 0, "no positional argument");
    rec::RecordOptions o;
    o.port = args.required("--port");
    o.baud = uint32_t(args.integer_or("--baud", 1, 4000000, 115200));
    const auto axes = args.integer("--axes", 1, 1024);
    if (!axes) args.fail("missing required option --axes N (values per sample)");
    const auto length = args.integer("--length", 1, 65536);
    if (!length) args.fail("missing required option --length L (samples per axis in one signal)");
    o.axes = size_t(*axes);
    o.length = size_t(*length);
    o.max_signals = uint64_t(args.integer_or("--lines", 1, INT64_MAX, 0));
    o.rate_hz = args.number("--rate", 1e-6, 1e12);
    if (auto m = args.value("--per-line")) {
        auto mode = rec::mode_from_name(*m);
        if (!mode) args.fail("--per-line must be signal, sample or auto, not '" + *m + "'");
        o.mode = *mode;
    }
    o.out = args.required("--out");

    RecordProgress progress(stderr, o.max_signals);
    InterruptFlag interrupt;
    rec::RecordSummary summary;
    try {
        summary = rec::record(o, [&](const rec::RecordEvent& e) { progress.update(e); }, interrupt.flag());
    } catch (const vigil::engine::util::ParameterError& e) {
        // The engine names the option as it knows it ("baud"); the command line spells it --baud.
        args.fail("--" + e.parameter + ": " + e.what());
    }
    if (args.flag("--json")) std::cout << rec::to_json(summary).dump(2) << "\n";
    else print_summary(summary, o.max_signals);
    if (summary.stop == rec::StopReason::port_closed) {
        std::fprintf(stderr, "vigil record: %s closed after %llu lines%s\n", summary.port.c_str(),
                     (unsigned long long)summary.counters.lines,
                     o.max_signals ? (", before " + std::to_string(o.max_signals) + " signals were kept").c_str() : "");
        return 2;
    }
    return 0;
}

}  // namespace vigil::cli

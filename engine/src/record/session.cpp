#include "vigil/engine/record/session.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <variant>

#include "vigil/engine/dataset/check_report.hpp"
#include "vigil/engine/dataset/signal_parser.hpp"
#include "vigil/engine/record/appender.hpp"
#include "vigil/engine/record/line_splitter.hpp"
#include "vigil/engine/record/serial_port.hpp"
#include "vigil/engine/record/validator.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::engine::record {

namespace {

using Clock = std::chrono::steady_clock;
using util::ParameterError;

constexpr size_t kMaxAxes = 1024;        // as vigil check --axes
constexpr size_t kMaxLength = 65536;     // samples per axis: far beyond any buffer on an MCU
constexpr int kPollMs = 100;             // how often the cancel flag is looked at, at worst

void validate(const StreamOptions& o) {
    if (o.port.empty()) throw ParameterError("port", "no serial port given (e.g. /dev/ttyACM0, or the /dev/pts/N QEMU printed)");
    if (!baud_supported(o.baud)) {
        std::string list;
        for (uint32_t b : supported_bauds()) list += (list.empty() ? "" : ", ") + std::to_string(b);
        throw ParameterError("baud", "baud " + std::to_string(o.baud) + " is not a standard serial rate (" + list + ")");
    }
    if (o.axes < 1 || o.axes > kMaxAxes)
        throw ParameterError("axes", "axes must be from 1 to " + std::to_string(kMaxAxes) + ", not " + std::to_string(o.axes));
    if (o.length < 1 || o.length > kMaxLength)
        throw ParameterError("length", "length (samples per axis in a signal) must be from 1 to " +
                                           std::to_string(kMaxLength) + ", not " + std::to_string(o.length));
    if (o.rate_hz && !(std::isfinite(*o.rate_hz) && *o.rate_hz > 0))
        throw ParameterError("rate", "the sample rate must be a positive number of Hz");
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string shape_text(const StreamOptions& o) {
    return std::to_string(o.length) + " samples x " + std::to_string(o.axes) + (o.axes == 1 ? " axis" : " axes");
}

// The link's capacity against the sample rate, from the bytes the first kept signal took on
// the wire (10 bits per byte: 8N1). Empty when the link keeps up.
std::string link_capacity_message(const StreamOptions& o, LineMode mode, uint64_t wire_bytes) {
    if (!o.rate_hz) return {};
    const double send_s = double(wire_bytes) * 10.0 / double(o.baud);
    const double lasts_s = double(o.length) / *o.rate_hz;
    if (send_s <= lasts_s) return {};
    const std::string baud = std::to_string(o.baud) + " baud";
    if (mode == LineMode::sample) {
        const double per_sample = double(wire_bytes) / double(o.length);
        return "at " + baud + " one sample line (about " + fixed(per_sample, 0) + " bytes) takes " +
               fixed(per_sample * 10.0 / double(o.baud) * 1e3, 2) + " ms to send, longer than the " +
               fixed(1e3 / *o.rate_hz, 2) + " ms between samples at " + number(*o.rate_hz) +
               " Hz: a board streaming live samples has to drop some, and a signal with holes is not a "
               "contiguous recording. Send a buffered signal per line, raise the baud or lower the rate";
    }
    return "at " + baud + " a signal (" + std::to_string(wire_bytes) + " bytes) takes " + fixed(send_s, 2) +
           " s to send but lasts " + fixed(lasts_s, 3) + " s at " + number(*o.rate_hz) +
           " Hz: the board cannot send every signal back to back, so there are gaps between signals "
           "(each one is still contiguous)";
}

}  // namespace

RecordSummary stream_signals(const StreamOptions& o, const SignalFn& on_signal, const EventFn& on_event,
                             util::CancelFlag cancel) {
    validate(o);
    SerialPort port(o.port, o.baud);
    const auto start = Clock::now();

    RecordSummary summary;
    summary.port = o.port;
    summary.baud = o.baud;
    summary.axes = o.axes;
    summary.length = o.length;
    summary.rate_hz = o.rate_hz;

    LineAssembler assembler(o.axes, o.length, o.mode);
    // Longer than any line of a whole signal can be (every value at the parser's longest token
    // plus a separator), so only noise or a line without its newline ever reaches it.
    LineSplitter splitter(assembler.values_per_signal() * (dataset::SignalParser::kMaxTokenBytes + 2) + 256);
    Counters& c = summary.counters;

    auto update = [&] {
        c.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
        c.signals_per_s = c.elapsed_s > 0 ? double(c.kept) / c.elapsed_s : 0;
        c.bytes_per_s = c.elapsed_s > 0 ? double(c.bytes) / c.elapsed_s : 0;
    };
    auto emit = [&](RecordEvent e) {
        update();
        e.counters = c;
        e.mode = assembler.mode();
        if (on_event) on_event(e);
    };

    {
        RecordEvent e;
        e.kind = EventKind::started;
        e.notice = "started";
        e.message = "reading " + o.port + " at " + std::to_string(o.baud) + " baud: signals of " + shape_text(o) +
                    ", " + (o.mode == LineMode::automatic ? "one signal or one sample per line (decided by the first line)"
                            : o.mode == LineMode::signal   ? "one signal per line"
                                                           : "one sample per line");
        emit(std::move(e));
    }

    bool done = false;
    uint64_t wire_bytes = 0;  // bytes of the lines of the signal being received
    bool capacity_checked = false;

    auto count_rejection = [&](Rejection r) {
        ++c.rejected;
        ++summary.rejected_by_reason[r.reason];
        if (summary.first_rejections.size() < kMaxListedRejections) summary.first_rejections.push_back(r);
        RecordEvent e;
        e.kind = EventKind::rejected;
        e.rejection = std::move(r);
        emit(std::move(e));
    };

    auto on_line = [&](const RawLine& raw) {
        if (done) return;  // lines after the last wanted signal in the same read are not taken
        c.lines = raw.number;
        wire_bytes += raw.bytes + 1;
        ParsedLine parsed;
        if (raw.too_long) {
            parsed.line = raw.number;
            Rejection r;
            r.reason = "line_too_long";
            r.message = "no newline within " + std::to_string(raw.bytes) + " bytes, more than a line of " +
                        std::to_string(assembler.values_per_signal()) +
                        " values can take: check --baud and that the board ends its lines with '\\n'";
            r.line = r.first_line = r.last_line = raw.number;
            parsed.error = std::move(r);
        } else {
            parsed = parse_line(raw.text, raw.number);
            if (parsed.blank()) {
                if (assembler.pending_samples() == 0) wire_bytes = 0;
                return;
            }
        }
        auto outcome = assembler.add(std::move(parsed));
        if (auto* r = std::get_if<Rejection>(&outcome)) {
            wire_bytes = 0;
            // The port may have been opened while the board was in the middle of a line
            // (QEMU's pty drops what the UART sends while nobody has it open).
            if (r->line == 1 && r->reason != "line_too_long")
                r->message += "; it is the first line received: the recording may have started in the middle of it";
            count_rejection(std::move(*r));
            return;
        }
        auto* s = std::get_if<AssembledSignal>(&outcome);
        if (!s) return;
        const uint64_t signal_bytes = wire_bytes;
        wire_bytes = 0;
        if (o.check_signals) {
            if (auto r = check_signal(s->values, o.axes, s->first_line, s->last_line)) {
                count_rejection(std::move(*r));
                return;
            }
        }
        if (on_signal) on_signal(*s, c);
        ++c.kept;
        RecordEvent e;
        e.kind = EventKind::kept;
        e.first_line = s->first_line;
        e.last_line = s->last_line;
        emit(std::move(e));
        if (!capacity_checked) {
            capacity_checked = true;
            std::string m = link_capacity_message(o, assembler.mode(), signal_bytes);
            if (!m.empty()) {
                RecordEvent n;
                n.kind = EventKind::notice;
                n.notice = "link_capacity";
                n.message = std::move(m);
                emit(std::move(n));
            }
        }
        if (o.max_signals != 0 && c.kept >= o.max_signals) done = true;
    };

    std::unique_ptr<char[]> buffer(new char[65536]);
    auto last_byte = Clock::now();
    bool idle_reported = false;
    for (;;) {
        if (cancel && cancel->load()) {
            summary.stop = StopReason::cancelled;
            break;
        }
        const SerialPort::Read r = port.read(buffer.get(), 65536, kPollMs);
        if (r.bytes > 0) {
            c.bytes += r.bytes;
            last_byte = Clock::now();
            idle_reported = false;
            splitter.feed({buffer.get(), r.bytes}, on_line);
            if (done) {
                summary.stop = StopReason::lines_reached;
                break;
            }
            continue;
        }
        if (r.closed) {
            summary.stop = StopReason::port_closed;
            break;
        }
        if (!idle_reported && std::chrono::duration<double>(Clock::now() - last_byte).count() >= o.idle_notice_s) {
            idle_reported = true;
            RecordEvent e;
            e.kind = EventKind::notice;
            e.notice = "idle";
            e.message = "no data from " + o.port + " for " + number(o.idle_notice_s) +
                        " s: is the board running and sending, and is " + std::to_string(o.baud) + " its baud?";
            emit(std::move(e));
        }
    }
    // What the stop cut: never written (a line is written only once its newline arrived and
    // its signal is complete).
    if (summary.stop != StopReason::lines_reached) {
        summary.discarded_bytes = splitter.pending_bytes();
        summary.discarded_samples = assembler.pending_samples();
    }
    update();
    summary.mode = assembler.mode();
    summary.samples_per_s = c.elapsed_s > 0 ? double(c.kept) * double(o.length) / c.elapsed_s : 0;
    RecordEvent e;
    e.kind = EventKind::stopped;
    e.notice = stop_reason_name(summary.stop);
    emit(std::move(e));
    return summary;
}

RecordSummary record(const RecordOptions& o, const EventFn& on_event, util::CancelFlag cancel) {
    validate(o);
    if (o.out.empty()) throw ParameterError("out", "no output file given");
    auto appender = std::make_unique<SignalAppender>(o.out, o.axes, o.length);
    auto forget_if_unused = [&] {
        // A file created for this recording that got no line is removed: nothing was recorded.
        if (appender && appender->created() && appender->appended() == 0) {
            appender.reset();
            ::unlink(o.out.c_str());
            return true;
        }
        return false;
    };
    RecordSummary summary;
    try {
        summary = stream_signals(
            o, [&](const AssembledSignal& s, const Counters&) { appender->append(s.values, s.separator); }, on_event,
            cancel);
    } catch (...) {
        forget_if_unused();
        throw;
    }
    summary.out = o.out;
    summary.created = appender->created();
    summary.existing_signals = appender->existing_signals();
    summary.file_signals = appender->signals();
    if (forget_if_unused()) {
        summary.check_status = "none";
        return summary;
    }
    appender.reset();  // closed (and unlocked) before it is read back
    dataset::CheckOptions check;
    check.rate_hz = o.rate_hz;
    const dataset::CheckReport report = dataset::check_file(o.out, o.axes, check);
    switch (report.status()) {
        case dataset::CheckStatus::ok: summary.check_status = "ok"; break;
        case dataset::CheckStatus::warnings: summary.check_status = "warnings"; break;
        case dataset::CheckStatus::errors: summary.check_status = "errors"; break;
    }
    for (const auto& i : report.errors) summary.check_findings.emplace_back(i.kind, i.message);
    for (const auto& i : report.warnings) summary.check_findings.emplace_back(i.kind, i.message);
    return summary;
}

}  // namespace vigil::engine::record

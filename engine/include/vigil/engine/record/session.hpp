// A recording session: the serial port, the line splitter, the assembler, the validator and
// (for record()) the appender, run together until enough signals were kept, the caller cancels
// or the port closes. One engine call each for `vigil record` and `vigil emulate --port`, and
// for the daemon's record/start (which runs record() on a worker thread with its own cancel
// flag: record/stop sets it, and every event can go out as a $/progress report).
//
// Stopping is a result, not an error: a cancelled recording returns its summary like a finished
// one (it does not throw util::Cancelled), since everything kept is in the file, whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "vigil/engine/record/events.hpp"
#include "vigil/engine/record/line_assembler.hpp"
#include "vigil/engine/util/cancel.hpp"

namespace vigil::engine::record {

struct StreamOptions {
    std::string port;                  // /dev/ttyACM0, /dev/ttyUSB0, /dev/pts/N
    uint32_t baud = 115200;
    size_t axes = 0;                   // values per sample, 1..1024 (as vigil check)
    size_t length = 0;                 // samples per axis in one signal, 1..65536
    LineMode mode = LineMode::automatic;
    uint64_t max_signals = 0;          // stop once this many are kept; 0: until cancelled or closed
    // The sample rate, for information and checking: the summary's file check runs with it
    // (spectral checks, as vigil check --rate), and it is compared with what the baud can carry
    // (a `link_capacity` notice when a signal takes longer to send than it lasts). The engine
    // never paces or resamples anything by it.
    std::optional<double> rate_hz;
    bool check_signals = true;         // the per-signal data checks (validator.hpp)
    double idle_notice_s = 5;          // an `idle` notice after this long without a byte
};

struct RecordOptions : StreamOptions {
    std::string out;  // the signal file lines are appended to (appender.hpp)
};

using EventFn = std::function<void(const RecordEvent&)>;
// A valid signal, in arrival order; counters are those before it is counted as kept. An
// exception thrown here ends the session and propagates to the caller.
using SignalFn = std::function<void(const AssembledSignal&, const Counters&)>;

// Checks the options (util::ParameterError naming the option: "port", "baud", "axes",
// "length", "rate", "out"), opens the port (PortError), then streams. Events go to on_event
// (may be empty) on the caller's thread; `cancel` is polled at least every 100 ms.
RecordSummary stream_signals(const StreamOptions& options, const SignalFn& on_signal, const EventFn& on_event,
                             util::CancelFlag cancel);

// stream_signals() with every valid signal appended to options.out (checked before the port is
// opened; util::LocatedError or std::runtime_error naming the file), then `vigil check` of the
// whole file in the summary. A file this call created stays only if a line was written to it.
RecordSummary record(const RecordOptions& options, const EventFn& on_event, util::CancelFlag cancel);

}  // namespace vigil::engine::record

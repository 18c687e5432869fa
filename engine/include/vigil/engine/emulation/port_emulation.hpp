// The emulator fed from a serial port (NanoEdge's "serial emulator"): the signals a board sends
// are read, parsed and assembled as `vigil record` does (record/session.hpp), then the first
// `learn_signals` are learned and every later one is detected, as it arrives. The per-signal
// data checks of a recording are off: a constant signal from a dead sensor is exactly what
// detection must score, not drop; a malformed line or one of the wrong length is still refused.
#pragma once

#include <cstdint>
#include <functional>

#include "vigil/engine/emulation/emulator_session.hpp"
#include "vigil/engine/record/session.hpp"

namespace vigil::engine::emulation {

struct PortEmulationOptions {
    record::StreamOptions stream;  // axes and length are taken from the session's recipe
    uint64_t learn_signals = 0;    // learn this many arriving signals first
    uint64_t detect_signals = 0;   // then stop after this many detections; 0: until cancelled or closed
};

struct PortResult {
    bool learned = false;        // true: a learn call; false: `detection` is set
    uint64_t first_line = 0;     // the port lines of the signal
    uint64_t last_line = 0;
    uint32_t learn_count = 0;    // after this signal
    Detection detection;         // detection.line is first_line
};

using PortResultFn = std::function<void(const PortResult&)>;

// Before opening the port, refuses (std::invalid_argument) a plan that cannot detect: fewer
// than the recipe's min_learn learn calls counting those already made. Errors of the stream as
// stream_signals(); a learn or detect the runtime refuses throws LocatedError naming the port
// and line.
record::RecordSummary emulate_from_port(EmulatorSession& session, const PortEmulationOptions& options,
                                        const PortResultFn& on_result, const record::EventFn& on_event,
                                        util::CancelFlag cancel);

}  // namespace vigil::engine::emulation

// Reading OpenOCD 0.12's log (its stderr): which problem it reports, the line that shows it,
// and what the user should do. Pure text in, facts out: unit-tested on real OpenOCD output.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vigil/engine/target/errors.hpp"

namespace vigil::engine::target {

struct OpenOcdDiagnosis {
    DeviceErrorKind kind = DeviceErrorKind::openocd_failed;
    std::string evidence;  // the log line that decided it, trimmed
    std::string summary;   // what happened, one sentence
    std::string advice;    // what to do
};

// The most specific problem the log shows (a probe-access problem before "no probe", a
// missing config before anything else...), or nothing when the log shows none.
std::optional<OpenOcdDiagnosis> diagnose_openocd_log(std::string_view log);

// "Info : Listening on port 39251 for tcl connections" -> 39251 (OpenOCD picks a free port
// when given `tcl_port 0`).
std::optional<uint16_t> tcl_port_from_log(std::string_view log);

// The "Error: ..." lines of the log, one per line (for messages when nothing more specific
// is known); empty when there are none.
std::string openocd_error_lines(std::string_view log);

// The last `max_lines` lines of a log, for messages.
std::string log_tail(std::string_view log, size_t max_lines);

}  // namespace vigil::engine::target

// Why a line from the board did not make it into the recording: the stable `reason` codes are
// those of `vigil check` (docs/check.md: non_numeric, inconsistent_length, constant_signal...)
// plus two of the serial stream (line_too_long, incomplete_signal; docs/record.md).
#pragma once

#include <cstdint>
#include <string>

namespace vigil::engine::record {

struct Rejection {
    std::string reason;       // stable snake_case code
    std::string message;      // one sentence, without the line number
    uint64_t line = 0;        // the port line at fault (1-based, counted from the start of the recording)
    uint64_t column = 0;      // 1-based byte in that line; 0: the whole line
    uint64_t first_line = 0;  // the lines lost with it: a whole-signal line is first = last = line;
    uint64_t last_line = 0;   // in sample mode, the samples of the signal being assembled too
};

}  // namespace vigil::engine::record

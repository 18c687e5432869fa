// The checks one line from the board goes through, with the engine's own code for each:
// the numbers are read by the signal-file parser (dataset/signal_parser.hpp: the same
// separators, number syntax, errors and messages as `vigil check`), and a complete signal goes
// through the dataset checks (dataset/checks.hpp) of which three concern a single signal:
// constant_signal, constant_axis (within the signal) and data_repetition. Those three reject
// it; the file-wide ones (duplicates, outliers, spectra...) are reported on the whole file at
// the end of a recording instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "vigil/engine/record/rejection.hpp"

namespace vigil::engine::record {

struct ParsedLine {
    uint64_t line = 0;
    std::vector<float> values;         // empty for a blank line or when `error` is set
    char separator = 0;                // ' ', '\t', ',' or ';'; 0 for a single value
    std::optional<Rejection> error;    // the parser's blocking error (reason = its kind)
    bool blank() const { return values.empty() && !error; }
};

// Reads the numbers of one line (without its '\n'; a trailing '\r' is fine).
ParsedLine parse_line(std::string_view text, uint64_t line);

// The per-signal data checks on one complete signal (`axes` values per sample, interleaved).
// `first_line`/`last_line` are the port lines it came from (equal for a whole-signal line).
std::optional<Rejection> check_signal(std::span<const float> values, size_t axes, uint64_t first_line,
                                      uint64_t last_line);

}  // namespace vigil::engine::record

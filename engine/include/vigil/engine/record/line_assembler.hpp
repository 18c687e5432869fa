// Turns parsed lines into signals of `length` samples x `axes` values. A board sends either a
// whole signal per line (length x axes values) or one sample per line (axes values), which
// LineMode says; `automatic` decides on the first line holding exactly one of the two counts
// (lines before it are rejected) and keeps that mode for the rest of the recording.
//
// In sample mode `length` consecutive samples make a signal. A bad sample breaks the signal
// being assembled: its samples are dropped with it (a signal with a hole would not be a
// contiguous recording), and assembly starts again at the next good sample.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "vigil/engine/record/rejection.hpp"
#include "vigil/engine/record/validator.hpp"

namespace vigil::engine::record {

enum class LineMode { automatic, signal, sample };

std::string mode_name(LineMode mode);                      // "auto", "signal", "sample"
std::optional<LineMode> mode_from_name(std::string_view name);

struct AssembledSignal {
    std::vector<float> values;  // length x axes, interleaved per sample
    uint64_t first_line = 0;    // the port lines it came from
    uint64_t last_line = 0;
    char separator = 0;         // the board's separator (0: one value per line)
};

class LineAssembler {
public:
    // Throws std::invalid_argument when axes or length is 0.
    LineAssembler(size_t axes, size_t length, LineMode mode);

    struct Nothing {};  // a blank line, or a sample added to the signal being assembled
    using Outcome = std::variant<Nothing, AssembledSignal, Rejection>;

    // One line, as parse_line() read it (its parse error, if any, becomes the rejection).
    Outcome add(ParsedLine line);

    LineMode mode() const { return mode_; }  // `automatic` until a line decided
    size_t pending_samples() const { return samples_; }
    size_t values_per_signal() const { return axes_ * length_; }
    // "768 values (256 samples x 3 axes)" and the like, for messages.
    std::string expected_text() const;

private:
    Rejection reject(Rejection r);  // drops the pending samples into r's range
    Outcome add_sample(ParsedLine& line);

    size_t axes_, length_;
    LineMode mode_;
    std::vector<float> buffer_;
    size_t samples_ = 0;
    uint64_t first_line_ = 0;
    char separator_ = 0;
};

}  // namespace vigil::engine::record

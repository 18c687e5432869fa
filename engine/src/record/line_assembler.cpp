#include "vigil/engine/record/line_assembler.hpp"

#include <stdexcept>

namespace vigil::engine::record {

std::string mode_name(LineMode mode) {
    switch (mode) {
        case LineMode::automatic: return "auto";
        case LineMode::signal: return "signal";
        case LineMode::sample: return "sample";
    }
    return "auto";
}

std::optional<LineMode> mode_from_name(std::string_view name) {
    if (name == "auto") return LineMode::automatic;
    if (name == "signal") return LineMode::signal;
    if (name == "sample") return LineMode::sample;
    return std::nullopt;
}

LineAssembler::LineAssembler(size_t axes, size_t length, LineMode mode) : axes_(axes), length_(length), mode_(mode) {
    if (axes_ == 0 || length_ == 0) throw std::invalid_argument("LineAssembler: axes and length must be at least 1");
    // One sample per line of a one-sample signal is a whole signal per line.
    if (length_ == 1 && mode_ == LineMode::sample) mode_ = LineMode::signal;
}

std::string LineAssembler::expected_text() const {
    const std::string signal = std::to_string(values_per_signal()) + " (" + std::to_string(length_) + " samples x " +
                               std::to_string(axes_) + (axes_ == 1 ? " axis)" : " axes)");
    const std::string sample = std::to_string(axes_) + " (one sample)";
    switch (mode_) {
        case LineMode::signal: return signal;
        case LineMode::sample: return sample;
        case LineMode::automatic: return signal + " or " + sample;
    }
    return signal;
}

Rejection LineAssembler::reject(Rejection r) {
    if (samples_ > 0) {
        r.first_line = first_line_;
        r.message += "; the " + std::to_string(samples_) + " sample" + (samples_ == 1 ? "" : "s") +
                     " of the signal being assembled (from line " + std::to_string(first_line_) +
                     ") are dropped with it";
        samples_ = 0;
        buffer_.clear();
    }
    return r;
}

LineAssembler::Outcome LineAssembler::add(ParsedLine line) {
    if (line.error) return reject(std::move(*line.error));
    if (line.blank()) return Nothing{};
    const size_t n = line.values.size();
    if (mode_ == LineMode::automatic) {
        if (n == values_per_signal()) mode_ = LineMode::signal;
        else if (n == axes_) mode_ = LineMode::sample;
    }
    if (mode_ == LineMode::sample && n == axes_) return add_sample(line);
    if (mode_ == LineMode::signal && n == values_per_signal()) {
        AssembledSignal s;
        s.values = std::move(line.values);
        s.first_line = s.last_line = line.line;
        s.separator = line.separator;
        return s;
    }
    Rejection r;
    r.reason = "inconsistent_length";
    r.message = std::to_string(n) + (n == 1 ? " value" : " values") + ", expected " + expected_text();
    r.line = r.first_line = r.last_line = line.line;
    return reject(std::move(r));
}

LineAssembler::Outcome LineAssembler::add_sample(ParsedLine& line) {
    if (samples_ == 0) {
        first_line_ = line.line;
        separator_ = line.separator;
        buffer_.reserve(values_per_signal());
    }
    buffer_.insert(buffer_.end(), line.values.begin(), line.values.end());
    if (++samples_ < length_) return Nothing{};
    AssembledSignal s;
    s.values = std::move(buffer_);
    s.first_line = first_line_;
    s.last_line = line.line;
    s.separator = separator_;
    buffer_ = {};
    samples_ = 0;
    return s;
}

}  // namespace vigil::engine::record

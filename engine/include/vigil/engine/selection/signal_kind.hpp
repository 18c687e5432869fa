// What kind of signal a project's lines hold (vigil.json "sensor.kind"). The candidate space
// uses it to narrow and order its preprocessing paths (docs/selection.md, "Signal kinds");
// `generic` tries every path, so a user who does not know still gets the right one.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace vigil::engine::selection {

enum class SignalKind {
    generic,    // unknown: every path
    vibration,  // time series from an accelerometer or a gyroscope: spectra and bands first
    current,    // motor current, time series: like vibration, plus the line's level
    acoustic,   // sound, time series at a high rate: spectra and bands
    spectrum,   // each line already is a magnitude spectrum or a feature vector
    process,    // slow process variables (temperature, pressure, flow): levels, trends, channels
};

std::string_view to_string(SignalKind kind);
std::optional<SignalKind> parse_signal_kind(std::string_view text);
std::span<const std::string_view> signal_kind_names();  // in enum order

}  // namespace vigil::engine::selection

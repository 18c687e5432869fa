// A project's settings, `vigil.json` at the root of a folder the user owns (DESIGN.md,
// principle 6). Parsing refuses invalid settings naming the field, so every later step can
// trust them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/engine/selection/signal_kind.hpp"

namespace vigil::engine::project {

// A refused setting: `field` is the JSON path ("sensor.axes"), `file` the vigil.json involved.
struct SettingsError : std::runtime_error {
    SettingsError(std::string file, std::string field, const std::string& message);
    std::string file;
    std::string field;
};

enum class Core { cortex_m0, cortex_m0plus, cortex_m3, cortex_m4, cortex_m7, cortex_m33 };
enum class SensorType { accelerometer, gyroscope, magnetometer, current, microphone, generic };

std::string_view to_string(Core core);
std::string_view to_string(SensorType type);
std::optional<Core> parse_core(std::string_view text);             // "cortex-m4", "m4", "M4"...
std::optional<SensorType> parse_sensor_type(std::string_view text);
const std::vector<std::string_view>& core_names();
const std::vector<std::string_view>& sensor_type_names();

// One group of signal files (a machine or an operating condition): paths relative to the
// project folder, as the user imported them.
struct SignalFiles {
    std::string regular;
    std::string abnormal;
    bool operator==(const SignalFiles&) const = default;
};

struct Settings {
    std::string name;
    std::string description;
    Core core = Core::cortex_m4;
    double max_ram_kb = 16;                   // the library's RAM must fit in this
    std::optional<double> max_flash_kb;       // optional flash budget
    SensorType sensor = SensorType::accelerometer;
    uint32_t axes = 3;
    // What the lines hold ("sensor.kind"): it narrows and orders the candidate space, so it
    // decides a benchmark's result. Absent in vigil.json: generic (every path).
    selection::SignalKind kind = selection::SignalKind::generic;
    std::optional<double> sampling_rate_hz;   // enables frequency-aware checks and plots in Hz
    // The project's signal files ("signals" in vigil.json): what a benchmark uses when it is
    // given no files, and what the editor lists. Not part of what decides a benchmark's result
    // (those record their own files), so adding a file never blocks a resume.
    std::vector<SignalFiles> signals;
    // The board the library is for (an id of the board catalog, probes/boards): it sets `core`,
    // and `vigil target test` uses it when given no --board. None: only the core is known.
    std::optional<std::string> board;
};

// The usual axis count of a sensor type (accelerometer, gyroscope, magnetometer: 3).
uint32_t default_axes(SensorType type);

nlohmann::json to_json(const Settings& settings);
// Throws SettingsError naming the field for a missing, mistyped or out-of-range value and for
// an unknown key (a typo must not be silently ignored). `file` is used in messages.
Settings from_json(const nlohmann::json& json, const std::string& file);

}  // namespace vigil::engine::project

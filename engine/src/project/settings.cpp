#include "vigil/engine/project/settings.hpp"

#include "vigil/engine/boards/catalog.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace vigil::engine::project {

SettingsError::SettingsError(std::string file_, std::string field_, const std::string& message)
    : std::runtime_error(file_ + ": " + field_ + ": " + message), file(std::move(file_)), field(std::move(field_)) {}

namespace {

constexpr std::string_view kCoreNames[] = {"cortex-m0", "cortex-m0plus", "cortex-m3",
                                           "cortex-m4", "cortex-m7", "cortex-m33"};
constexpr std::string_view kSensorNames[] = {"accelerometer", "gyroscope", "magnetometer",
                                             "current", "microphone", "generic"};

// Limits that keep the benchmark meaningful; the device runtime supports up to 16 axes.
constexpr uint32_t kMaxAxes = 16;
constexpr double kMaxRamKb = 1024 * 1024;

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string join(const std::vector<std::string_view>& names) {
    std::string out;
    for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

}  // namespace

std::string_view to_string(Core core) { return kCoreNames[static_cast<int>(core)]; }
std::string_view to_string(SensorType type) { return kSensorNames[static_cast<int>(type)]; }

const std::vector<std::string_view>& core_names() {
    static const std::vector<std::string_view> names(std::begin(kCoreNames), std::end(kCoreNames));
    return names;
}
const std::vector<std::string_view>& sensor_type_names() {
    static const std::vector<std::string_view> names(std::begin(kSensorNames), std::end(kSensorNames));
    return names;
}

std::optional<Core> parse_core(std::string_view text) {
    std::string t = lower(text);
    // Accept the short forms people type ("m4", "M0+", "cortex-m0+").
    if (t.rfind("cortex-", 0) != 0) t = "cortex-" + t;
    if (!t.empty() && t.back() == '+') t = t.substr(0, t.size() - 1) + "plus";
    for (size_t i = 0; i < std::size(kCoreNames); ++i)
        if (t == kCoreNames[i]) return static_cast<Core>(i);
    return std::nullopt;
}

std::optional<SensorType> parse_sensor_type(std::string_view text) {
    const std::string t = lower(text);
    for (size_t i = 0; i < std::size(kSensorNames); ++i)
        if (t == kSensorNames[i]) return static_cast<SensorType>(i);
    return std::nullopt;
}

uint32_t default_axes(SensorType type) {
    switch (type) {
        case SensorType::accelerometer:
        case SensorType::gyroscope:
        case SensorType::magnetometer: return 3;
        default: return 1;
    }
}

nlohmann::json to_json(const Settings& s) {
    nlohmann::json j = {
        {"name", s.name},
        {"description", s.description},
        {"core", std::string(to_string(s.core))},
        {"max_ram_kb", s.max_ram_kb},
        {"sensor",
         {{"type", std::string(to_string(s.sensor))},
          {"axes", s.axes},
          {"kind", std::string(selection::to_string(s.kind))}}},
    };
    if (s.max_flash_kb) j["max_flash_kb"] = *s.max_flash_kb;
    if (s.sampling_rate_hz) j["sampling_rate_hz"] = *s.sampling_rate_hz;
    if (s.board) j["board"] = *s.board;
    if (!s.signals.empty()) {
        j["signals"] = nlohmann::json::array();
        for (const auto& g : s.signals) j["signals"].push_back({{"regular", g.regular}, {"abnormal", g.abnormal}});
    }
    return j;
}

namespace {

class Reader {
public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const std::string& field, const std::string& message) const {
        throw SettingsError(file_, field, message);
    }

    void only_keys(const nlohmann::json& obj, const std::string& prefix, const std::set<std::string>& allowed) const {
        for (auto it = obj.begin(); it != obj.end(); ++it)
            if (!allowed.count(it.key())) fail(prefix + it.key(), "unknown setting (allowed: " + join_set(allowed) + ")");
    }

    std::string text(const nlohmann::json& obj, const std::string& key, const std::string& field, bool required) const {
        if (!obj.contains(key)) {
            if (required) fail(field, "missing (a text is required)");
            return {};
        }
        if (!obj[key].is_string()) fail(field, "must be a text, got " + std::string(obj[key].type_name()));
        return obj[key].get<std::string>();
    }

    std::optional<double> number(const nlohmann::json& obj, const std::string& key, const std::string& field,
                                 double min, double max) const {
        if (!obj.contains(key) || obj[key].is_null()) return std::nullopt;
        const auto& v = obj[key];
        if (!v.is_number()) fail(field, "must be a number, got " + std::string(v.type_name()));
        const double d = v.get<double>();
        if (!std::isfinite(d) || d < min || d > max)
            fail(field, "must be between " + fmt(min) + " and " + fmt(max) + ", got " + v.dump());
        return d;
    }

private:
    static std::string fmt(double d) {
        nlohmann::json j = d;
        if (d == std::floor(d)) j = static_cast<int64_t>(d);
        return j.dump();
    }
    static std::string join_set(const std::set<std::string>& s) {
        std::string out;
        for (const auto& k : s) out += (out.empty() ? "" : ", ") + k;
        return out;
    }
    std::string file_;
};

}  // namespace

Settings from_json(const nlohmann::json& j, const std::string& file) {
    Reader r(file);
    if (!j.is_object()) r.fail("(root)", "must be a JSON object");
    r.only_keys(j, "", {"name", "description", "board", "core", "max_ram_kb", "max_flash_kb", "sensor", "sampling_rate_hz",
                        "signals"});

    Settings s;
    s.name = r.text(j, "name", "name", true);
    if (s.name.empty()) r.fail("name", "must not be empty");
    s.description = r.text(j, "description", "description", false);

    // A board names its core: `core` may then be left out, and must agree when given.
    std::optional<boards::Board> board;
    if (j.contains("board") && !j["board"].is_null()) {
        const std::string id = r.text(j, "board", "board", true);
        const auto catalog = boards::default_catalog();
        board = boards::find_board(catalog, id);
        if (!board) {
            std::string known;
            for (const auto& b : catalog) known += (known.empty() ? "" : ", ") + b.id;
            r.fail("board", "unknown board '" + id + "' (the catalog, `vigil boards`: " + known + ")");
        }
        s.board = board->id;
    }
    const std::string core = r.text(j, "core", "core", !board);
    if (!core.empty()) {
        auto c = parse_core(core);
        if (!c) r.fail("core", "unknown core '" + core + "' (accepted: " + join(core_names()) + ")");
        if (board && *c != board->core)
            r.fail("core", "the board " + board->name + " has a " + std::string(to_string(board->core)) + ", but core is " +
                               std::string(to_string(*c)) + ": leave core out (the board sets it) or pick another board");
        s.core = *c;
    } else {
        s.core = board->core;
    }

    auto ram = r.number(j, "max_ram_kb", "max_ram_kb", 0.25, kMaxRamKb);
    if (!ram) r.fail("max_ram_kb", "missing (the RAM budget of the library in kB, e.g. 16)");
    s.max_ram_kb = *ram;
    s.max_flash_kb = r.number(j, "max_flash_kb", "max_flash_kb", 1, kMaxRamKb * 16);
    s.sampling_rate_hz = r.number(j, "sampling_rate_hz", "sampling_rate_hz", 1e-3, 1e7);

    if (!j.contains("sensor")) r.fail("sensor", "missing (an object with \"type\" and \"axes\")");
    const auto& sensor = j["sensor"];
    if (!sensor.is_object()) r.fail("sensor", "must be an object with \"type\" and \"axes\"");
    r.only_keys(sensor, "sensor.", {"type", "axes", "kind"});
    const std::string type = r.text(sensor, "type", "sensor.type", true);
    auto t = parse_sensor_type(type);
    if (!t) r.fail("sensor.type", "unknown sensor type '" + type + "' (accepted: " + join(sensor_type_names()) + ")");
    s.sensor = *t;
    if (!sensor.contains("axes")) r.fail("sensor.axes", "missing (the number of axes, 1 to 16)");
    const auto& axes = sensor["axes"];
    if (!axes.is_number_integer() || axes.get<int64_t>() < 1 || axes.get<int64_t>() > kMaxAxes)
        r.fail("sensor.axes", "must be a whole number from 1 to " + std::to_string(kMaxAxes) + ", got " + axes.dump());
    s.axes = static_cast<uint32_t>(axes.get<int64_t>());
    // Absent: generic, so vigil.json files written before the kind existed stay valid.
    if (sensor.contains("kind")) {
        const std::string kind = r.text(sensor, "kind", "sensor.kind", true);
        auto k = selection::parse_signal_kind(lower(kind));
        if (!k) {
            const auto names = selection::signal_kind_names();
            r.fail("sensor.kind", "unknown signal kind '" + kind + "' (accepted: " +
                                      join(std::vector<std::string_view>(names.begin(), names.end())) + ")");
        }
        s.kind = *k;
    }

    if (j.contains("signals")) {
        const auto& groups = j["signals"];
        if (!groups.is_array()) r.fail("signals", "must be an array of {\"regular\", \"abnormal\"} file pairs");
        for (size_t g = 0; g < groups.size(); ++g) {
            const std::string field = "signals[" + std::to_string(g) + "]";
            if (!groups[g].is_object()) r.fail(field, "must be an object with \"regular\" and \"abnormal\"");
            r.only_keys(groups[g], field + ".", {"regular", "abnormal"});
            SignalFiles files{r.text(groups[g], "regular", field + ".regular", true),
                              r.text(groups[g], "abnormal", field + ".abnormal", true)};
            if (files.regular.empty()) r.fail(field + ".regular", "must not be empty");
            if (files.abnormal.empty()) r.fail(field + ".abnormal", "must not be empty");
            s.signals.push_back(std::move(files));
        }
    }
    return s;
}

}  // namespace vigil::engine::project

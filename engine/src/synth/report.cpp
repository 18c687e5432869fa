#include "vigil/engine/synth/report.hpp"

#include "kinds.hpp"

namespace vigil::engine::synth {

namespace {

const char* role_name(Machine machine, AxisRole role) {
    if (machine == Machine::current) {
        static const char* phases[] = {"phase A", "phase B", "phase C"};
        return phases[static_cast<int>(role)];
    }
    switch (role) {
    case AxisRole::radial_horizontal: return "radial horizontal";
    case AxisRole::radial_vertical: return "radial vertical";
    case AxisRole::axial: return "axial";
    }
    return "?";
}

}  // namespace

nlohmann::json describe(const Generator& generator) {
    const SynthSpec& s = generator.spec();
    const MachineParameters& m = generator.machine();
    nlohmann::json sensors = nlohmann::json::array();
    for (const auto& sensor : m.sensors)
        sensors.push_back({{"role", role_name(s.machine, sensor.role)}, {"gain", sensor.gain}, {"offset", sensor.offset}});

    if (s.machine == Machine::process) {
        nlohmann::json channels = nlohmann::json::array();
        for (uint32_t c = 0; c < s.axes; ++c) {
            const ProcessChannel ch = process_channel(c);
            channels.push_back({{"channel", c}, {"name", ch.name}, {"unit", ch.unit}, {"unit_number", 1 + c / 4},
                                {"gain", m.sensors[c].gain}});
        }
        return {
            {"kind", "process"},
            {"machine", "process"},
            {"fault", std::string(to_string(s.fault))},
            {"severity", s.severity},
            {"axes", s.axes},
            {"rate_hz", s.rate_hz},  // not used: one reading per sample, whatever its interval
            {"length", s.length},
            {"readings_per_line", s.length},
            {"values_per_signal", generator.values_per_signal()},
            {"signals", s.signals},
            {"abnormal_signals", s.abnormal_signals},
            {"seed", s.seed},
            {"channels", channels},
        };
    }
    nlohmann::json out = {
        {"kind", std::string(to_string(s.machine))},
        {"machine", std::string(to_string(s.machine))},
        {"fault", std::string(to_string(s.fault))},
        {"severity", s.severity},
        {"axes", s.axes},
        {"rate_hz", s.rate_hz},
        {"length", s.length},
        {"values_per_signal", generator.values_per_signal()},
        {"signals", s.signals},
        {"abnormal_signals", s.abnormal_signals},
        {"seed", s.seed},
        {"unit", std::string(m.unit)},
        {"shaft_hz", m.shaft_hz},
        {"shaft_rpm", m.shaft_hz * 60.0},
        {"speed_spread", m.speed_spread},
        {"bearing",
         {{"balls", m.bearing.balls},
          {"ball_diameter_mm", m.bearing.ball_diameter_mm},
          {"pitch_diameter_mm", m.bearing.pitch_diameter_mm},
          {"contact_angle_deg", m.bearing.contact_angle_deg}}},
        {"bpfo_hz", m.bearing_hz.bpfo},
        {"bpfi_hz", m.bearing_hz.bpfi},
        {"bsf_hz", m.bearing_hz.bsf},
        {"ftf_hz", m.bearing_hz.ftf},
        {"noise_rms", m.noise_rms},
        {"sensors", sensors},
    };
    if (s.machine == Machine::spectrum) {
        out["bins"] = s.length;
        out["bin_hz"] = spectrum_bin_hz(s);
        out["spectrum"] = "|rfft| of 2 x length samples at rate_hz, Hann window, bins 1..length (no DC)";
        out["resonance_hz"] = m.resonance_hz;
    } else if (s.machine == Machine::vibration) {
        out["resonance_hz"] = m.resonance_hz;
        out["resonance_damping"] = m.resonance_damping;
        out["gravity_g"] = m.gravity;
    } else {
        out["line_hz"] = m.line_hz;
        out["load"] = m.load;
        out["slip"] = m.slip;
        out["high_pass_hz"] = m.high_pass_hz;
    }
    return out;
}

}  // namespace vigil::engine::synth

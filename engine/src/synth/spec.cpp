#include "vigil/engine/synth/spec.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>
#include <utility>

namespace vigil::engine::synth {

namespace {

constexpr std::array<std::pair<Machine, std::string_view>, 4> kMachineNames{{
    {Machine::vibration, "vibration"},
    {Machine::current, "current"},
    {Machine::spectrum, "spectrum"},
    {Machine::process, "process"},
}};

constexpr std::array<std::pair<Fault, std::string_view>, 11> kFaultNames{{
    {Fault::imbalance, "imbalance"},
    {Fault::misalignment, "misalignment"},
    {Fault::looseness, "looseness"},
    {Fault::outer_race, "outer-race"},
    {Fault::inner_race, "inner-race"},
    {Fault::band, "band"},
    {Fault::harmonics, "harmonics"},
    {Fault::drift, "drift"},
    {Fault::step, "step"},
    {Fault::variance, "variance"},
    {Fault::decorrelation, "decorrelation"},
}};

// The default first (outer-race: see SynthSpec::fault).
constexpr std::array<Fault, 5> kMechanicalFaults{Fault::outer_race, Fault::imbalance, Fault::misalignment,
                                                 Fault::looseness, Fault::inner_race};
constexpr std::array<Fault, 2> kSpectrumFaults{Fault::band, Fault::harmonics};
constexpr std::array<Fault, 4> kProcessFaults{Fault::drift, Fault::step, Fault::variance, Fault::decorrelation};

[[noreturn]] void reject(const char* parameter, const std::string& message) {
    throw SpecError(parameter, std::string(parameter) + ": " + message);
}

std::string number(double v) {
    std::ostringstream o;
    o << v;
    return o.str();
}

}  // namespace

void validate(const SynthSpec& spec) {
    if (spec.axes < 1 || spec.axes > kMaxAxes)
        reject("axes", "must be from 1 to " + std::to_string(kMaxAxes) + ", got " + std::to_string(spec.axes));
    if (!std::isfinite(spec.rate_hz) || spec.rate_hz < kMinRateHz || spec.rate_hz > kMaxRateHz)
        reject("rate_hz", "must be from " + number(kMinRateHz) + " to " + number(kMaxRateHz) + " Hz, got " +
                              number(spec.rate_hz));
    if (spec.machine == Machine::current && spec.rate_hz < kMinCurrentRateHz)
        reject("rate_hz", "motor current needs at least " + number(kMinCurrentRateHz) +
                              " Hz to sample the 50 Hz line, got " + number(spec.rate_hz));
    if (spec.length < kMinLength || spec.length > kMaxLength)
        reject("length", "must be from " + std::to_string(kMinLength) + " to " + std::to_string(kMaxLength) +
                             " samples, got " + std::to_string(spec.length));
    if (spec.signals < 1 || spec.signals > kMaxSignals)
        reject("signals", "must be from 1 to " + std::to_string(kMaxSignals) + ", got " + std::to_string(spec.signals));
    if (spec.abnormal_signals < 1 || spec.abnormal_signals > kMaxSignals)
        reject("abnormal_signals", "must be from 1 to " + std::to_string(kMaxSignals) + ", got " +
                                       std::to_string(spec.abnormal_signals));
    if (!std::isfinite(spec.severity) || spec.severity < 0.0 || spec.severity > 1.0)
        reject("severity", "must be from 0 to 1, got " + number(spec.severity));
    const auto faults = faults_of(spec.machine);
    if (std::find(faults.begin(), faults.end(), spec.fault) == faults.end()) {
        std::string accepted;
        for (Fault f : faults) accepted += (accepted.empty() ? "" : ", ") + std::string(to_string(f));
        reject("fault", std::string(to_string(spec.fault)) + " is not a fault of the " +
                            std::string(to_string(spec.machine)) + " kind (its faults: " + accepted + ")");
    }
    if (spec.shaft_hz != 0.0) {
        if (spec.machine != Machine::vibration && spec.machine != Machine::spectrum)
            reject("shaft_hz", "applies to the vibration and spectrum kinds only (motor speed follows line frequency "
                               "and slip; process data has no shaft)");
        // The inner-race frequency is 5.4x the shaft speed and its harmonics must stay
        // below Nyquist, hence rate / 20.
        const double max_shaft = spec.rate_hz / 20.0;
        if (!std::isfinite(spec.shaft_hz) || spec.shaft_hz < 0.1 || spec.shaft_hz > max_shaft)
            reject("shaft_hz", "must be from 0.1 to rate/20 = " + number(max_shaft) + " Hz, got " +
                                   number(spec.shaft_hz));
    }
}

std::span<const Fault> faults_of(Machine machine) {
    switch (machine) {
        case Machine::vibration:
        case Machine::current: return kMechanicalFaults;
        case Machine::spectrum: return kSpectrumFaults;
        case Machine::process: return kProcessFaults;
    }
    return kMechanicalFaults;
}

SynthSpec defaults_for(Machine machine) {
    SynthSpec spec;
    spec.machine = machine;
    spec.fault = faults_of(machine).front();
    if (machine == Machine::spectrum) {
        spec.axes = 1;
        spec.length = 256;
    } else if (machine == Machine::process) {
        spec.axes = 4;
        spec.length = 32;
    }
    return spec;
}

std::string_view to_string(Machine machine) {
    for (const auto& [m, name] : kMachineNames)
        if (m == machine) return name;
    return "?";
}

std::string_view to_string(Fault fault) {
    for (const auto& [f, name] : kFaultNames)
        if (f == fault) return name;
    return "?";
}

std::optional<Machine> parse_machine(std::string_view text) {
    for (const auto& [m, name] : kMachineNames)
        if (name == text) return m;
    return std::nullopt;
}

std::optional<Fault> parse_fault(std::string_view text) {
    for (const auto& [f, name] : kFaultNames)
        if (name == text) return f;
    return std::nullopt;
}

}  // namespace vigil::engine::synth

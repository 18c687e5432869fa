// What the synthetic generator is asked to produce: the machine, the fault, the sampling and
// the sizes. Plain data; validate() says which parameter is wrong and why.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <span>
#include <string_view>

namespace vigil::engine::synth {

// The kind of signal made (`vigil synth --kind`; `--machine` is its older name).
enum class Machine {
    vibration,  // accelerometer on a rotating machine's bearing housing, values in g
    current,    // current clamps on the phases of an induction motor, values in A
    spectrum,   // each line a magnitude spectrum of a vibration (bins per axis), values in g
    process,    // slow process variables (temperature, pressure, flow, current), one reading per sample
};

enum class Fault {
    imbalance,     // mass off the rotation axis: strong 1x, radial
    misalignment,  // shafts not collinear across the coupling: strong 2x, axial
    looseness,     // loose foot or fit: many harmonics and half-harmonics, truncation
    outer_race,    // bearing outer-race defect: impulses at BPFO ringing a resonance
    inner_race,    // bearing inner-race defect: impulses at BPFI, modulated at 1x
    // spectrum
    band,          // a band of the spectrum raised (a resonance excited by a defect, friction)
    harmonics,     // a new harmonic family: multiples of a fault frequency (a bearing's BPFO)
    // process
    drift,          // one variable drifts away within the line (fouling, a sensor ageing)
    step,           // one variable jumps to another level partway through the line
    variance,       // the variables get noisier (instability, cavitation)
    decorrelation,  // one variable stops following the operating point the others follow
};

inline constexpr double kDefaultSeverity = 0.5;

struct SynthSpec {
    uint32_t axes = 3;
    double rate_hz = 1600.0;
    uint32_t length = 256;  // samples per axis in one signal
    uint32_t signals = 200;
    uint32_t abnormal_signals = 200;
    uint64_t seed = 1;
    Machine machine = Machine::vibration;
    // The default: a bearing defect is the textbook case for spectral anomaly detection and
    // is invisible to level-based checks (RMS, mean), so it shows why Vigil exists.
    Fault fault = Fault::outer_race;
    // 0: no fault at all; the fault's amplitude grows as (severity / 0.5)^2, so the default is
    // learnable but not trivial and 1 (four times as strong) is obvious.
    double severity = kDefaultSeverity;
    // Nominal shaft speed of a vibration machine; 0 chooses one from the rate and length
    // (see derive_parameters). Motor current derives the speed from line frequency and slip.
    double shaft_hz = 0.0;
};

// Limits checked by validate(); the CLI reuses them for its messages.
inline constexpr uint32_t kMaxAxes = 16;
inline constexpr double kMinRateHz = 100.0;
inline constexpr double kMaxRateHz = 1.0e6;
inline constexpr double kMinCurrentRateHz = 200.0;  // four samples per 50 Hz period, at least
inline constexpr uint32_t kMinLength = 16;
inline constexpr uint32_t kMaxLength = 1u << 20;
inline constexpr uint32_t kMaxSignals = 10'000'000;

// A spec that cannot be generated; `parameter` names the field ("axes", "rate_hz", ...).
struct SpecError : std::invalid_argument {
    SpecError(std::string parameter, const std::string& message)
        : std::invalid_argument(message), parameter(std::move(parameter)) {}
    std::string parameter;
};

void validate(const SynthSpec& spec);

// The defaults of a kind: the SynthSpec defaults for vibration and current; spectrum: 1 axis of
// 256 bins, fault `band`; process: 4 channels of 32 readings, fault `drift`.
SynthSpec defaults_for(Machine machine);
// The kind's own faults (validate refuses another's), the first being its default.
std::span<const Fault> faults_of(Machine machine);

std::string_view to_string(Machine machine);
std::string_view to_string(Fault fault);
std::optional<Machine> parse_machine(std::string_view text);
std::optional<Fault> parse_fault(std::string_view text);  // "outer-race", "inner-race", ...

}  // namespace vigil::engine::synth

// The simulated machine: everything fixed for one seed and spec (speed, bearing, resonance,
// sensors). Regular and abnormal signals come from the same machine; only the fault differs.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "vigil/engine/synth/bearing.hpp"
#include "vigil/engine/synth/spec.hpp"

namespace vigil::engine::synth {

// Where an axis points. A 3-axis accelerometer on a horizontal machine: x radial horizontal,
// y radial vertical (it sees gravity), z axial. More axes repeat the pattern (a second sensor).
// For motor current an axis is a phase clamp: phase A, B, C (120 degrees apart).
enum class AxisRole { radial_horizontal, radial_vertical, axial };

struct AxisSensor {
    AxisRole role;
    double gain;    // relative sensitivity error of this channel (about 1)
    double offset;  // zero offset of this channel, in the signal's unit
};

struct MachineParameters {
    std::string_view unit;     // "g" (vibration) or "A" (current)
    double shaft_hz;           // nominal shaft speed
    double speed_spread;       // relative standard deviation of the speed between signals
    BearingGeometry bearing;
    BearingFrequencies bearing_hz;  // at the nominal shaft speed
    double resonance_hz;       // structural resonance the bearing impacts ring (vibration)
    double resonance_damping;  // its damping ratio
    double line_hz;            // supply frequency (current)
    double load;               // nominal load, 0..1 (current)
    double slip;               // nominal slip at that load (current)
    double high_pass_hz;       // the current clamps' AC coupling (0: none)
    double settling_s;         // simulated before each capture so filters and resonances settle
    double noise_rms;          // broadband sensor noise, in the signal's unit
    double gravity;            // static acceleration on the vertical axis, in g (vibration)
    std::vector<AxisSensor> sensors;  // one per axis
    std::array<double, 3> harmonic_phase;  // phases of 1x, 2x, 3x against the shaft key
    std::array<double, 3> drift_phase;     // phases of the slow speed drift across signals
    double fault_phase;        // where the fault sits against the shaft key
};

// Derives the machine from the spec; the random parts come from the seed only, never from the
// kind of file, so regular and abnormal share them.
MachineParameters derive_parameters(const SynthSpec& spec);

// Nominal shaft speed chosen for a vibration spec without an explicit one: a 4-pole motor at
// 50 Hz (24.6 Hz, 1476 rpm), raised so that one buffer holds at least 3 revolutions and capped
// at rate/40 so that the inner-race frequency and 10x stay well below Nyquist.
double default_shaft_hz(double rate_hz, uint32_t length);

// Relative speed offset of signal `index` from the slow drift (a few sinusoids over the index,
// so any signal can be made without making the ones before it).
double slow_speed_drift(const MachineParameters& machine, uint32_t index);

}  // namespace vigil::engine::synth

// Bearing-defect impacts: each time a rolling element strikes the defect, the structure rings
// at its resonance. The train's rate is a bearing defect frequency; envelope analysis of the
// ringing recovers it, which is how bearing faults are found in practice.
#pragma once

#include <array>
#include <vector>

#include "signal_buffer.hpp"
#include "vigil/engine/synth/random.hpp"

namespace vigil::engine::synth {

struct ImpactTrain {
    double impacts_per_revolution;  // BPFO / f_r or BPFI / f_r
    double amplitude;               // peak of one ringing, in g
    double slip;                    // relative spread of the spacing between impacts
    double resonance_hz;
    double damping;                 // damping ratio of the resonance
    double rate_hz;
    // Inner-race defects turn with the shaft and are struck hard only inside the load zone:
    // their impacts are amplitude-modulated at 1x. Outer-race defects sit still in the load zone.
    bool load_zone_modulated;
    double defect_angle;            // defect position against the shaft key (inner race)
    std::array<double, 3> coupling; // share of the ringing seen by each AxisRole
};

void add_impacts(const ImpactTrain& train, const std::vector<double>& shaft_angle,
                 const std::vector<AxisSensor>& sensors, Rng& rng, SignalBuffer& buffer);

}  // namespace vigil::engine::synth

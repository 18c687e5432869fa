// Rolling-element bearing kinematics: the frequencies at which a defect is struck.
#pragma once

namespace vigil::engine::synth {

struct BearingGeometry {
    int balls;                  // n, number of rolling elements
    double ball_diameter_mm;    // d
    double pitch_diameter_mm;   // D, diameter of the circle through the ball centres
    double contact_angle_deg;   // a, 0 for a deep-groove ball bearing under radial load
};

// SKF 6205-2RS JEM, the drive-end bearing of the CWRU test rig: a common deep-groove bearing
// whose published defect frequencies (3.5848 and 5.4152 x shaft speed) let anyone check ours.
inline constexpr BearingGeometry kBearing6205{9, 7.94, 39.04, 0.0};

// Defect frequencies in Hz for an outer race fixed in the housing and an inner race turning
// with the shaft at shaft_hz (no slip; the generator adds the slip).
struct BearingFrequencies {
    double bpfo;  // ball pass frequency, outer race: (n/2) f_r (1 - d/D cos a)
    double bpfi;  // ball pass frequency, inner race: (n/2) f_r (1 + d/D cos a)
    double bsf;   // ball spin frequency: (D/2d) f_r (1 - (d/D cos a)^2)
    double ftf;   // fundamental train (cage) frequency: (1/2) f_r (1 - d/D cos a)
};

BearingFrequencies bearing_frequencies(const BearingGeometry& geometry, double shaft_hz);

}  // namespace vigil::engine::synth

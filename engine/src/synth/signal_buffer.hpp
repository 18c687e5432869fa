// Working storage of one signal while it is synthesised: physical values per axis, in double,
// axis after axis, with `preroll` samples before the captured buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "vigil/engine/synth/machine.hpp"
#include "vigil/engine/synth/spec.hpp"

namespace vigil::engine::synth {

struct SignalBuffer {
    SignalBuffer(uint32_t axes, size_t samples) : axes(axes), samples(samples), data(size_t{axes} * samples, 0.0) {}

    double* axis(uint32_t a) { return data.data() + size_t{a} * samples; }
    const double* axis(uint32_t a) const { return data.data() + size_t{a} * samples; }

    uint32_t axes;
    size_t samples;  // preroll + captured length
    std::vector<double> data;
};

// What a physical model needs to know about the signal it makes.
struct SignalContext {
    const SynthSpec& spec;
    const MachineParameters& machine;
    uint32_t index;        // position in its file (drives the slow speed drift)
    double fault_level;    // 0 for a regular signal; for an abnormal one 1 at the default severity
};

}  // namespace vigil::engine::synth

// The kinds whose lines are not a captured time series: magnitude spectra and slow process
// variables (docs/synth.md). Each writes one whole signal, in the input layout, from its own
// random stream; `fault_level` is 0 for a regular signal and 1 for an abnormal one at the
// default severity (it grows as (severity / 0.5)^2).
#pragma once

#include <cstdint>
#include <span>

#include "vigil/engine/synth/machine.hpp"
#include "vigil/engine/synth/random.hpp"
#include "vigil/engine/synth/spec.hpp"

namespace vigil::engine::synth {

void synthesize_spectrum(const SynthSpec& spec, const MachineParameters& machine, uint32_t index, double fault_level,
                         Rng& rng, std::span<float> out);

void synthesize_process(const SynthSpec& spec, const MachineParameters& machine, uint32_t index, double fault_level,
                        Rng& rng, std::span<float> out);

// What --json reports about these kinds: the spectrum's bin width and fault frequency, the
// process channels' names and units.
double spectrum_bin_hz(const SynthSpec& spec);
struct ProcessChannel {
    const char* name;
    const char* unit;
};
ProcessChannel process_channel(uint32_t channel);

}  // namespace vigil::engine::synth

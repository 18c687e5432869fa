// Stator current of a three-phase induction motor as current clamps on its phases see it.
#pragma once

#include "signal_buffer.hpp"
#include "vigil/engine/synth/random.hpp"

namespace vigil::engine::synth {

// Fills `buffer` with current in A (sensor errors and noise are added by the generator).
// Mechanical faults reach the current through the air gap: they modulate it, so they show as
// sidebands around the line frequency, at f_line +- k f_r or f_line +- k f_defect
// (motor current signature analysis; Schoen et al., IEEE Trans. Ind. Appl. 31(6), 1995).
void synthesize_current(const SignalContext& context, Rng& rng, SignalBuffer& buffer);

}  // namespace vigil::engine::synth

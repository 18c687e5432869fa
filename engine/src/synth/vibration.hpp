// Vibration of a rotating machine as a 1-16 axis accelerometer on its bearing housing sees it.
#pragma once

#include "signal_buffer.hpp"
#include "vigil/engine/synth/random.hpp"

namespace vigil::engine::synth {

// Fills `buffer` with acceleration in g (gravity included, sensor errors and noise not: the
// generator adds those, the same way for every machine).
void synthesize_vibration(const SignalContext& context, Rng& rng, SignalBuffer& buffer);

}  // namespace vigil::engine::synth

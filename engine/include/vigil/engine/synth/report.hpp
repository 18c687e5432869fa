// What a generation used, as JSON, so users and tests can check the signals against it:
// the spec, the shaft speed, the bearing's defect frequencies, the resonance, the sensors.
#pragma once

#include <nlohmann/json.hpp>

#include "vigil/engine/synth/generator.hpp"

namespace vigil::engine::synth {

nlohmann::json describe(const Generator& generator);

}  // namespace vigil::engine::synth

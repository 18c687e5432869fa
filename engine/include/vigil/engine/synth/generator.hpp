// The synthetic signal generator: a SynthSpec in, signals out as floats in the input layout
// (axes interleaved per sample: x0 y0 z0 x1 y1 z1 ...). Files are the writer's job, so tests
// and benchmarks use signals in memory.
//
//   vigil::engine::synth::Generator gen(spec);          // throws SpecError on a bad spec
//   std::vector<float> buffer(gen.values_per_signal());
//   gen.generate(SignalKind::abnormal, 7, buffer);      // signal 7 of the abnormal file
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "vigil/engine/synth/machine.hpp"
#include "vigil/engine/synth/spec.hpp"

namespace vigil::engine::synth {

enum class SignalKind { regular, abnormal };

class Generator {
public:
    explicit Generator(const SynthSpec& spec);

    const SynthSpec& spec() const { return spec_; }
    const MachineParameters& machine() const { return machine_; }
    size_t values_per_signal() const { return size_t{spec_.axes} * spec_.length; }
    uint32_t count(SignalKind kind) const;

    // Signal `index` of the file of `kind`; out.size() must be values_per_signal(). Each
    // signal has its own random stream, so the result does not depend on call order and
    // generate() may run on several threads at once.
    void generate(SignalKind kind, uint32_t index, std::span<float> out) const;

    // All count(kind) signals one after another.
    std::vector<float> generate_all(SignalKind kind) const;

private:
    SynthSpec spec_;
    MachineParameters machine_;
    size_t preroll_;  // samples simulated and dropped before each buffer (see generator.cpp)
};

}  // namespace vigil::engine::synth

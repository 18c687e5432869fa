// Writes generated signals in the input format: one signal per line, values separated by
// single spaces (see format.hpp), '\n' line ends, no header. Writes are atomic: the data goes
// to a temporary file in the same folder that is renamed over the target only when complete.
#pragma once

#include <cstdint>
#include <filesystem>

#include "vigil/engine/synth/generator.hpp"

namespace vigil::engine::synth {

// Writes all signals of `kind` to `path`; returns the number of bytes written. Throws
// std::runtime_error naming the path on any I/O failure, leaving `path` untouched.
uint64_t write_signal_file(const Generator& generator, SignalKind kind, const std::filesystem::path& path);

struct DatasetFiles {
    std::filesystem::path regular;
    std::filesystem::path abnormal;
    uint64_t regular_bytes = 0;
    uint64_t abnormal_bytes = 0;
};

// Creates `directory` if needed and writes regular.csv and abnormal.csv into it. Both files are
// completed in temporary files first, then renamed, so a failure leaves neither half-written.
DatasetFiles write_dataset(const Generator& generator, const std::filesystem::path& directory);

}  // namespace vigil::engine::synth

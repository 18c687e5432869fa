// A parsed signal file: a dense float32 matrix, one row per signal, each row `length * axes`
// values interleaved per sample (x0 y0 z0 x1 y1 z1 ...), the layout of one line of the file
// and of one buffer given to vigil_learn()/vigil_detect().
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace vigil::engine::dataset {

struct Dataset {
    size_t signals = 0;  // rows
    size_t axes = 0;
    size_t length = 0;   // samples per axis in one signal
    std::vector<float> data;            // signals x (length * axes), row-major
    std::vector<uint64_t> source_lines; // 1-based line of the file each signal came from

    size_t row_size() const { return length * axes; }
    std::span<const float> row(size_t signal) const {
        return {data.data() + signal * row_size(), row_size()};
    }
    float at(size_t signal, size_t sample, size_t axis) const {
        return data[signal * row_size() + sample * axes + axis];
    }
};

}  // namespace vigil::engine::dataset

// Measured stack bounds, per core in the order of kAllCores (m0plus, m3, m4, m4-soft, m7,
// m7-soft, m33). Produced with the flash model (flash_model.cpp) by
//
//   cmake --build --preset release --target measure_footprint_tables
//   build/release/tests/unit/selection/measure_footprint_tables
//
// which builds libraries exactly as `vigil compile` does (arm-none-eabi-gcc 12.2, -Os, the
// flags of docs/targets.md) and reads the deepest stack of their vigil_* calls from the linked
// call graph (packaging/stack_usage.hpp). A library's stack is the deeper of two chains below
// the API call: the feature pipeline's and the model's. So the bound is
//   max(family part, feature part) + margin
// where the family part is the family's deepest over its model settings with the lightest
// pipeline, the feature part the deepest over sampled preprocessing groups of the feature set
// (with the Gaussian), and the margin the largest excess the tool saw over all its libraries,
// random candidates of three signal shapes included (inlining moves frames by a few words from
// one recipe to another). The test "flash and stack bounds hold for compiled libraries"
// re-measures a sample when the toolchain is present: a runtime change that deepens a call
// makes it fail, and this table must be regenerated.
#include "stack_table.hpp"

#include <algorithm>
#include <array>

namespace vigil::engine::selection {
namespace {

using PerCore = std::array<uint16_t, 7>;

// margin, per core
constexpr PerCore kMargin = {24, 16, 40, 16, 40, 16, 40};

// family part, indexed by vigil_family
constexpr PerCore kFamily[] = {
    {232, 224, 124, 224, 124, 224, 124},  // gaussian
    {400, 400, 316, 400, 316, 400, 320},  // mahalanobis
    {232, 224, 136, 224, 136, 224, 136},  // kmeans
    {272, 224, 176, 224, 176, 224, 176},  // knn
    {232, 232, 168, 232, 168, 232, 168},  // pca
    {288, 264, 236, 264, 236, 264, 236},  // hstrees
    {496, 464, 432, 464, 432, 464, 432},  // oselm
    {392, 384, 328, 384, 328, 384, 328},  // lof
};

// feature part, by feature bitmask and arithmetic
struct FeatureStack {
    uint8_t features;
    uint8_t arithmetic;
    PerCore bytes;
};
constexpr FeatureStack kFeatures[] = {
    {0x01, 0, {240, 232, 140, 232, 140, 232, 140}},
    {0x02, 0, {344, 280, 148, 280, 148, 280, 148}},
    {0x03, 0, {296, 256, 148, 256, 148, 256, 148}},
    {0x04, 0, {352, 288, 164, 288, 164, 288, 164}},
    {0x08, 0, {352, 288, 164, 288, 164, 288, 164}},
    {0x09, 0, {296, 248, 140, 248, 140, 248, 140}},
    {0x10, 0, {232, 224, 128, 224, 128, 224, 128}},
    {0x20, 0, {216, 208, 124, 208, 124, 208, 124}},
    {0x21, 0, {232, 224, 124, 224, 124, 224, 124}},
    {0x40, 0, {288, 228, 184, 228, 184, 228, 184}},
    {0x60, 0, {288, 248, 204, 248, 204, 248, 204}},
    {0x61, 0, {288, 248, 204, 248, 204, 248, 204}},
    {0x04, 1, {280, 280, 272, 280, 272, 280, 272}},
    {0x08, 1, {280, 280, 272, 280, 272, 280, 272}},
};

}  // namespace

size_t stack_table_bound(size_t core_index, const vigil_recipe& r) {
    const size_t family = r.model.family < std::size(kFamily) ? kFamily[r.model.family][core_index] : 0;
    // A feature set no candidate has (a hand-written recipe): the deepest of its arithmetic.
    size_t features = 0, deepest = 0;
    bool found = false;
    for (const auto& f : kFeatures) {
        if (f.arithmetic != r.arithmetic) continue;
        deepest = std::max<size_t>(deepest, f.bytes[core_index]);
        if (f.features == r.features) {
            features = f.bytes[core_index];
            found = true;
        }
    }
    return std::max(family, found ? features : deepest) + kMargin[core_index];
}

}  // namespace vigil::engine::selection

// Measured flash bytes (.text + .data) of every device runtime module, per core, in the order
// of kAllCores (m0plus, m3, m4, m4-soft, m7, m7-soft, m33). Produced by
//
//   for c in m0plus m3 m4 m4-soft m7 m7-soft m33; do
//     tests/unit/selection/measure_module_sizes.sh . $c; done
//
// (arm-none-eabi-gcc 12.2, -Os -ffunction-sections -fdata-sections, the flags of
// docs/targets.md; each module compiled alone, sizes of the object file). The test
// "flash table matches the real objects" re-measures it when the toolchain is present: if a
// runtime module changes size, that test fails and this table must be regenerated.
// Not included: libgcc/newlib helpers the link adds (soft-float arithmetic on cores without an
// FPU, sqrtf), which are shared by every candidate and do not change the ranking.
#include "flash_table.hpp"

#include <array>
#include <string_view>

namespace vigil::engine::selection {
namespace {

struct ModuleSizes {
    std::string_view module;
    std::array<uint32_t, 7> bytes;
};

constexpr ModuleSizes kTable[] = {
    {"bands", {354, 346, 284, 346, 284, 350, 284}},
    {"calibration", {324, 324, 318, 324, 314, 324, 314}},
    {"core", {1260, 1268, 1252, 1268, 1252, 1268, 1252}},
    {"crc32", {116, 116, 116, 116, 116, 116, 116}},
    {"decimate", {144, 138, 116, 138, 116, 138, 116}},
    {"detrend", {298, 310, 250, 310, 250, 310, 250}},
    {"families", {48, 48, 48, 48, 48, 48, 48}},
    {"family_gaussian", {585, 615, 509, 615, 509, 615, 509}},
    {"family_hstrees", {1344, 1336, 1242, 1332, 1238, 1340, 1238}},
    {"family_kmeans", {957, 947, 899, 945, 901, 945, 901}},
    {"family_knn", {472, 460, 466, 460, 462, 460, 466}},
    {"family_mahalanobis", {776, 820, 704, 820, 704, 820, 704}},
    {"family_oselm", {1082, 1080, 980, 1080, 980, 1080, 980}},
    {"family_pca", {1014, 1090, 916, 1090, 916, 1090, 916}},
    {"family_util", {794, 774, 670, 774, 668, 774, 670}},
    {"features", {874, 864, 804, 864, 804, 862, 804}},
    {"fft", {1484, 1512, 1054, 1514, 1048, 1510, 1050}},
    {"knowledge", {850, 796, 826, 796, 824, 796, 826}},
    {"recipe", {852, 834, 844, 844, 834, 834, 834}},
    {"scaling", {98, 104, 88, 104, 88, 104, 88}},
    {"spectrum", {230, 230, 216, 230, 216, 230, 216}},
    {"time_stats", {544, 532, 428, 532, 424, 532, 424}},
    {"version", {6, 6, 6, 6, 6, 6, 6}},
    {"vigil_math", {1496, 1484, 1304, 1484, 1292, 1484, 1296}},
    {"welford", {102, 104, 74, 104, 74, 104, 74}},
    {"window", {1164, 1186, 900, 1186, 900, 1186, 900}},
};

}  // namespace

std::optional<size_t> flash_table_lookup(size_t core_index, std::string_view module) {
    if (core_index >= 7) return std::nullopt;
    for (const auto& row : kTable)
        if (row.module == module) return row.bytes[core_index];
    return std::nullopt;
}

size_t flash_table_modules() { return std::size(kTable); }

}  // namespace vigil::engine::selection

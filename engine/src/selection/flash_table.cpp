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
    {"bands", {498, 492, 416, 492, 416, 498, 416}},
    {"calibration", {372, 364, 328, 364, 320, 364, 320}},
    {"core", {1178, 1202, 1204, 1202, 1204, 1202, 1204}},
    {"crc32", {116, 116, 116, 116, 116, 116, 116}},
    {"cross", {468, 452, 432, 452, 432, 452, 432}},
    {"decimate", {144, 138, 116, 138, 116, 138, 116}},
    {"detrend", {298, 310, 250, 310, 250, 310, 250}},
    {"families", {52, 52, 52, 52, 52, 52, 52}},
    {"family_gaussian", {595, 607, 517, 607, 517, 607, 517}},
    {"family_hstrees", {1374, 1364, 1262, 1360, 1258, 1368, 1262}},
    {"family_kmeans", {987, 973, 931, 971, 929, 971, 933}},
    {"family_knn", {504, 482, 474, 482, 474, 482, 474}},
    {"family_lof", {1394, 1330, 1268, 1330, 1272, 1342, 1260}},
    {"family_mahalanobis", {808, 844, 732, 844, 732, 844, 732}},
    {"family_oselm", {1110, 1100, 1000, 1100, 1000, 1100, 1000}},
    {"family_pca", {1042, 1114, 928, 1114, 928, 1114, 928}},
    {"family_util", {754, 738, 620, 738, 614, 738, 620}},
    {"features", {2526, 2168, 1878, 2168, 1874, 2166, 1878}},
    {"fft", {2248, 2314, 1538, 2314, 1538, 2314, 1538}},
    {"fixed", {3424, 3248, 3196, 3232, 3260, 3280, 3204}},
    {"knowledge", {886, 830, 858, 830, 856, 830, 858}},
    {"library_plan", {136, 138, 138, 138, 138, 138, 138}},
    {"recipe", {1278, 1180, 1190, 1190, 1180, 1180, 1180}},
    {"scaling", {98, 104, 84, 104, 84, 104, 84}},
    {"spectrum", {204, 202, 168, 202, 168, 202, 168}},
    {"time_stats", {544, 532, 400, 532, 400, 532, 400}},
    {"trends", {324, 320, 228, 320, 228, 320, 228}},
    {"values", {86, 82, 76, 82, 76, 82, 76}},
    {"version", {6, 6, 6, 6, 6, 6, 6}},
    {"vigil_math", {2532, 2516, 2066, 2512, 2058, 2516, 2058}},
    {"welford", {232, 232, 172, 232, 172, 232, 172}},
    {"window", {486, 490, 404, 490, 400, 486, 404}},
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

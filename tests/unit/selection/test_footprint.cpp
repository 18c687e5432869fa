#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

#include "selection_test_support.hpp"
#include "vigil/engine/selection/footprint.hpp"
#include "vigil_core.h"

using namespace vigil::engine::selection;

namespace {
std::string run(const std::string& command) {
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe) return out;
    std::array<char, 512> buf{};
    while (fgets(buf.data(), int(buf.size()), pipe.get())) out += buf.data();
    return out;
}
}  // namespace

TEST_CASE("flash table matches the real objects", "[footprint]") {
    if (std::system("arm-none-eabi-gcc --version > /dev/null 2>&1") != 0) {
        WARN("arm-none-eabi-gcc not found: flash table not re-measured");
        return;
    }
    for (Core core : {Core::m4, Core::m0plus}) {
        const std::string out = run(std::string("sh ") + VIGIL_SOURCE_DIR +
                                    "/tests/unit/selection/measure_module_sizes.sh " + VIGIL_SOURCE_DIR + " " +
                                    std::string(core_name(core)));
        std::istringstream lines(out);
        std::string module;
        size_t bytes = 0, modules = 0;
        while (lines >> module >> bytes) {
            INFO("core " << core_name(core) << ", module " << module
                         << ": regenerate engine/src/selection/flash_table.cpp (command in its header)");
            const auto table = module_flash_bytes(core, module);
            REQUIRE(table.has_value());
            CHECK(*table == bytes);
            ++modules;
        }
        CHECK(modules >= 20);
    }
}

TEST_CASE("footprint: exact RAM, flash from the recipe's modules", "[footprint]") {
    const vigil_recipe r = selection_test::band_recipe();
    const Footprint f = footprint(r, Core::m4);
    CHECK(f.ram_bytes == vigil_model_state_size(&r));
    std::string_view mods[32];
    const size_t n = recipe_modules(r, mods, 32);
    size_t sum = 0;
    for (size_t i = 0; i < n; ++i) sum += *module_flash_bytes(Core::m4, mods[i]);
    CHECK(f.flash_bytes == sum);
    // Statistics alone link neither FFT nor bands: smaller.
    vigil_recipe stats = r;
    stats.features = VIGIL_FEAT_STATS;
    stats.window = 0;
    stats.log_magnitude = 0;
    stats.bands = 0;
    CHECK(footprint(stats, Core::m4).flash_bytes < f.flash_bytes);
    CHECK(core_from_name("m4-soft") == Core::m4_soft);
    CHECK_FALSE(core_from_name("m5").has_value());
}

TEST_CASE("instruction estimate grows with the work", "[footprint]") {
    vigil_recipe a = selection_test::band_recipe(2, 128, VIGIL_FAMILY_KMEANS);
    vigil_recipe b = a;
    b.model.i[0] = 16;  // more clusters: more distances per detect
    CHECK(estimate_instructions_per_detect(b) > estimate_instructions_per_detect(a));
    vigil_recipe c = a;
    c.decimation = 4;  // shorter FFT
    CHECK(estimate_instructions_per_detect(c) < estimate_instructions_per_detect(a));
}

// The cost model's calibration (footprint.cpp): the runtime benchmark's FFT-bands + Gaussian
// library, 3 x 256, measured under QEMU by tests/bench/runtime/run (runtime 0.4.0,
// docs/benchmarks.md). The estimate must stay within 10 % of those counts on the soft-float
// cores; a runtime change that moves them means recalibrating (and this test says so).
TEST_CASE("instruction estimate matches the runtime benchmark's measured Gaussian library", "[footprint]") {
    vigil_recipe r = selection_test::band_recipe(3, 256);
    const auto near = [](double estimate, double measured) { return std::abs(estimate / measured - 1.0) <= 0.10; };
    INFO("M0+ float " << estimate_instructions_per_detect(r, Core::m0plus) << ", M3 float "
                      << estimate_instructions_per_detect(r, Core::m3));
    CHECK(near(estimate_instructions_per_detect(r, Core::m0plus), 1743253));
    CHECK(near(estimate_instructions_per_detect(r, Core::m3), 938817));
    r.arithmetic = VIGIL_ARITH_FIXED;
    INFO("M0+ fixed " << estimate_instructions_per_detect(r, Core::m0plus) << ", M3 fixed "
                      << estimate_instructions_per_detect(r, Core::m3));
    CHECK(near(estimate_instructions_per_detect(r, Core::m0plus), 147592));
    CHECK(near(estimate_instructions_per_detect(r, Core::m3), 103809));
}

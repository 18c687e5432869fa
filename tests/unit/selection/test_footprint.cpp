#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <string>

#include "selection_test_support.hpp"
#include "vigil/engine/packaging/library_build.hpp"
#include "vigil/engine/selection/candidate_space.hpp"
#include "vigil/engine/selection/footprint.hpp"
#include "vigil_core.h"

using namespace vigil::engine::selection;

// The stack table (stack_table.cpp) and the flash model (flash_model.cpp) must stay bounds of
// what `vigil compile` measures, and close ones: libraries of a few candidates of different
// families and pipelines are built as the compile builds them and compared with the bounds.
TEST_CASE("flash and stack bounds hold for compiled libraries", "[footprint]") {
    if (std::system("arm-none-eabi-gcc --version > /dev/null 2>&1") != 0) {
        WARN("arm-none-eabi-gcc not found: footprint tables not re-measured");
        return;
    }
    const std::pair<Core, vigil::engine::packaging::Target> targets[] = {
        {Core::m4, vigil::engine::packaging::resolve_target("cortex-m4", "hard")},
        {Core::m0plus, vigil::engine::packaging::resolve_target("cortex-m0plus", "soft")}};
    for (const auto& [core, target] : targets) {
        SpaceOptions o;
        o.core = core;
        const auto space = build_candidate_space(o);
        std::vector<vigil_recipe> sample{selection_test::band_recipe(3, 256)};
        for (size_t k = 1; k <= 3; ++k) sample.push_back(space.candidates[k * space.candidates.size() / 4].recipe);
        for (const auto& r : sample) {
            const auto measured = vigil::engine::packaging::measure_library(r, target);
            const size_t stack = stack_bytes_bound(r, core), flash = flash_bytes_bound(r, core);
            INFO("core " << core_name(core) << ", family " << int(r.model.family) << ", features " << int(r.features)
                         << ": stack measured " << measured.stack_bytes << " B, bound " << stack << " B; flash measured "
                         << measured.flash_bytes << " B, bound " << flash
                         << " B; regenerate engine/src/selection/stack_table.cpp and flash_model.cpp (command in "
                            "their headers)");
            CHECK(measured.stack_bytes <= stack);
            CHECK(stack <= measured.stack_bytes + 128);
            CHECK(measured.flash_bytes <= flash);
            CHECK(flash <= measured.flash_bytes + measured.flash_bytes / 4);
        }
    }
}

TEST_CASE("footprint: exact state, RAM with the stack, flash from the recipe's parts", "[footprint]") {
    const vigil_recipe r = selection_test::band_recipe();
    const Footprint f = footprint(r, Core::m4);
    CHECK(f.state_bytes == vigil_model_state_size(&r));
    CHECK(f.stack_bytes == stack_bytes_bound(r, Core::m4));
    CHECK(f.ram_bytes == (f.state_bytes + 7) / 8 * 8 + f.stack_bytes);
    CHECK(f.flash_bytes == flash_bytes_bound(r, Core::m4));
    // Soft float keeps more on the stack than the M4's FPU registers do, and links libgcc's
    // float helpers.
    CHECK(footprint(r, Core::m0plus).stack_bytes > f.stack_bytes);
    CHECK(footprint(r, Core::m0plus).flash_bytes > f.flash_bytes);
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

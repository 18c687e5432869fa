#include <catch2/catch.hpp>

#include <algorithm>

#include "vigil/engine/packaging/target.hpp"

namespace pkg = vigil::engine::packaging;

namespace {
bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }
}  // namespace

TEST_CASE("accepted cores are the six of the spec, in order", "[target]") {
    CHECK(pkg::accepted_cores() ==
          std::vector<std::string>{"cortex-m0", "cortex-m0plus", "cortex-m3", "cortex-m4", "cortex-m7", "cortex-m33"});
}

TEST_CASE("hard float only where the core has an FPU, with its FPU", "[target]") {
    CHECK(pkg::accepted_float_abis("cortex-m0") == std::vector<std::string>{"soft"});
    CHECK(pkg::accepted_float_abis("cortex-m3") == std::vector<std::string>{"soft"});
    CHECK(pkg::resolve_target("cortex-m4").fpu == "fpv4-sp-d16");
    CHECK(pkg::resolve_target("cortex-m7").fpu == "fpv5-d16");
    CHECK(pkg::resolve_target("cortex-m33").fpu == "fpv5-sp-d16");
    CHECK(pkg::resolve_target("cortex-m0plus").float_abi == "soft");
}

TEST_CASE("flags come from the probes table, soft float drops the FPU", "[target]") {
    const auto hard = pkg::resolve_target("m4", "hard");
    CHECK(hard.core == "cortex-m4");
    CHECK(hard.cpu_flags == std::vector<std::string>{"-mthumb", "-mcpu=cortex-m4", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"});
    CHECK(hard.machine == "mps2-an386");
    const auto soft = pkg::resolve_target("cortex-m4", "soft");
    CHECK(soft.cpu_flags == std::vector<std::string>{"-mthumb", "-mcpu=cortex-m4", "-mfloat-abi=soft"});
    CHECK(soft.fpu.empty());
    CHECK(pkg::resolve_target("cortex-m0").cpu_flags ==
          std::vector<std::string>{"-mthumb", "-mcpu=cortex-m0", "-mfloat-abi=soft"});
    const auto flags = pkg::compile_flags(hard);
    for (const char* f : {"-Os", "-ffunction-sections", "-fdata-sections", "-ffp-contract=off", "-fno-fast-math", "-std=c99"})
        CHECK(has(flags, f));
}

TEST_CASE("a refused core or ABI names the accepted values", "[target]") {
    try {
        pkg::resolve_target("cortex-m85");
        FAIL("accepted an unknown core");
    } catch (const pkg::TargetError& e) {
        CHECK(e.parameter == "core");
        CHECK_THAT(e.what(), Catch::Contains("cortex-m85") &&
                                 Catch::Contains("cortex-m0, cortex-m0plus, cortex-m3, cortex-m4, cortex-m7, cortex-m33"));
    }
    try {
        pkg::resolve_target("cortex-m3", "hard");
        FAIL("accepted hard float without an FPU");
    } catch (const pkg::TargetError& e) {
        CHECK(e.parameter == "float_abi");
        CHECK_THAT(e.what(), Catch::Contains("FPU") && Catch::Contains("accepted for cortex-m3: soft"));
    }
    CHECK_THROWS_WITH(pkg::resolve_target("cortex-m7", "softfp"), Catch::Contains("accepted: soft, hard"));
}

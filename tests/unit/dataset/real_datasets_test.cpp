// The real recordings of ../shared/datasets check with no blocking error, and with exactly the
// warnings they deserve. Where the folder is absent the tests say so and skip (Catch2 v2 has
// no SKIP: a WARN naming the reason, then return).
#include <catch2/catch.hpp>

#include <filesystem>

#include "test_files.hpp"

using namespace vigil_test;
using namespace vigil::engine::dataset;

namespace {

bool available(const std::string& file) {
    if (std::filesystem::exists(file)) return true;
    WARN("SKIPPED: real dataset " << file << " is absent (VIGIL_SHARED_DATASETS=" << VIGIL_SHARED_DATASETS << ")");
    return false;
}

CheckReport check(const std::string& file, size_t axes, double rate) {
    CheckOptions o;
    o.rate_hz = rate;
    return check_file(file, axes, o);
}

}  // namespace

TEST_CASE("fan recordings: 3 axes x 200 samples, only the length warning (and two outliers when abnormal)") {
    const std::string dir = std::string(VIGIL_SHARED_DATASETS) + "/fan/";
    if (!available(dir + "regular.csv") || !available(dir + "abnormal.csv")) return;
    const auto regular = check(dir + "regular.csv", 3, 200.0);
    REQUIRE(regular.errors.empty());
    CHECK(regular.dataset.signals == 585);
    CHECK(regular.dataset.length == 200);
    // 200 samples per axis is not a power of two; nothing else is wrong with this file: no
    // repeated samples, no duplicates, no clipping, no energy piled up near 100 Hz.
    CHECK(kinds(regular.warnings) == std::vector<std::string>{"length_not_power_of_two"});

    const auto abnormal = check(dir + "abnormal.csv", 3, 200.0);
    REQUIRE(abnormal.errors.empty());
    CHECK(abnormal.dataset.signals == 580);
    // Two captures of the weighted fan sit far from the rest in level or spread.
    REQUIRE(kinds(abnormal.warnings) == std::vector<std::string>{"length_not_power_of_two", "outlier_signals"});
    CHECK(abnormal.warnings[1].lines == std::vector<uint64_t>{112, 118});
}

TEST_CASE("bearing recordings: 1 axis x 1024 samples at 12 kHz, clean") {
    const std::string dir = std::string(VIGIL_SHARED_DATASETS) + "/bearing/";
    if (!available(dir + "regular.csv") || !available(dir + "abnormal.csv")) return;
    const auto regular = check(dir + "regular.csv", 1, 12000.0);
    REQUIRE(regular.errors.empty());
    CHECK(regular.dataset.signals == 59);  // above the 50 that would warn
    CHECK(kinds(regular.warnings).empty());
    const auto abnormal = check(dir + "abnormal.csv", 1, 12000.0);
    REQUIRE(abnormal.errors.empty());
    CHECK(abnormal.dataset.signals == 118);
    CHECK(kinds(abnormal.warnings).empty());
}

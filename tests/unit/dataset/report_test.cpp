// The JSON schema (docs/check.md) and the terminal report.
#include <catch2/catch.hpp>

#include "test_files.hpp"
#include "vigil/engine/dataset/report_json.hpp"
#include "vigil/engine/dataset/report_text.hpp"

using namespace vigil_test;
using namespace vigil::engine::dataset;

TEST_CASE("the JSON report of a good file has the documented fields") {
    TempDir dir;
    const auto r = check_text(dir, to_text(noise(30, 12, 3)), 3, 100.0);
    const auto j = report_to_json(r);
    CHECK(j["schema"] == "vigil.check/1");
    CHECK(j["status"] == "warnings");
    CHECK(j["exit_code"] == 1);
    CHECK(j["signals"] == 30);
    CHECK(j["length"] == 12);
    CHECK(j["axes"] == 3);
    CHECK(j["rate_hz"] == 100.0);
    CHECK(j["format"]["separator"] == "space");
    CHECK(j["errors"].empty());
    REQUIRE(j["warnings"].size() == 2);
    CHECK(j["warnings"][0]["kind"] == "few_signals");
    CHECK(j["warnings"][0]["line"].is_null());
    CHECK(j["warnings"][1]["kind"] == "length_not_power_of_two");
    CHECK(j["warnings"][1]["line"] == 1);
    const auto& x = j["stats"]["axes"][0];
    CHECK(x["name"] == "x");
    CHECK(x["per_sample"]["mean"].size() == 12);
    CHECK(x["per_sample"]["std"].size() == 12);
    CHECK(x["spectrum"]["unit"] == "Hz");
    CHECK(x["spectrum"]["frequency"].size() == 7);
    CHECK(x["spectrum"]["frequency"][6] == 50.0);
}

TEST_CASE("the JSON report of a bad file has the error's position and no stats") {
    TempDir dir;
    const auto r = check_text(dir, "1 2\n1 x\n", 1);
    const auto j = report_to_json(r);
    CHECK(j["status"] == "errors");
    CHECK(j["exit_code"] == 2);
    CHECK(j["signals"].is_null());
    CHECK(j["stats"].is_null());
    REQUIRE(j["errors"].size() == 1);
    CHECK(j["errors"][0]["kind"] == "non_numeric");
    CHECK(j["errors"][0]["line"] == 2);
    CHECK(j["errors"][0]["column"] == 3);
    CHECK(j["errors"][0]["severity"] == "error");
}

TEST_CASE("the text report is compiler-style and has no colour unless asked") {
    TempDir dir;
    const auto r = check_text(dir, "1 2\n1 x\n", 1, std::nullopt, "bad.txt");
    const std::string plain = report_to_text(r, false);
    CHECK(plain.find("bad.txt:2:3: error: 'x' is not a number") != std::string::npos);
    CHECK(plain.find("\033[") == std::string::npos);
    CHECK(report_to_text(r, true).find("\033[") != std::string::npos);
}

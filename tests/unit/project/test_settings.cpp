#include <catch2/catch.hpp>

#include "vigil/engine/project/settings.hpp"

using namespace vigil::engine::project;
using nlohmann::json;

namespace {

json valid() {
    return json::parse(R"({"name": "fan", "core": "cortex-m4", "max_ram_kb": 8,
                           "sensor": {"type": "accelerometer", "axes": 3}, "sampling_rate_hz": 200})");
}

std::string refused_field(const json& j) {
    try {
        from_json(j, "vigil.json");
    } catch (const SettingsError& e) {
        return e.field;
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("valid settings round-trip through JSON") {
    Settings s = from_json(valid(), "vigil.json");
    CHECK(s.name == "fan");
    CHECK(s.core == Core::cortex_m4);
    CHECK(s.max_ram_kb == 8);
    CHECK(s.axes == 3);
    REQUIRE(s.sampling_rate_hz);
    CHECK(*s.sampling_rate_hz == 200);
    CHECK_FALSE(s.max_flash_kb);
    Settings again = from_json(to_json(s), "vigil.json");
    CHECK(to_json(again) == to_json(s));
}

TEST_CASE("every invalid setting is refused with its field named") {
    json j = valid();
    j["core"] = "cortex-m5";
    CHECK(refused_field(j) == "core");
    j = valid();
    j.erase("name");
    CHECK(refused_field(j) == "name");
    j = valid();
    j["max_ram_kb"] = -1;
    CHECK(refused_field(j) == "max_ram_kb");
    j = valid();
    j["max_ram_kb"] = "8";
    CHECK(refused_field(j) == "max_ram_kb");
    j = valid();
    j["max_flash_kb"] = 0;
    CHECK(refused_field(j) == "max_flash_kb");
    j = valid();
    j["sensor"]["axes"] = 0;
    CHECK(refused_field(j) == "sensor.axes");
    j = valid();
    j["sensor"]["axes"] = 2.5;
    CHECK(refused_field(j) == "sensor.axes");
    j = valid();
    j["sensor"]["type"] = "thermometer";
    CHECK(refused_field(j) == "sensor.type");
    j = valid();
    j["sensor"]["colour"] = "red";
    CHECK(refused_field(j) == "sensor.colour");
    j = valid();
    j["sampling_rate_hz"] = 0;
    CHECK(refused_field(j) == "sampling_rate_hz");
    j = valid();
    j["max_ram"] = 8;  // a typo must not pass silently
    CHECK(refused_field(j) == "max_ram");
    CHECK(refused_field(json::array()) == "(root)");
}

TEST_CASE("the message names the file and the field and lists what is accepted") {
    json j = valid();
    j["core"] = "m5";
    try {
        from_json(j, "/p/vigil.json");
        FAIL("accepted");
    } catch (const SettingsError& e) {
        const std::string m = e.what();
        CHECK(m.find("/p/vigil.json") != std::string::npos);
        CHECK(m.find("core") != std::string::npos);
        CHECK(m.find("cortex-m33") != std::string::npos);
    }
}

TEST_CASE("core names accept the short forms people type") {
    CHECK(parse_core("m4") == Core::cortex_m4);
    CHECK(parse_core("Cortex-M0+") == Core::cortex_m0plus);
    CHECK(parse_core("cortex-m33") == Core::cortex_m33);
    CHECK_FALSE(parse_core("m5"));
    CHECK(default_axes(SensorType::current) == 1);
    CHECK(default_axes(SensorType::gyroscope) == 3);
}

TEST_CASE("the project's signal files: round trip, absent when empty, refused with the field named") {
    json j = valid();
    CHECK_FALSE(to_json(from_json(j, "vigil.json")).contains("signals"));
    j["signals"] = json::parse(R"([{"regular": "data/regular.csv", "abnormal": "data/abnormal.csv"},
                                   {"regular": "b/r.csv", "abnormal": "b/a.csv"}])");
    const Settings s = from_json(j, "vigil.json");
    REQUIRE(s.signals.size() == 2);
    CHECK(s.signals[1] == SignalFiles{"b/r.csv", "b/a.csv"});
    CHECK(to_json(s)["signals"] == j["signals"]);

    json bad = valid();
    bad["signals"] = json::object();
    CHECK(refused_field(bad) == "signals");
    bad["signals"] = json::parse(R"([{"regular": "r.csv"}])");
    CHECK(refused_field(bad) == "signals[0].abnormal");
    bad["signals"] = json::parse(R"([{"regular": "r.csv", "abnormal": "a.csv", "other": 1}])");
    CHECK(refused_field(bad) == "signals[0].other");
    bad["signals"] = json::parse(R"([{"regular": "", "abnormal": "a.csv"}])");
    CHECK(refused_field(bad) == "signals[0].regular");
}

TEST_CASE("a board of the catalog sets the core") {
    json j = valid();
    j.erase("core");
    j["board"] = "NUCLEO-G071RB";  // any case: the catalog's id is kept
    Settings s = from_json(j, "vigil.json");
    REQUIRE(s.board);
    CHECK(*s.board == "nucleo-g071rb");
    CHECK(s.core == Core::cortex_m0plus);
    CHECK(to_json(s)["board"] == "nucleo-g071rb");
    CHECK(to_json(s)["core"] == "cortex-m0plus");
    CHECK(to_json(from_json(to_json(s), "vigil.json")) == to_json(s));

    // A core that agrees is fine; one that does not is refused on `core`, naming both.
    j["core"] = "m0+";
    CHECK(from_json(j, "vigil.json").core == Core::cortex_m0plus);
    j["core"] = "cortex-m4";
    try {
        from_json(j, "vigil.json");
        FAIL("a core that contradicts the board was accepted");
    } catch (const SettingsError& e) {
        CHECK(e.field == "core");
        CHECK_THAT(e.what(), Catch::Contains("NUCLEO-G071RB") && Catch::Contains("cortex-m0plus"));
    }

    // An unknown board is refused on `board`, with the catalog's ids.
    j.erase("core");
    j["board"] = "arduino-uno";
    try {
        from_json(j, "vigil.json");
        FAIL("an unknown board was accepted");
    } catch (const SettingsError& e) {
        CHECK(e.field == "board");
        CHECK_THAT(e.what(), Catch::Contains("nucleo-f401re") && Catch::Contains("qemu-m4"));
    }
    // Without a board, core stays required.
    j.erase("board");
    CHECK(refused_field(j) == "core");
}

TEST_CASE("sensor.kind: absent is generic, every kind round-trips, an unknown one is refused naming the field") {
    Settings s = from_json(valid(), "vigil.json");  // a vigil.json written before the kind existed
    CHECK(s.kind == vigil::engine::selection::SignalKind::generic);
    CHECK(to_json(s)["sensor"]["kind"] == "generic");
    for (auto name : vigil::engine::selection::signal_kind_names()) {
        json j = valid();
        j["sensor"]["kind"] = std::string(name);
        const Settings k = from_json(j, "vigil.json");
        CHECK(vigil::engine::selection::to_string(k.kind) == name);
        CHECK(to_json(from_json(to_json(k), "vigil.json")) == to_json(k));
    }
    json j = valid();
    j["sensor"]["kind"] = "Spectrum";  // case-insensitive, like sensor.type
    CHECK(from_json(j, "vigil.json").kind == vigil::engine::selection::SignalKind::spectrum);
    j["sensor"]["kind"] = "thermal";
    CHECK(refused_field(j) == "sensor.kind");
    try {
        from_json(j, "vigil.json");
    } catch (const SettingsError& e) {
        const std::string m = e.what();
        CHECK(m.find("vigil.json: sensor.kind: unknown signal kind 'thermal'") != std::string::npos);
        CHECK(m.find("generic, vibration, current, acoustic, spectrum, process") != std::string::npos);
    }
    j["sensor"]["kind"] = 3;
    CHECK(refused_field(j) == "sensor.kind");
}

// The spec's checks, the bearing kinematics and the text form of one value.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "vigil/engine/synth/bearing.hpp"
#include "vigil/engine/synth/format.hpp"
#include "vigil/engine/synth/machine.hpp"
#include "vigil/engine/synth/spec.hpp"

using namespace vigil::engine::synth;

namespace {
std::string rejected_parameter(const SynthSpec& spec) {
    try {
        validate(spec);
    } catch (const SpecError& e) {
        return e.parameter;
    }
    return "";
}
}  // namespace

TEST_CASE("validate names the parameter that is out of range") {
    SynthSpec ok;
    CHECK(rejected_parameter(ok) == "");
    SynthSpec s = ok;
    s.axes = 0;
    CHECK(rejected_parameter(s) == "axes");
    s = ok, s.axes = 17;
    CHECK(rejected_parameter(s) == "axes");
    s = ok, s.rate_hz = 10.0;
    CHECK(rejected_parameter(s) == "rate_hz");
    s = ok, s.rate_hz = NAN;
    CHECK(rejected_parameter(s) == "rate_hz");
    s = ok, s.machine = Machine::current, s.rate_hz = 150.0;
    CHECK(rejected_parameter(s) == "rate_hz");
    s = ok, s.length = 4;
    CHECK(rejected_parameter(s) == "length");
    s = ok, s.signals = 0;
    CHECK(rejected_parameter(s) == "signals");
    s = ok, s.abnormal_signals = 0;
    CHECK(rejected_parameter(s) == "abnormal_signals");
    s = ok, s.severity = 1.01;
    CHECK(rejected_parameter(s) == "severity");
    s = ok, s.shaft_hz = 100.0;  // above rate / 20 = 80 Hz
    CHECK(rejected_parameter(s) == "shaft_hz");
    s = ok, s.machine = Machine::current, s.shaft_hz = 20.0;
    CHECK(rejected_parameter(s) == "shaft_hz");
}

TEST_CASE("machine and fault names round-trip") {
    for (Fault f : {Fault::imbalance, Fault::misalignment, Fault::looseness, Fault::outer_race, Fault::inner_race})
        CHECK(parse_fault(to_string(f)) == f);
    CHECK(parse_fault("outer-race") == Fault::outer_race);
    CHECK_FALSE(parse_fault("outer_race").has_value());
    CHECK(parse_machine("current") == Machine::current);
    CHECK_FALSE(parse_machine("pump").has_value());
}

TEST_CASE("bearing 6205 defect frequencies match the published CWRU multiples") {
    // CWRU's bearing page: drive-end 6205-2RS JEM, BPFO 3.5848 x, BPFI 5.4152 x, BSF 4.7135 x
    // (BSF quoted there as the ball's rotation: 2 x ours), FTF 0.39828 x shaft speed.
    const BearingFrequencies f = bearing_frequencies(kBearing6205, 1.0);
    CHECK(f.bpfo == Approx(3.5848).epsilon(1e-3));
    CHECK(f.bpfi == Approx(5.4152).epsilon(1e-3));
    CHECK(2.0 * f.bsf == Approx(4.7135).epsilon(1e-3));
    CHECK(f.ftf == Approx(0.39828).epsilon(1e-3));
    // BPFO + BPFI = n f_r for any geometry.
    const BearingFrequencies g = bearing_frequencies({12, 10.0, 50.0, 15.0}, 30.0);
    CHECK(g.bpfo + g.bpfi == Approx(12 * 30.0));
}

TEST_CASE("default shaft speed keeps 3 revolutions per buffer and stays below rate/40") {
    CHECK(default_shaft_hz(1600.0, 256) == Approx(24.6));
    CHECK(default_shaft_hz(12000.0, 1024) == Approx(3.0 * 12000.0 / 1024));
    CHECK(default_shaft_hz(200.0, 256) == Approx(5.0));
    CHECK(default_shaft_hz(1600.0, 16) == Approx(40.0));
}

TEST_CASE("values are written with 6 significant digits, plain decimals only") {
    CHECK(format_value(0.0f) == "0");
    CHECK(format_value(-0.0f) == "0");
    CHECK(format_value(1.0f) == "1");
    CHECK(format_value(-1.5f) == "-1.5");
    CHECK(format_value(0.0372767f) == "0.0372767");
    CHECK(format_value(1.0154749f) == "1.01547");
    CHECK(format_value(123456.7f) == "123457");
    CHECK(format_value(3.2e-5f) == "0.000032");
    CHECK(format_value(-1.234567e-7f) == "-0.000000123457");
    CHECK(format_value(1234567.0f) == "1234570");
    CHECK(format_value(2.5e10f) == "25000000000");
    CHECK(format_value(1e-31f) == "0");
    CHECK_THROWS_AS(format_value(NAN), std::invalid_argument);
    CHECK_THROWS_AS(format_value(INFINITY), std::invalid_argument);
    // Round trip to within half a unit of the 6th digit over many magnitudes.
    for (float v = 1.1e-29f; v < 1e30f; v *= 7.3f) {
        const std::string text = format_value(v);
        REQUIRE(text.find('e') == std::string::npos);
        REQUIRE(text.size() <= kMaxValueChars);
        CHECK(std::stod(text) == Approx(v).epsilon(5e-6));
    }
}

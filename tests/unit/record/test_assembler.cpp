// Lines to signals: whole-signal lines, sample lines, the automatic choice, wrong counts.
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "vigil/engine/record/line_assembler.hpp"

using namespace vigil::engine::record;

namespace {

ParsedLine values(uint64_t line, size_t n, float start = 0.0f) {
    ParsedLine p;
    p.line = line;
    p.separator = ',';
    for (size_t i = 0; i < n; ++i) p.values.push_back(start + float(i));
    return p;
}

// By value: the outcome is a temporary.
Rejection rejected(const LineAssembler::Outcome& o) {
    REQUIRE(std::holds_alternative<Rejection>(o));
    return std::get<Rejection>(o);
}

AssembledSignal assembled(const LineAssembler::Outcome& o) {
    REQUIRE(std::holds_alternative<AssembledSignal>(o));
    return std::get<AssembledSignal>(o);
}

}  // namespace

TEST_CASE("signal mode: a line of length x axes values is a signal, another count is rejected with both counts") {
    LineAssembler a(3, 4, LineMode::signal);
    const auto& s = assembled(a.add(values(1, 12)));
    CHECK(s.values.size() == 12);
    CHECK(s.first_line == 1);
    CHECK(s.last_line == 1);
    CHECK(s.separator == ',');
    const auto& r = rejected(a.add(values(2, 11)));
    CHECK(r.reason == "inconsistent_length");
    CHECK(r.message == "11 values, expected 12 (4 samples x 3 axes)");
    CHECK(r.line == 2);
    CHECK(std::holds_alternative<LineAssembler::Nothing>(a.add(ParsedLine{})));  // blank
}

TEST_CASE("the brief's example message: 767 values, expected 768") {
    LineAssembler a(3, 256, LineMode::signal);
    CHECK(rejected(a.add(values(12, 767))).message == "767 values, expected 768 (256 samples x 3 axes)");
}

TEST_CASE("sample mode: length samples make a signal, interleaved in arrival order") {
    LineAssembler a(2, 3, LineMode::sample);
    CHECK(std::holds_alternative<LineAssembler::Nothing>(a.add(values(5, 2, 0))));
    CHECK(std::holds_alternative<LineAssembler::Nothing>(a.add(values(6, 2, 10))));
    CHECK(a.pending_samples() == 2);
    const auto& s = assembled(a.add(values(7, 2, 20)));
    CHECK(s.values == std::vector<float>{0, 1, 10, 11, 20, 21});
    CHECK(s.first_line == 5);
    CHECK(s.last_line == 7);
    CHECK(a.pending_samples() == 0);
}

TEST_CASE("sample mode: a bad sample drops the signal being assembled with it, and says so") {
    LineAssembler a(2, 3, LineMode::sample);
    a.add(values(1, 2));
    a.add(values(2, 2));
    const auto& r = rejected(a.add(values(3, 1)));
    CHECK(r.reason == "inconsistent_length");
    CHECK(r.line == 3);
    CHECK(r.first_line == 1);
    CHECK(r.last_line == 3);
    CHECK(r.message.find("1 value, expected 2 (one sample)") == 0);
    CHECK(r.message.find("the 2 samples of the signal being assembled (from line 1) are dropped") != std::string::npos);
    CHECK(a.pending_samples() == 0);
    // A parse error does the same.
    a.add(values(4, 2));
    ParsedLine bad;
    bad.line = 5;
    bad.error = Rejection{"non_numeric", "'x' is not a number", 5, 3, 5, 5};
    const auto& r2 = rejected(a.add(bad));
    CHECK(r2.reason == "non_numeric");
    CHECK(r2.first_line == 4);
    // And assembly restarts at the next good sample.
    a.add(values(6, 2));
    a.add(values(7, 2));
    CHECK(assembled(a.add(values(8, 2))).first_line == 6);
}

TEST_CASE("auto: the first line with one of the two counts decides, for good") {
    LineAssembler a(3, 4, LineMode::automatic);
    const auto& r = rejected(a.add(values(1, 5)));
    CHECK(r.message == "5 values, expected 12 (4 samples x 3 axes) or 3 (one sample)");
    CHECK(a.mode() == LineMode::automatic);
    a.add(values(2, 3));
    CHECK(a.mode() == LineMode::sample);
    // A whole signal is now a wrong count.
    CHECK(rejected(a.add(values(3, 12))).message.find("12 values, expected 3 (one sample)") == 0);

    LineAssembler b(3, 4, LineMode::automatic);
    assembled(b.add(values(1, 12)));
    CHECK(b.mode() == LineMode::signal);
    CHECK(rejected(b.add(values(2, 3))).message == "3 values, expected 12 (4 samples x 3 axes)");
}

TEST_CASE("mode names round-trip") {
    for (auto m : {LineMode::automatic, LineMode::signal, LineMode::sample}) CHECK(mode_from_name(mode_name(m)) == m);
    CHECK_FALSE(mode_from_name("line"));
}

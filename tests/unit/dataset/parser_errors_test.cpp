// Every blocking error: the exact kind and position (line, column), a message and a hint.
#include <catch2/catch.hpp>

#include "test_files.hpp"
#include "vigil/engine/dataset/loader.hpp"

using namespace vigil_test;
using vigil::engine::dataset::load_signal_file;

namespace {

struct Expected {
    std::string kind;
    uint64_t line, column;
};

void require_error(const std::string& text, size_t axes, const Expected& e) {
    TempDir dir;
    const std::string path = dir.write("bad.csv", text);
    const auto r = load_signal_file(path, axes);
    INFO("text: " << text.substr(0, 200));
    REQUIRE(r.error.has_value());
    CHECK(r.error->kind == e.kind);
    CHECK(r.error->line == e.line);
    CHECK(r.error->column == e.column);
    CHECK(r.error->file == path);
    CHECK_FALSE(r.error->message.empty());
    CHECK_FALSE(r.error->hint.empty());
    CHECK(r.dataset.data.empty());  // nothing half-parsed
}

const std::string kGood = numbered_lines(25, 4);  // 25 valid lines of 4 values

}  // namespace

TEST_CASE("a missing file is unreadable_file, naming the file") {
    TempDir dir;
    const auto r = load_signal_file((dir.path() / "nope.csv").string(), 1);
    REQUIRE(r.error);
    CHECK(r.error->kind == "unreadable_file");
    CHECK(r.error->line == 0);
    CHECK(r.error->message.find("No such file") != std::string::npos);
}

TEST_CASE("a directory is unreadable_file") {
    TempDir dir;
    const auto r = load_signal_file(dir.path().string(), 1);
    REQUIRE(r.error);
    CHECK(r.error->kind == "unreadable_file");
}

TEST_CASE("an empty file or one of blank lines is empty_file at 1:1") {
    require_error("", 1, {"empty_file", 1, 1});
    require_error("\n  \n\r\n", 1, {"empty_file", 1, 1});
    require_error("\xEF\xBB\xBF", 1, {"empty_file", 1, 1});
}

TEST_CASE("a control byte is binary_content at its position") {
    require_error("1 2 3 4\n1 2\x01 3 4\n", 1, {"binary_content", 2, 4});
    require_error(std::string("1 2\0 3 4\n", 9), 1, {"binary_content", 1, 4});
}

TEST_CASE("mixed separators are found where the second separator appears") {
    require_error("1 2 3 4\n1 2;3 4\n", 1, {"mixed_separators", 2, 4});
    require_error("1,2, 3,4\n", 1, {"mixed_separators", 1, 5});  // ", " after ','
    require_error("1\t2 3\t4\n", 1, {"mixed_separators", 1, 4});
    require_error("1;2;3;4\n1;2;3 4\n", 1, {"mixed_separators", 2, 6});
}

TEST_CASE("decimal commas are decimal_comma at the comma") {
    require_error("1,5;2,3\n", 1, {"decimal_comma", 1, 2});
    require_error("1.5;2.3\n1.5;2,3\n", 1, {"decimal_comma", 2, 6});
    require_error("1.5 2.3\n1,5 2.3\n", 1, {"decimal_comma", 2, 2});
}

TEST_CASE("a non-numeric token is non_numeric at its first character") {
    require_error("x y z w\n" + kGood, 1, {"non_numeric", 1, 1});
    require_error(numbered_lines(6, 4) + "1 2 abc 4\n", 1, {"non_numeric", 7, 5});
    require_error("1 2 3 1e\n", 1, {"non_numeric", 1, 7});
    require_error("1 2 3 " + std::string(100, '9') + "\n", 1, {"non_numeric", 1, 7});
}

TEST_CASE("a header line says how to fix it") {
    TempDir dir;
    const auto r = load_signal_file(dir.write("h.csv", "ax,ay,az\n" + numbered_lines(25, 3, ",")), 3);
    REQUIRE(r.error);
    CHECK(r.error->kind == "non_numeric");
    CHECK(r.error->hint.find("header") != std::string::npos);
}

TEST_CASE("NaN, infinity and overflow are non_finite") {
    require_error("1 nan 3 4\n", 1, {"non_finite", 1, 3});
    require_error("1 2 3 4\n-inf 2 3 4\n", 1, {"non_finite", 2, 1});
    require_error("1 2 Infinity 4\n", 1, {"non_finite", 1, 5});
    require_error("1 2 3 1e39\n", 1, {"non_finite", 1, 7});
}

TEST_CASE("a line with another value count is inconsistent_length") {
    // Longer: at the first extra value. Shorter: where the line ends.
    require_error("1 2 3 4\n1 2 3 4 5\n", 1, {"inconsistent_length", 2, 9});
    require_error("1 2 3 4\n1 2 3\n", 1, {"inconsistent_length", 2, 6});
    require_error("1 2 3 4\n1 2 3", 1, {"inconsistent_length", 2, 6});  // no final newline
}

TEST_CASE("values per line not divisible by the axes is axes_mismatch") {
    require_error("1 2 3 4\n", 3, {"axes_mismatch", 1, 8});
}

TEST_CASE("fewer than 20 signals is too_few_signals for the whole file") {
    require_error(numbered_lines(19, 4), 1, {"too_few_signals", 0, 0});
    TempDir dir;
    CHECK(load_signal_file(dir.write("ok.csv", numbered_lines(20, 4)), 1).ok());
}

TEST_CASE("a caller that needs fewer signals (the emulator) can lower the minimum") {
    TempDir dir;
    const std::string three = dir.write("three.csv", numbered_lines(3, 4));
    auto strict = load_signal_file(three, 1);
    REQUIRE_FALSE(strict.ok());
    CHECK(strict.error->kind == "too_few_signals");
    auto lenient = load_signal_file(three, 1, 1);
    REQUIRE(lenient.ok());
    CHECK(lenient.dataset.signals == 3);
    auto wants_five = load_signal_file(three, 1, 5);
    REQUIRE_FALSE(wants_five.ok());
    CHECK(wants_five.error->message.find("at least 5") != std::string::npos);
    auto empty = load_signal_file(dir.write("empty.csv", ""), 1, 1);
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error->kind == "empty_file");
}

TEST_CASE("an empty value between or after separators is empty_value") {
    require_error("1,,3,4\n", 1, {"empty_value", 1, 3});
    require_error("1;2;3;4;\n", 1, {"empty_value", 1, 8});
    require_error(",1,2,3\n", 1, {"empty_value", 1, 1});
    require_error("1,2,3,\r\n", 1, {"empty_value", 1, 6});
}

TEST_CASE("parsing stops at the first error") {
    TempDir dir;
    const auto r = load_signal_file(dir.write("two.csv", "1 2 3 4\n1 x 3 4\n1 nan 3 4\n"), 1);
    REQUIRE(r.error);
    CHECK(r.error->kind == "non_numeric");
    CHECK(r.error->line == 2);
}

// Appending signals: the file is a valid signal file after every line; a line is in it whole
// or not at all; an existing file is checked before anything is written.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <csignal>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "temp_dir.hpp"
#include "vigil/engine/dataset/loader.hpp"
#include "vigil/engine/record/appender.hpp"
#include "vigil/engine/util/located_error.hpp"

using vigil::engine::record::SignalAppender;
using record_test::TempDir;
using record_test::slurp;

namespace {

std::vector<float> wave(size_t n, float offset) {
    std::vector<float> v(n);
    for (size_t i = 0; i < n; ++i) v[i] = offset + float(std::sin(double(i))) / 3.0f;
    return v;
}

}  // namespace

TEST_CASE("values are written in the shortest form that reads back as the same float32") {
    CHECK(SignalAppender::format_line(std::vector<float>{0.1f, -2.5f, 1e-5f, 3.0f}, ',') == "0.1,-2.5,1e-05,3\n");
    const std::vector<float> awkward = {0.1f + 1e-8f, 3.14159274f, -1.17549435e-38f, 123456792.0f, 7.0e-3f};
    TempDir dir;
    const std::string path = dir.file("rt.csv");
    {
        SignalAppender a(path, 1, awkward.size());
        for (int i = 0; i < 3; ++i) a.append(awkward, ' ');
    }
    const auto loaded = vigil::engine::dataset::load_signal_file(path, 1, 1);
    REQUIRE(loaded.ok());
    for (size_t s = 0; s < 3; ++s)
        for (size_t i = 0; i < awkward.size(); ++i) CHECK(loaded.dataset.row(s)[i] == awkward[i]);
}

TEST_CASE("a new file takes the board's separator, every line is one signal, it loads as a signal file") {
    TempDir dir;
    const std::string path = dir.file("new.csv");
    SignalAppender a(path, 3, 4);
    CHECK(a.created());
    CHECK(a.separator() == 0);
    a.append(wave(12, 0), ';');
    a.append(wave(12, 1), ',');  // the file keeps the separator it has
    CHECK(a.separator() == ';');
    CHECK(a.signals() == 2);
    const std::string text = slurp(path);
    CHECK(std::count(text.begin(), text.end(), '\n') == 2);
    CHECK(text.find(',') == std::string::npos);
    const auto loaded = vigil::engine::dataset::load_signal_file(path, 3, 1);
    REQUIRE(loaded.ok());
    CHECK(loaded.dataset.signals == 2);
    CHECK(loaded.dataset.length == 4);
}

TEST_CASE("one value per line from the board: a new file separates with spaces") {
    TempDir dir;
    SignalAppender a(dir.file("s.txt"), 1, 3);
    a.append(std::vector<float>{1, 2, 3}, 0);
    CHECK(slurp(dir.file("s.txt")) == "1 2 3\n");
}

TEST_CASE("an existing file: its separator and count are kept, new lines follow its own") {
    TempDir dir;
    const std::string path = dir.write("old.csv", "1\t2\t3\t4\n\n5\t6\t7\t8\r\n");
    SignalAppender a(path, 2, 2);
    CHECK_FALSE(a.created());
    CHECK(a.existing_signals() == 2);
    CHECK(a.separator() == '\t');
    a.append(std::vector<float>{9, 10, 11, 12}, ',');
    CHECK(a.signals() == 3);
    CHECK(slurp(path) == "1\t2\t3\t4\n\n5\t6\t7\t8\r\n9\t10\t11\t12\n");
}

TEST_CASE("an existing file that does not end with a newline is refused, with the offset to cut it at") {
    TempDir dir;
    const std::string path = dir.write("cut.csv", "1 2 3 4\n5 6 7 8\n9 10 1");
    try {
        SignalAppender a(path, 1, 4);
        FAIL("not refused");
    } catch (const vigil::engine::util::LocatedError& e) {
        CHECK(e.file == path);
        CHECK(std::string(e.what()).find("does not end with a newline") != std::string::npos);
        CHECK(std::string(e.what()).find("truncate -s 16 ") != std::string::npos);
    }
    CHECK(slurp(path) == "1 2 3 4\n5 6 7 8\n9 10 1");  // untouched
}

TEST_CASE("an existing file of another signal size, or malformed, is refused naming where") {
    TempDir dir;
    const std::string other = dir.write("other.csv", "1 2 3 4 5 6\n");
    try {
        SignalAppender a(other, 3, 4);
        FAIL("not refused");
    } catch (const vigil::engine::util::LocatedError& e) {
        CHECK(std::string(e.what()).find("signals of 6 values") != std::string::npos);
        CHECK(std::string(e.what()).find("this recording makes 12") != std::string::npos);
    }
    const std::string bad = dir.write("bad.csv", "1 2 3 4\n1 2 x 4\n");
    try {
        SignalAppender a(bad, 1, 4);
        FAIL("not refused");
    } catch (const vigil::engine::util::LocatedError& e) {
        CHECK(e.line == 2);
        CHECK(e.column == 5);
        CHECK(std::string(e.what()).find("'x' is not a number") != std::string::npos);
    }
    // An empty existing file is fine (and not "created").
    const std::string empty = dir.write("empty.csv", "");
    SignalAppender a(empty, 1, 2);
    CHECK_FALSE(a.created());
    CHECK(a.existing_signals() == 0);
}

TEST_CASE("two recordings into one file: the second is refused") {
    TempDir dir;
    SignalAppender first(dir.file("one.csv"), 1, 2);
    CHECK_THROWS_WITH(SignalAppender(dir.file("one.csv"), 1, 2), Catch::Contains("another recording"));
}

TEST_CASE("a write that fails half-way is cut back: the file still ends with its last whole line") {
    TempDir dir;
    const std::string path = dir.file("full.csv");
    SignalAppender a(path, 1, 64);
    a.append(wave(64, 0), ',');
    const auto before = slurp(path);
    // The file may grow by only 100 more bytes (a line is ~700): the write stops inside the line.
    struct rlimit old {};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = old;
    small.rlim_cur = before.size() + 100;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    CHECK_THROWS_WITH(a.append(wave(64, 1), ','), Catch::Contains(path) && Catch::Contains("cannot write"));
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &old) == 0);
    std::signal(SIGXFSZ, old_handler);
    CHECK(slurp(path) == before);
    CHECK(a.signals() == 1);
    // And the next line goes in normally.
    a.append(wave(64, 2), ',');
    CHECK(vigil::engine::dataset::load_signal_file(path, 1, 1).dataset.signals == 2);
}

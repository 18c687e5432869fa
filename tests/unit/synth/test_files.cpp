// Determinism and the file format: same seed, same bytes; the files parse back to the
// generated values with the project's own loader and with a strict reader of the format.
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run.hpp"
#include "temp_dir.hpp"
#include "vigil/engine/dataset/loader.hpp"
#include "vigil/engine/synth/generator.hpp"
#include "vigil/engine/synth/writer.hpp"

using namespace vigil::engine::synth;
using synth_test::TempDir;
using synth_test::read_all;

namespace {

// The input format, strictly: lines of values separated by single spaces, '\n' after every
// line, plain decimals with '.' (no exponent), at most 6 significant digits.
std::vector<std::vector<float>> parse_strict(const std::string& text) {
    std::vector<std::vector<float>> rows;
    REQUIRE_FALSE(text.empty());
    REQUIRE(text.back() == '\n');
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = text.find('\n', start);
        std::vector<float> row;
        size_t p = start;
        while (p < end) {
            size_t q = text.find(' ', p);
            if (q == std::string::npos || q > end) q = end;
            const std::string token = text.substr(p, q - p);
            REQUIRE_FALSE(token.empty());  // no double spaces, no leading or trailing space
            REQUIRE(token.find_first_not_of("-0123456789.") == std::string::npos);
            size_t digits = 0;
            bool leading = true;
            for (char c : token) {
                if (c >= '1' && c <= '9') leading = false;
                if (c >= '0' && c <= '9' && !leading) ++digits;
            }
            REQUIRE(digits <= 6);
            float v = 0.0f;
            auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), v);
            REQUIRE((ec == std::errc() && ptr == token.data() + token.size()));
            row.push_back(v);
            p = q + 1;
        }
        rows.push_back(std::move(row));
        start = end + 1;
    }
    return rows;
}

SynthSpec small_spec() {
    SynthSpec s;
    s.axes = 3;
    s.length = 128;
    s.signals = 12;
    s.abnormal_signals = 9;
    s.seed = 42;
    return s;
}

}  // namespace

TEST_CASE("the same seed gives byte-identical files, another seed different ones") {
    TempDir dir;
    const Generator gen(small_spec());
    const DatasetFiles a = write_dataset(gen, dir.path() / "a");
    const DatasetFiles b = write_dataset(Generator(small_spec()), dir.path() / "b");
    CHECK(read_all(a.regular) == read_all(b.regular));
    CHECK(read_all(a.abnormal) == read_all(b.abnormal));
    CHECK(a.regular_bytes == read_all(a.regular).size());

    SynthSpec other = small_spec();
    other.seed = 43;
    const DatasetFiles c = write_dataset(Generator(other), dir.path() / "c");
    CHECK(read_all(a.regular) != read_all(c.regular));
    CHECK(read_all(a.abnormal) != read_all(c.abnormal));
    // Regular and abnormal are different captures, not the same ones with a fault added.
    CHECK(read_all(a.regular).substr(0, 200) != read_all(a.abnormal).substr(0, 200));
}

TEST_CASE("a signal does not depend on the order it is generated in") {
    const Generator gen(small_spec());
    std::vector<float> first(gen.values_per_signal()), again(gen.values_per_signal());
    gen.generate(SignalKind::abnormal, 5, first);
    gen.generate(SignalKind::regular, 0, again);
    gen.generate(SignalKind::abnormal, 5, again);
    CHECK(first == again);
    const std::vector<float> all = gen.generate_all(SignalKind::abnormal);
    CHECK(std::vector<float>(all.begin() + 5 * first.size(), all.begin() + 6 * first.size()) == first);
    CHECK_THROWS_AS(gen.generate(SignalKind::regular, 0, std::span<float>(first).first(10)), std::invalid_argument);
}

TEST_CASE("files have one line per signal and axes x length values per line, matching memory") {
    TempDir dir;
    for (Machine machine : {Machine::vibration, Machine::current}) {
        SynthSpec spec = small_spec();
        spec.machine = machine;
        spec.axes = machine == Machine::vibration ? 5 : 3;
        const Generator gen(spec);
        const DatasetFiles files = write_dataset(gen, dir.path() / "nested" / "folder");
        for (SignalKind kind : {SignalKind::regular, SignalKind::abnormal}) {
            const auto rows = parse_strict(read_all(kind == SignalKind::regular ? files.regular : files.abnormal));
            REQUIRE(rows.size() == gen.count(kind));
            const std::vector<float> memory = gen.generate_all(kind);
            for (size_t i = 0; i < rows.size(); ++i) {
                REQUIRE(rows[i].size() == gen.values_per_signal());
                for (size_t v = 0; v < rows[i].size(); ++v) {
                    const float expected = memory[i * gen.values_per_signal() + v];
                    REQUIRE(rows[i][v] == Approx(expected).epsilon(1e-5).margin(1e-30));
                }
            }
        }
        // No temporary file is left next to the results.
        size_t entries = 0;
        for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path() / "nested" / "folder"))
            ++entries;
        CHECK(entries == 2);
    }
}

TEST_CASE("the written files load with the project's dataset loader") {
    TempDir dir;
    SynthSpec spec = small_spec();
    spec.abnormal_signals = 24;  // the loader wants at least 20 signals in a file
    const Generator gen(spec);
    const DatasetFiles files = write_dataset(gen, dir.path());
    const auto loaded = vigil::engine::dataset::load_signal_file(files.abnormal.string(), spec.axes);
    INFO((loaded.error ? loaded.error->message : std::string()));
    REQUIRE(loaded.ok());
    CHECK(loaded.dataset.signals == spec.abnormal_signals);
    CHECK(loaded.dataset.axes == spec.axes);
    CHECK(loaded.dataset.length == spec.length);
    const std::vector<float> memory = gen.generate_all(SignalKind::abnormal);
    CHECK(loaded.dataset.data[7] == Approx(memory[7]).epsilon(1e-5));
}

TEST_CASE("a failed write leaves nothing behind and does not touch existing files") {
    TempDir dir;
    const Generator gen(small_spec());
    // The target folder exists as a file: nothing can be written.
    const auto blocked = dir.path() / "blocked";
    std::ofstream(blocked) << "keep me";
    CHECK_THROWS_WITH(write_dataset(gen, blocked), Catch::Contains("blocked"));
    CHECK(read_all(blocked) == "keep me");

    // regular.csv is a folder: the regular file cannot be renamed into place, and the abnormal
    // one must not appear either.
    const auto half = dir.path() / "half";
    std::filesystem::create_directories(half / "regular.csv" / "x");
    CHECK_THROWS_WITH(write_dataset(gen, half), Catch::Contains("regular.csv"));
    CHECK_FALSE(std::filesystem::exists(half / "abnormal.csv"));
    size_t entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(half)) ++entries;
    CHECK(entries == 1);
}

// Every warning on a small file made for it, with the lines involved; and a clean file that
// raises none.
#include <catch2/catch.hpp>

#include <numbers>

#include "test_files.hpp"

using namespace vigil_test;

namespace {

// A sine of `cycles` periods over the signal, random phase, plus a little noise.
Signals sines(size_t signals, size_t length, double cycles, double noise_level = 0.05, unsigned seed = 3) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> phase(0.0, 2 * std::numbers::pi);
    std::normal_distribution<double> noise(0.0, noise_level);
    Signals s(signals, std::vector<float>(length));
    for (auto& row : s) {
        const double ph = phase(rng);
        for (size_t t = 0; t < length; ++t)
            row[t] = float(std::sin(2 * std::numbers::pi * cycles * double(t) / double(length) + ph) + noise(rng));
    }
    return s;
}

}  // namespace

TEST_CASE("clean noise raises no warning") {
    TempDir dir;
    const auto r = check_text(dir, to_text(noise(64, 16, 3)), 3, 1000.0);
    REQUIRE(r.errors.empty());
    CHECK(kinds(r.warnings).empty());
    CHECK(r.status() == vigil::engine::dataset::CheckStatus::ok);
}

TEST_CASE("fewer than 50 signals is few_signals") {
    TempDir dir;
    const auto r = check_text(dir, to_text(noise(30, 16, 1)), 1);
    CHECK(kinds(r.warnings) == std::vector<std::string>{"few_signals"});
    CHECK(r.warnings[0].line == 0);
}

TEST_CASE("a length that is not a power of two is length_not_power_of_two at the first signal") {
    TempDir dir;
    const auto r = check_text(dir, std::string("\n").append(to_text(noise(64, 12, 2))), 2);
    REQUIRE(kinds(r.warnings) == std::vector<std::string>{"length_not_power_of_two"});
    CHECK(r.warnings[0].line == 2);
    CHECK(r.warnings[0].hint.find("8 or 16") != std::string::npos);
}

TEST_CASE("constant signals are constant_signal with their lines") {
    TempDir dir;
    auto s = noise(64, 16, 2);
    std::fill(s[4].begin(), s[4].end(), 0.5f);
    for (size_t t = 0; t < 16; ++t) s[8][2 * t] = 1.0f, s[8][2 * t + 1] = -2.0f;  // each axis constant
    const auto r = check_text(dir, to_text(s), 2);
    const auto* w = find_kind(r.warnings, "constant_signal");
    REQUIRE(w);
    CHECK(w->lines == std::vector<uint64_t>{5, 9});
    // A flat line among noisy ones is also far from the others: that is right, not noise.
    CHECK(kinds(r.warnings) == std::vector<std::string>{"constant_signal", "outlier_signals"});
}

TEST_CASE("an axis that never changes is constant_axis") {
    TempDir dir;
    auto s = noise(64, 16, 2);
    for (auto& row : s)
        for (size_t t = 0; t < 16; ++t) row[2 * t + 1] = 0.98f;
    const auto r = check_text(dir, to_text(s), 2);
    REQUIRE(kinds(r.warnings) == std::vector<std::string>{"constant_axis"});
    CHECK(r.warnings[0].message.find("axis y") != std::string::npos);
}

TEST_CASE("samples repeated because the sensor was read too fast are data_repetition") {
    TempDir dir;
    auto s = noise(64, 16, 3);
    for (size_t i = 0; i < s.size(); ++i)  // every other sample repeats the previous one
        for (size_t t = 1; t < 16; t += 2)
            for (size_t a = 0; a < 3; ++a) s[i][t * 3 + a] = s[i][(t - 1) * 3 + a];
    for (size_t t = 1; t < 16; ++t)  // line 10: repeats everywhere but the first sample
        for (size_t a = 0; a < 3; ++a) s[9][t * 3 + a] = s[9][a] + (t >= 8 ? 1.0f : 0.0f);
    const auto r = check_text(dir, to_text(s), 3);
    const auto* w = find_kind(r.warnings, "data_repetition");
    REQUIRE(w);
    CHECK(w->lines.front() == 10);  // worst first
    CHECK(w->lines.size() == vigil::engine::dataset::kMaxListedLines);
    CHECK(w->message.find("%") != std::string::npos);
}

TEST_CASE("identical lines are duplicate_signals, naming the copies") {
    TempDir dir;
    auto s = noise(64, 16, 1);
    s[11] = s[2];
    s[40] = s[2];
    const auto r = check_text(dir, to_text(s), 1);
    REQUIRE(kinds(r.warnings) == std::vector<std::string>{"duplicate_signals"});
    CHECK(r.warnings[0].lines == std::vector<uint64_t>{12, 41});
    CHECK(r.warnings[0].message.find("line 12 = line 3") != std::string::npos);
}

TEST_CASE("signals far from the others are outlier_signals, worst first") {
    TempDir dir;
    auto s = noise(64, 16, 1);
    for (auto& v : s[20]) v += 30.0f;  // offset
    for (auto& v : s[50]) v *= 60.0f;  // spread
    const auto r = check_text(dir, to_text(s), 1);
    REQUIRE(kinds(r.warnings) == std::vector<std::string>{"outlier_signals"});
    CHECK(r.warnings[0].lines == std::vector<uint64_t>{51, 21});
}

TEST_CASE("signals that barely differ from each other are low_variance") {
    TempDir dir;
    auto s = sines(64, 16, 2.0, 0.0);
    for (size_t i = 0; i < s.size(); ++i)  // same phase, a tiny difference per signal
        for (size_t t = 0; t < 16; ++t) s[i][t] = float(std::sin(2 * std::numbers::pi * 2 * double(t) / 16) + 1e-4 * double(i) * double(t % 3 + 1));
    const auto r = check_text(dir, to_text(s), 1);
    REQUIRE(kinds(r.warnings) == std::vector<std::string>{"low_variance"});
}

TEST_CASE("values stuck at the file's extremes are clipping") {
    TempDir dir;
    auto s = sines(64, 16, 1.0);
    for (auto& row : s)
        for (auto& v : row) v = std::clamp(v * 1.6f, -1.0f, 1.0f);
    const auto r = check_text(dir, to_text(s), 1);
    // Samples held on the rail also repeat each other: data_repetition comes along, rightly.
    REQUIRE(kinds(r.warnings) == std::vector<std::string>{"data_repetition", "clipping", "clipping"});
    CHECK(r.warnings[1].message.find("maximum 1") != std::string::npos);  // max, then min
    CHECK(r.warnings[2].message.find("minimum -1") != std::string::npos);
    CHECK(r.warnings[1].lines.size() == vigil::engine::dataset::kMaxListedLines);
}

TEST_CASE("energy near Nyquist is aliasing_risk, only with a rate") {
    TempDir dir;
    const std::string text = to_text(sines(64, 64, 30.0));  // 30 of 32 cycles: 0.94 Nyquist
    CHECK(kinds(check_text(dir, text, 1).warnings).empty());
    const auto r = check_text(dir, text, 1, 6400.0);
    REQUIRE(kinds(r.warnings) == std::vector<std::string>{"aliasing_risk"});
    CHECK(r.warnings[0].message.find("3200 Hz") != std::string::npos);
}

TEST_CASE("no energy above a tenth of Nyquist is oversampling, only with a rate") {
    TempDir dir;
    const std::string text = to_text(sines(64, 256, 1.0, 0.0005));
    CHECK(kinds(check_text(dir, text, 1).warnings).empty());
    const auto r = check_text(dir, text, 1, 1000.0);
    REQUIRE(kinds(r.warnings) == std::vector<std::string>{"oversampling"});
}

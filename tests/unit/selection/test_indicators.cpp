#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "vigil/engine/selection/indicators.hpp"

using namespace vigil::engine::selection;

TEST_CASE("confidence: perfect, wrong, on the threshold, symmetric", "[indicators]") {
    const std::vector<float> r100(5, 100.0f), a0(7, 0.0f), r0(5, 0.0f), a100(7, 100.0f), at90(4, 90.0f);
    CHECK(confidence_of(r100, a0) == Approx(100.0));
    CHECK(confidence_of(r0, a100) == Approx(0.0));
    CHECK(confidence_of(at90, at90) == Approx(50.0));
    // Perfect regular, abnormal on the threshold: half way between 50 and 100.
    CHECK(confidence_of(r100, at90) == Approx(75.0));
    CHECK(confidence_of(at90, a0) == Approx(75.0));
    // Symmetric: as far right on the regular side as right on the abnormal side.
    const std::vector<float> r95{95.0f}, a45{45.0f}, r85{85.0f}, a92{92.0f};
    CHECK(confidence_of(r95, a45) == Approx(75.0));
    CHECK(confidence_of(r85, a92) == Approx(100.0 * (1.0 + (-5.0 / 90 - 2.0 / 10) / 2) / 2));
    // Without abnormal signals: the regular class alone.
    CHECK(confidence_of(r100, {}) == Approx(100.0));
}

TEST_CASE("balanced accuracy of similarity sets", "[indicators]") {
    const std::vector<float> regular{95, 99, 80, 92}, abnormal{10, 95};
    CHECK(balanced_accuracy_of(regular, abnormal) == Approx((0.75 + 0.5) / 2));
    const std::vector<float> exactly90{90.0f}, below{89.99f};
    CHECK(balanced_accuracy_of(exactly90, below) == Approx(1.0));  // 90 is regular, < 90 abnormal
}

TEST_CASE("indicators average over splits and groups", "[indicators]") {
    EvaluationStats st;
    st.splits.push_back({0, {{4, 4, 2, 2, 4.0, 2.0}, {4, 2, 2, 0, 0.0, -2.0}}});
    st.splits.push_back({1, {{4, 4, 2, 1, 4.0, 0.0}, {4, 4, 0, 0, 4.0, 0.0}}});
    const Indicators ind = compute_indicators(st, {1024, 2048, 5000});
    CHECK(ind.balanced_accuracy == Approx((1.0 + 0.25 + 0.75 + 1.0) / 4));
    CHECK(ind.splits == 2);
    CHECK(ind.ram_bytes == 1024);
    CHECK(ind.flash_bytes == 2048);
    CHECK(ind.confidence == Approx(100.0 * (1.0 + (1.0 + -1.0 / 2 + 0.5 + 1.0) / 4) / 2));
    EvaluationStats failed = st;
    failed.failure = "vigil_model_init: BAD_ARGUMENT";
    CHECK(compute_indicators(failed, {}).failed);
}

TEST_CASE("ranking: accuracy, then confidence, then RAM, then key", "[indicators]") {
    struct Row {
        Indicators ind;
        std::string key;
    };
    auto make = [](double ba, double conf, size_t ram, std::string key, bool failed = false) {
        Indicators i;
        i.balanced_accuracy = ba;
        i.confidence = conf;
        i.ram_bytes = ram;
        i.failed = failed;
        return Row{i, std::move(key)};
    };
    std::vector<Row> rows{make(0.90, 99, 100, "a"), make(0.95, 60, 900, "b"), make(0.95, 80, 900, "c"),
                          make(0.95, 80, 300, "d"), make(0.95, 80, 300, "e"), make(1.0, 99, 1, "f", true),
                          make(0.95, 80, 300, "0")};
    std::sort(rows.begin(), rows.end(),
              [](const Row& x, const Row& y) { return ranks_before(x.ind, x.key, y.ind, y.key); });
    std::string order;
    for (const auto& r : rows) order += r.key;
    CHECK(order == "0decbaf");
    CHECK_FALSE(ranks_before(rows[0].ind, rows[0].key, rows[0].ind, rows[0].key));  // irreflexive
}

TEST_CASE("split-to-split uncertainty: the standard error of the per-split figures", "[indicators]") {
    auto split = [](uint32_t index, uint32_t regular_ok, uint32_t abnormal_ok) {
        GroupStats g;
        for (uint32_t k = 0; k < 10; ++k) g.add(false, k < regular_ok ? 100.f : 0.f);
        for (uint32_t k = 0; k < 10; ++k) g.add(true, k < abnormal_ok ? 0.f : 100.f);
        return SplitStats{index, {g}};
    };
    EvaluationStats st;
    st.splits = {split(0, 10, 10), split(1, 10, 8), split(2, 10, 6)};  // BA 1.0, 0.9, 0.8
    const Indicators ind = compute_indicators(st, {});
    CHECK(ind.balanced_accuracy == Approx(0.9));
    CHECK(ind.balanced_accuracy_se == Approx(0.1 / std::sqrt(3.0)));  // sd 0.1 over 3 splits
    CHECK(ind.confidence_se > 0);
    EvaluationStats one;
    one.splits = {split(0, 10, 7)};
    CHECK(compute_indicators(one, {}).balanced_accuracy_se == 0);  // one split: no measure of noise
}

TEST_CASE("ties prefer the smaller library: within the best's noise, RAM decides", "[indicators]") {
    auto make = [](double ba, double ba_se, double conf, double conf_se, size_t ram, size_t flash = 1000) {
        Indicators i;
        i.balanced_accuracy = ba;
        i.balanced_accuracy_se = ba_se;
        i.confidence = conf;
        i.confidence_se = conf_se;
        i.ram_bytes = ram;
        i.flash_bytes = flash;
        return i;
    };
    // The demo's case: 95.0 % with 12.5 kB beat 94.9 % with 3.6 kB on 0.1 % of noise.
    const Indicators big = make(0.950, 0.004, 80, 1.5, 12800);
    const Indicators small = make(0.949, 0.006, 79.5, 2.0, 3600);
    const Indicators worse = make(0.930, 0.004, 85, 1.0, 1000);       // 2 % less accurate: not a tie
    const Indicators unsure = make(0.949, 0.004, 70, 1.0, 500);       // as accurate, much less confident
    const Indicators earlier = make(0.949, 0.004, 80, 1.0, 200);      // tie, but measured on fewer splits
    const Indicators same_ram = make(0.9495, 0.004, 79.9, 1.0, 3600, 900);  // ties on RAM: flash decides
    std::vector<const Indicators*> ranked{&big, &small, &same_ram, &unsure, &worse, &earlier};
    std::vector<uint32_t> stages{2, 2, 2, 2, 2, 1};
    size_t tied = 0;
    const auto order = order_with_ties(ranked, stages, &tied);
    CHECK(tied == 3);
    CHECK(order == std::vector<size_t>{2, 1, 0, 3, 4, 5});
    CHECK(within_noise_of(big, small));
    CHECK_FALSE(within_noise_of(big, worse));
    CHECK_FALSE(within_noise_of(big, unsure));

    // Without any measured noise (one split) the strict ranking stands.
    const Indicators a = make(0.95, 0, 80, 0, 9000), b = make(0.949, 0, 80, 0, 100);
    std::vector<const Indicators*> strict{&a, &b};
    std::vector<uint32_t> same{0, 0};
    CHECK(order_with_ties(strict, same) == std::vector<size_t>{0, 1});

    // A failed leader leads nothing.
    Indicators failed = make(0, 0, 0, 0, 10);
    failed.failed = true;
    std::vector<const Indicators*> all_failed{&failed};
    std::vector<uint32_t> zero{0};
    CHECK(order_with_ties(all_failed, zero, &tied) == std::vector<size_t>{0});
    CHECK(tied == 0);
}

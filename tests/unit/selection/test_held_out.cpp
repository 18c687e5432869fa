#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "selection_test_support.hpp"
#include "vigil/engine/selection/held_out.hpp"
#include "vigil/engine/selection/indicators.hpp"

using namespace vigil::engine::selection;
using namespace selection_test;

TEST_CASE("held-out rows are disjoint from selection rows and seeded", "[held_out]") {
    const auto groups = make_groups(2, 60, 30);
    const HeldOutSplit a = split_held_out(groups, {});
    const HeldOutSplit b = split_held_out(groups, {});
    for (size_t g = 0; g < groups.size(); ++g) {
        for (auto pick : {&SignalGroup::regular, &SignalGroup::abnormal}) {
            const auto& sel = (a.selection[g].*pick).rows;
            const auto& held = (a.held_out[g].*pick).rows;
            CHECK(held.size() == size_t(std::llround(0.2 * double((groups[g].*pick).rows.size()))));
            std::vector<uint32_t> both;
            std::set_intersection(sel.begin(), sel.end(), held.begin(), held.end(), std::back_inserter(both));
            CHECK(both.empty());
            CHECK(sel.size() + held.size() == (groups[g].*pick).rows.size());
            CHECK(held == (b.held_out[g].*pick).rows);
        }
    }
    HeldOutOptions other;
    other.seed = 2;
    CHECK(split_held_out(groups, other).held_out[0].regular.rows != a.held_out[0].regular.rows);
}

TEST_CASE("held-out: small files still hold out a few signals", "[held_out]") {
    std::vector<uint32_t> rows{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    const auto p = partition_rows(rows, {}, 0);
    CHECK(p.held_out.size() == 3);  // 20 % would be 2: at least 3
    const auto tiny = partition_rows(std::vector<uint32_t>{0, 1, 2}, {}, 0);
    CHECK(tiny.selection.size() == 2);  // selection keeps a learn and a detect signal
}

TEST_CASE("held-out check: re-evaluates the chosen recipe and warns on a drop", "[held_out]") {
    const auto split = split_held_out(make_groups(1, 80, 40), {});
    const vigil_recipe r = band_recipe();
    const HeldOutReport rep = check_held_out(split, r, 0.97);
    CHECK(rep.regular_signals == split.held_out[0].regular.rows.size());
    CHECK(rep.abnormal_signals == split.held_out[0].abnormal.rows.size());
    CHECK(rep.similarities.size() == rep.regular_signals + rep.abnormal_signals);
    CHECK(rep.balanced_accuracy > 0.9);
    CHECK_FALSE(rep.warning);
    std::vector<float> reg, abn;
    for (const auto& s : rep.similarities) (s.abnormal ? abn : reg).push_back(s.similarity);
    CHECK(rep.balanced_accuracy == Approx(balanced_accuracy_of(reg, abn)));
    // The same result against a selection score far above it: a warning, with the numbers.
    const HeldOutReport warned = check_held_out(split, r, rep.balanced_accuracy + 0.06);
    CHECK(warned.warning);
    CHECK_THAT(warned.message, Catch::StartsWith("warning: held-out balanced accuracy"));
}

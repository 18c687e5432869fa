// Family "hstrees": points far from the learned cloud score higher than points inside it;
// the window learns the work range and is not counted; the score's bounds.
#include "test_family_support.hpp"

#include <cmath>

using namespace vigil_test;

namespace {

std::vector<std::vector<float>> cloud(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<std::vector<float>> out(n, std::vector<float>(4));
    for (auto &x : out)
        for (float &v : x) v = g(rng);
    return out;
}

double mean_score(const FamilyModel &m, const std::vector<std::vector<float>> &xs) {
    double s = 0.0;
    for (const auto &x : xs) s += m.score(x);
    return s / static_cast<double>(xs.size());
}

}  // namespace

TEST_CASE("hstrees: far points score higher than points inside the cloud", "[family][hstrees]") {
    for (float size_limit : {0.0f, 0.1f}) {
        INFO("size limit " << size_limit);
        FamilyModel m(make_params(VIGIL_FAMILY_HSTREES, {25, 8, 64}, {size_limit}), 4, 2024);
        for (const auto &x : cloud(1064, 1)) m.learn(x);

        const auto inside = cloud(100, 2);
        auto shifted = cloud(100, 3);  // the same cloud moved 4 sd along every feature
        for (auto &x : shifted)
            for (float &v : x) v += 4.0f;
        const double s_in = mean_score(m, inside);
        CHECK(s_in < 0.5);
        CHECK(mean_score(m, shifted) > 2.0 * s_in);
        CHECK(m.score({0.0f, 0.0f, 0.0f, 0.0f}) < m.score({2.5f, -2.5f, 2.5f, -2.5f}));
        // Outside the work range entirely: no learned mass at the leaf (with a size limit the
        // descent stops higher up, at a node holding at most 10% of the mass).
        const float outside = m.score({50.0f, -50.0f, 50.0f, -50.0f});
        if (size_limit == 0.0f)
            CHECK(outside == 1.0f);
        else
            CHECK(outside > 0.8f);
        // The score lies in (0, 1].
        for (const auto &x : inside) {
            CHECK(m.score(x) > 0.0f);
            CHECK(m.score(x) <= 1.0f);
        }
    }
}

TEST_CASE("hstrees: the window learns the range and is not counted", "[family][hstrees]") {
    FamilyModel m(make_params(VIGIL_FAMILY_HSTREES, {4, 4, 10}, {0.0f}), 4, 5);
    const auto data = cloud(11, 6);
    for (size_t k = 0; k < 10; ++k) {
        m.learn(data[k]);
        CHECK(m.score(data[0]) == 0.0f);  // nothing counted yet
    }
    m.learn(data[10]);
    // One vector counted: it is the whole learned mass, so at every depth its node holds
    // mass 1 and the relative density at the leaf is 2^h.
    CHECK(m.score(data[10]) == Approx(1.0 / (1.0 + 16.0)));
}

TEST_CASE("hstrees: a constant feature still separates a changed value", "[family][hstrees]") {
    FamilyModel m(make_params(VIGIL_FAMILY_HSTREES, {16, 6, 20}, {0.0f}), 2, 9);
    std::mt19937 rng(1);
    std::normal_distribution<float> g(0.0f, 1.0f);
    for (int k = 0; k < 300; ++k) m.learn({g(rng), 3.0f});
    const float same = m.score({0.0f, 3.0f});
    const float changed = m.score({0.0f, 3.01f});
    CHECK(changed > same);
}

TEST_CASE("hstrees: different seeds give different forests", "[family][hstrees]") {
    FamilyModel a(make_params(VIGIL_FAMILY_HSTREES, {8, 6, 32}, {0.0f}), 4, 1);
    FamilyModel b(make_params(VIGIL_FAMILY_HSTREES, {8, 6, 32}, {0.0f}), 4, 2);
    for (const auto &x : cloud(300, 7)) {
        a.learn(x);
        b.learn(x);
    }
    CHECK(a.snapshot() != b.snapshot());
}

// Family "knn": mean distance to the k nearest against brute force, and the reservoir.
#include "test_family_support.hpp"

#include <algorithm>
#include <cmath>

using namespace vigil_test;

namespace {

double brute_force(const std::vector<std::vector<float>> &data, const std::vector<float> &x,
                   size_t k) {
    std::vector<double> d;
    for (const auto &v : data) {
        double s = 0.0;
        for (size_t j = 0; j < x.size(); ++j) s += (v[j] - x[j]) * (v[j] - x[j]);
        d.push_back(std::sqrt(s));
    }
    std::sort(d.begin(), d.end());
    double sum = 0.0;
    for (size_t m = 0; m < k; ++m) sum += d[m];
    return sum / static_cast<double>(k);
}

}  // namespace

TEST_CASE("knn: equals brute force while everything fits in the reservoir", "[family][knn]") {
    const uint16_t dim = 6;
    const auto data = gaussian_cloud(100, dim, 31);
    const auto probes = gaussian_cloud(25, dim, 32);
    for (uint16_t k : {1, 5, 16}) {
        FamilyModel m(make_params(VIGIL_FAMILY_KNN, {128, k}, {}), dim, 7);
        for (const auto &x : data) m.learn(x);
        for (const auto &x : probes) CHECK(m.score(x) == Approx(brute_force(data, x, k)).epsilon(1e-5));
        CHECK(m.score(data[10]) == Approx(brute_force(data, data[10], k)).epsilon(1e-5).margin(1e-6));
    }
}

TEST_CASE("knn: fewer stored vectors than k average over those stored", "[family][knn]") {
    FamilyModel m(make_params(VIGIL_FAMILY_KNN, {8, 4}, {}), 1, 1);
    CHECK(m.score({5.0f}) == 0.0f);
    m.learn({1.0f});
    m.learn({3.0f});
    CHECK(m.score({0.0f}) == Approx(2.0));  // (1 + 3) / 2
}

TEST_CASE("knn: the reservoir is a sample of the whole stream, not its beginning",
          "[family][knn]") {
    // 500 vectors near A then 500 near B, reservoir of 64: both halves must be represented.
    const uint16_t dim = 3;
    auto a = gaussian_cloud(500, dim, 41), b = gaussian_cloud(500, dim, 42);
    for (auto &x : b)
        for (float &v : x) v += 100.0f;
    const auto probes_b = gaussian_cloud(20, dim, 43);
    FamilyModel m(make_params(VIGIL_FAMILY_KNN, {64, 1}, {}), dim, 99);
    std::vector<std::vector<float>> all;
    for (const auto &x : a) { m.learn(x); all.push_back(x); }
    for (const auto &x : b) { m.learn(x); all.push_back(x); }
    for (auto x : probes_b) {
        // A subset can only be farther than the full set; both halves stay close to the probes.
        CHECK(m.score(x) >= brute_force(all, x, 1) - 1e-5);
        CHECK(m.score(x) < 5.0f);
        for (float &v : x) v += 100.0f;
        CHECK(m.score(x) >= brute_force(all, x, 1) - 1e-5);
        CHECK(m.score(x) < 5.0f);
    }
}

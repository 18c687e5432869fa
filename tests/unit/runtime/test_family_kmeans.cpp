// Family "kmeans": well-separated clusters are found; points between or outside them score
// high; the radius per cluster scales the score.
#include "test_family_support.hpp"

#include <cmath>

using namespace vigil_test;

namespace {

const std::vector<std::vector<float>> kCentres = {
    {0.0f, 0.0f, 0.0f, 0.0f}, {20.0f, 0.0f, 0.0f, 0.0f}, {0.0f, 20.0f, 20.0f, 0.0f}};

// Round-robin over the clusters, so the first k vectors (the seeds) come from distinct clusters.
std::vector<std::vector<float>> clusters(size_t n, float sd, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, sd);
    std::vector<std::vector<float>> out;
    for (size_t k = 0; k < n; ++k) {
        std::vector<float> x = kCentres[k % kCentres.size()];
        for (float &v : x) v += g(rng);
        out.push_back(x);
    }
    return out;
}

}  // namespace

TEST_CASE("kmeans: finds well-separated clusters", "[family][kmeans]") {
    for (float rate : {0.0f, 0.02f}) {
        INFO("rate " << rate);
        FamilyModel m(make_params(VIGIL_FAMILY_KMEANS, {3}, {rate, 0.0f}), 4, 1);
        for (const auto &x : clusters(600, 0.5f, 8)) m.learn(x);
        // Each true centre is at the heart of a learned cluster...
        for (const auto &c : kCentres) CHECK(m.score(c) < 0.5f);
        // ...typical members are about one radius away (the radius is their mean distance)...
        double mean_member = 0.0;
        const auto members = clusters(300, 0.5f, 9);
        for (const auto &x : members) mean_member += m.score(x) / members.size();
        CHECK(mean_member == Approx(1.0).margin(0.25));
        // ...and the space between clusters is empty.
        CHECK(m.score({10.0f, 0.0f, 0.0f, 0.0f}) > 5.0f);
        CHECK(m.score({10.0f, 10.0f, 10.0f, 0.0f}) > 5.0f);
        CHECK(m.score({0.0f, 0.0f, 0.0f, 12.0f}) > 5.0f);
    }
}

TEST_CASE("kmeans: score is distance over the cluster radius", "[family][kmeans]") {
    // One cluster (k = 1, MacQueen): the centre is the mean and the radius the mean distance
    // of the vectors after the seed to the centre as it was when they arrived.
    const std::vector<std::vector<float>> data = {{0.0f, 0.0f}, {2.0f, 0.0f}, {0.0f, 4.0f}};
    FamilyModel m(make_params(VIGIL_FAMILY_KMEANS, {1}, {0.0f, 0.0f}), 2, 1);
    for (const auto &x : data) m.learn(x);
    // centre: (0,0) -> (1,0) -> (2/3, 4/3); distances on arrival: 2, |(0,4)-(1,0)| = sqrt(17)
    const double radius = (2.0 + std::sqrt(17.0)) / 2.0;
    const double cx = 2.0 / 3.0, cy = 4.0 / 3.0;
    CHECK(m.score({5.0f, 5.0f}) ==
          Approx(std::hypot(5.0 - cx, 5.0 - cy) / radius).epsilon(1e-5));
}

TEST_CASE("kmeans: before k vectors only the seeded centres count", "[family][kmeans]") {
    FamilyModel m(make_params(VIGIL_FAMILY_KMEANS, {4}, {0.0f, 0.5f}), 2, 1);
    CHECK(m.score({3.0f, 3.0f}) == 0.0f);
    m.learn({1.0f, 1.0f});
    m.learn({3.0f, 3.0f});
    CHECK(m.score({3.0f, 3.0f}) == 0.0f);
    CHECK(m.score({1.0f, 1.0f}) == 0.0f);
    CHECK(m.score({2.0f, 2.0f}) > 0.0f);
}

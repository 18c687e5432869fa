// Family "oselm": an OS-ELM autoencoder reconstructs what it learned and not what it did not;
// its RLS solution agrees with batch ridge regression.
#include "test_family_support.hpp"

#include <cmath>

using namespace vigil_test;

namespace {

// Vectors near a 2-D manifold in R^6 (standardised scale): x = f(a, b) + small noise.
std::vector<std::vector<float>> manifold(size_t n, uint32_t seed, float noise = 0.05f) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<std::vector<float>> out;
    for (size_t k = 0; k < n; ++k) {
        const float a = g(rng), b = g(rng);
        out.push_back({a, b, 0.5f * (a + b), a - 0.3f * b, 0.7f * a, -0.6f * b});
        for (float &v : out.back()) v += noise * g(rng);
    }
    return out;
}

double mean_score(const FamilyModel &m, const std::vector<std::vector<float>> &xs) {
    double s = 0.0;
    for (const auto &x : xs) s += m.score(x);
    return s / static_cast<double>(xs.size());
}

}  // namespace

TEST_CASE("oselm: far points reconstruct worse than points like the learned ones",
          "[family][oselm]") {
    FamilyModel m(make_params(VIGIL_FAMILY_OSELM, {24}, {0.01f, 1.0f}), 6, 77);
    for (const auto &x : manifold(1500, 1)) m.learn(x);
    const auto inside = manifold(200, 2);
    std::mt19937 rng(3);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<std::vector<float>> off;  // same scale, but off the manifold
    for (int k = 0; k < 200; ++k) {
        std::vector<float> x(6);
        for (float &v : x) v = 1.5f * g(rng);
        off.push_back(x);
    }
    std::vector<std::vector<float>> far = inside;  // far away in scale
    for (auto &x : far)
        for (float &v : x) v = 8.0f * v + 10.0f;
    const double s_in = mean_score(m, inside), s_off = mean_score(m, off), s_far = mean_score(m, far);
    INFO("inside " << s_in << " off " << s_off << " far " << s_far);
    CHECK(s_off > 3.0 * s_in);
    CHECK(s_far > 10.0 * s_in);
}

TEST_CASE("oselm: one hidden unit and a constant target is ridge regression", "[family][oselm]") {
    // With L = 1 and the same input every time, h is one constant h0; RLS from P = 1/lambda
    // gives beta = n h0 x / (lambda + n h0^2), the ridge solution, so the reconstruction error
    // of x is |x| lambda / (lambda + n h0^2). h0 is unknown here (random weights), but it is
    // the same for the probe, so two different n must give errors with the ridge's ratio.
    const std::vector<float> x = {0.3f, -0.2f};
    const float lambda = 4.0f;
    FamilyModel m1(make_params(VIGIL_FAMILY_OSELM, {1}, {lambda, 1.0f}), 2, 5);
    FamilyModel m2(make_params(VIGIL_FAMILY_OSELM, {1}, {lambda, 1.0f}), 2, 5);
    m1.learn(x);
    for (int k = 0; k < 3; ++k) m2.learn(x);
    const double norm = std::sqrt((0.09 + 0.04) / 2.0);
    const double e1 = m1.score(x) / norm;  // lambda / (lambda + h0^2)
    const double h0sq = lambda * (1.0 - e1) / e1;
    CHECK(h0sq > 0.0);
    CHECK(h0sq < 1.0);  // a sigmoid output squared
    CHECK(m2.score(x) / norm == Approx(lambda / (lambda + 3.0 * h0sq)).epsilon(1e-4));
}

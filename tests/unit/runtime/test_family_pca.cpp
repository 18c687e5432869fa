// Family "pca": data lying in a known subspace -> ~0 error inside it, the orthogonal distance
// outside it.
#include "test_family_support.hpp"

#include <cmath>

using namespace vigil_test;

namespace {

// An orthonormal set of 3 directions in R^8 (Gram-Schmidt of fixed vectors, in double).
std::vector<std::vector<double>> directions() {
    std::vector<std::vector<double>> v = {{1, 2, 0, -1, 3, 0, 1, 1},
                                          {0, 1, 1, 2, -1, 1, 0, 3},
                                          {2, -1, 1, 0, 0, 1, -2, 1}};
    for (size_t i = 0; i < v.size(); ++i) {
        for (size_t m = 0; m < i; ++m) {
            double c = 0;
            for (size_t j = 0; j < 8; ++j) c += v[i][j] * v[m][j];
            for (size_t j = 0; j < 8; ++j) v[i][j] -= c * v[m][j];
        }
        double n = 0;
        for (double x : v[i]) n += x * x;
        for (double &x : v[i]) x /= std::sqrt(n);
    }
    return v;
}

std::vector<float> point(const std::vector<std::vector<double>> &e, double a, double b, double c) {
    const double offset[8] = {5, -3, 2, 0, 1, 7, -2, 4};
    std::vector<float> x(8);
    for (size_t j = 0; j < 8; ++j)
        x[j] = static_cast<float>(offset[j] + a * e[0][j] + b * e[1][j] + c * e[2][j]);
    return x;
}

}  // namespace

TEST_CASE("pca: error ~0 inside the learned subspace, the distance outside it",
          "[family][pca]") {
    const auto e = directions();
    std::mt19937 rng(4);
    std::normal_distribution<double> g(0.0, 1.0);
    for (float amnesic : {0.0f, 2.0f}) {
        INFO("amnesic " << amnesic);
        FamilyModel m(make_params(VIGIL_FAMILY_PCA, {2}, {amnesic}), 8, 1);
        for (int k = 0; k < 400; ++k) m.learn(point(e, 3.0 * g(rng), 1.0 * g(rng), 0.0));
        // Inside: new coefficients, never seen, still in the plane.
        CHECK(m.score(point(e, 2.0, -1.5, 0.0)) < 2e-3f);
        CHECK(m.score(point(e, -6.0, 2.5, 0.0)) < 2e-3f);
        // Outside: the error is the RMS of the orthogonal offset, 2 / sqrt(8).
        CHECK(m.score(point(e, 2.0, -1.5, 2.0)) == Approx(2.0 / std::sqrt(8.0)).epsilon(1e-2));
        CHECK(m.score(point(e, 0.0, 0.0, 10.0)) == Approx(10.0 / std::sqrt(8.0)).epsilon(1e-2));
    }
}

TEST_CASE("pca: one component captures the dominant direction", "[family][pca]") {
    // Variance 9 along e0, 1 along e1: with q = 1 the residual of a point along e1 is its e1
    // offset, and a point along e0 is (nearly) explained.
    const auto e = directions();
    std::mt19937 rng(6);
    std::normal_distribution<double> g(0.0, 1.0);
    FamilyModel m(make_params(VIGIL_FAMILY_PCA, {1}, {0.0f}), 8, 1);
    for (int k = 0; k < 2000; ++k) m.learn(point(e, 3.0 * g(rng), 1.0 * g(rng), 0.0));
    CHECK(m.score(point(e, 0.0, 4.0, 0.0)) == Approx(4.0 / std::sqrt(8.0)).epsilon(0.05));
    CHECK(m.score(point(e, 4.0, 0.0, 0.0)) < 0.2f * m.score(point(e, 0.0, 4.0, 0.0)));
}

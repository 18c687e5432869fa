// Family "mahalanobis": the score against a direct computation (double precision, explicit
// inverse of the regularised covariance by Gauss-Jordan elimination).
#include "test_family_support.hpp"

#include <cmath>

using namespace vigil_test;

namespace {

using Matrix = std::vector<std::vector<double>>;

Matrix inverse(Matrix a) {
    const size_t n = a.size();
    Matrix inv(n, std::vector<double>(n, 0.0));
    for (size_t i = 0; i < n; ++i) inv[i][i] = 1.0;
    for (size_t c = 0; c < n; ++c) {
        size_t piv = c;
        for (size_t r = c + 1; r < n; ++r)
            if (std::fabs(a[r][c]) > std::fabs(a[piv][c])) piv = r;
        std::swap(a[c], a[piv]);
        std::swap(inv[c], inv[piv]);
        const double d = a[c][c];
        for (size_t k = 0; k < n; ++k) {
            a[c][k] /= d;
            inv[c][k] /= d;
        }
        for (size_t r = 0; r < n; ++r) {
            if (r == c) continue;
            const double f = a[r][c];
            for (size_t k = 0; k < n; ++k) {
                a[r][k] -= f * a[c][k];
                inv[r][k] -= f * inv[c][k];
            }
        }
    }
    return inv;
}

// The documented model: S_reg = (1 - lambda) S + (lambda a + ridge + 1e-6 a + 1e-20) I.
double direct_score(const std::vector<std::vector<float>> &data, const std::vector<float> &x,
                    double lambda, double ridge) {
    const size_t d = x.size(), n = data.size();
    std::vector<double> mean(d, 0.0);
    for (const auto &v : data)
        for (size_t j = 0; j < d; ++j) mean[j] += v[j] / static_cast<double>(n);
    Matrix s(d, std::vector<double>(d, 0.0));
    for (const auto &v : data)
        for (size_t i = 0; i < d; ++i)
            for (size_t k = 0; k < d; ++k)
                s[i][k] += (v[i] - mean[i]) * (v[k] - mean[k]) / static_cast<double>(n - 1);
    double trace = 0.0;
    for (size_t i = 0; i < d; ++i) trace += s[i][i];
    const double a = trace / static_cast<double>(d);
    for (size_t i = 0; i < d; ++i) {
        for (size_t k = 0; k < d; ++k) s[i][k] *= (1.0 - lambda);
        s[i][i] += lambda * a + ridge + 1e-6 * a + 1e-20;
    }
    const Matrix inv = inverse(s);
    double d2 = 0.0;
    for (size_t i = 0; i < d; ++i)
        for (size_t k = 0; k < d; ++k) d2 += (x[i] - mean[i]) * inv[i][k] * (x[k] - mean[k]);
    return std::sqrt(d2 / static_cast<double>(d));
}

std::vector<std::vector<float>> correlated(size_t n, uint16_t dim, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<std::vector<float>> out(n, std::vector<float>(dim));
    for (auto &x : out) {
        const float common = g(rng);
        for (uint16_t j = 0; j < dim; ++j)
            x[j] = 3.0f + static_cast<float>(j) + (1.0f + 0.3f * j) * common + 0.4f * g(rng);
    }
    return out;
}

}  // namespace

TEST_CASE("mahalanobis: score matches the direct inverse covariance", "[family][mahalanobis]") {
    const uint16_t dim = 5;
    const auto data = correlated(400, dim, 21);
    const std::vector<std::vector<float>> probes = {
        {3.0f, 4.0f, 5.0f, 6.0f, 7.0f},
        {5.0f, 6.5f, 8.0f, 9.5f, 11.0f},    // along the correlation: typical
        {5.0f, 2.0f, 8.0f, 4.0f, 11.0f},    // against it: anomalous
        {-10.0f, 40.0f, 0.0f, 1.0f, 2.0f},
    };
    for (auto [lambda, ridge] : {std::pair{0.0f, 0.0f}, std::pair{0.2f, 0.0f}, std::pair{0.05f, 0.5f}}) {
        FamilyModel m(make_params(VIGIL_FAMILY_MAHALANOBIS, {}, {lambda, ridge}), dim, 1);
        for (const auto &x : data) m.learn(x);
        for (const auto &x : probes) {
            INFO("lambda " << lambda << " ridge " << ridge);
            CHECK(m.score(x) == Approx(direct_score(data, x, lambda, ridge)).epsilon(2e-3));
        }
    }
    // Correlation matters: the anomalous probe is far more unusual than the typical one even
    // though both are the same Euclidean distance from the mean's neighbourhood.
    FamilyModel m(make_params(VIGIL_FAMILY_MAHALANOBIS, {}, {0.0f, 0.0f}), dim, 1);
    for (const auto &x : data) m.learn(x);
    CHECK(m.score(probes[2]) > 5.0f * m.score(probes[1]));
}

TEST_CASE("mahalanobis: fewer vectors than dimensions still give finite scores",
          "[family][mahalanobis]") {
    const uint16_t dim = 8;
    const auto data = correlated(4, dim, 3);  // rank-deficient covariance
    FamilyModel m(make_params(VIGIL_FAMILY_MAHALANOBIS, {}, {0.0f, 0.0f}), dim, 1);
    for (const auto &x : data) m.learn(x);
    const float inside = m.score(data[1]);
    std::vector<float> outside = data[1];
    outside[0] += 5.0f;
    outside[5] -= 5.0f;
    CHECK(std::isfinite(inside));
    CHECK(std::isfinite(m.score(outside)));
    CHECK(m.score(outside) > 10.0f * inside);
}

TEST_CASE("mahalanobis: fewer than two learns score 0", "[family][mahalanobis]") {
    FamilyModel m(make_params(VIGIL_FAMILY_MAHALANOBIS, {}, {0.1f, 0.0f}), 3, 1);
    const float x[3] = {1.0f, 2.0f, 3.0f}, y[3] = {9.0f, 9.0f, 9.0f};
    CHECK(m.score(y) == 0.0f);
    m.learn(x);
    CHECK(m.score(y) == 0.0f);
}

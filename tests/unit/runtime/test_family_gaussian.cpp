// Family "gaussian": mean and variance against a two-pass computation in double, both
// combinations (RMS and max of z-scores), and the variance floor.
#include "test_family_support.hpp"

#include <cmath>

using namespace vigil_test;

namespace {

struct TwoPass {
    std::vector<double> mean, var;
};

TwoPass two_pass(const std::vector<std::vector<float>> &data, uint16_t dim) {
    TwoPass t{std::vector<double>(dim, 0.0), std::vector<double>(dim, 0.0)};
    for (const auto &x : data)
        for (uint16_t j = 0; j < dim; ++j) t.mean[j] += x[j];
    for (auto &m : t.mean) m /= static_cast<double>(data.size());
    for (const auto &x : data)
        for (uint16_t j = 0; j < dim; ++j) t.var[j] += (x[j] - t.mean[j]) * (x[j] - t.mean[j]);
    for (auto &v : t.var) v /= static_cast<double>(data.size() - 1);
    return t;
}

}  // namespace

TEST_CASE("gaussian: mean and variance match a two-pass computation", "[family][gaussian]") {
    const uint16_t dim = 6;
    const auto data = gaussian_cloud(500, dim, 11);
    const TwoPass ref = two_pass(data, dim);

    // Max mode isolates one feature: at x = mean + e_j * delta the score is delta / sd_j.
    FamilyModel m(make_params(VIGIL_FAMILY_GAUSSIAN, {1}, {0.0f}), dim, 1);
    for (const auto &x : data) m.learn(x);

    std::vector<float> at_mean(dim);
    for (uint16_t j = 0; j < dim; ++j) at_mean[j] = static_cast<float>(ref.mean[j]);
    CHECK(m.score(at_mean) < 1e-4f);

    for (uint16_t j = 0; j < dim; ++j) {
        std::vector<float> x = at_mean;
        const double delta = 3.0;
        x[j] = static_cast<float>(ref.mean[j] + delta);
        CHECK(m.score(x) == Approx(delta / std::sqrt(ref.var[j])).epsilon(1e-4));
    }
}

TEST_CASE("gaussian: RMS mode is the root mean square of the z-scores", "[family][gaussian]") {
    const uint16_t dim = 5;
    const auto data = gaussian_cloud(300, dim, 12);
    const TwoPass ref = two_pass(data, dim);
    FamilyModel m(make_params(VIGIL_FAMILY_GAUSSIAN, {0}, {0.0f}), dim, 1);
    for (const auto &x : data) m.learn(x);

    const std::vector<float> probe = {1.5f, -2.0f, 4.0f, 2.5f, 9.0f};
    double sum = 0.0;
    for (uint16_t j = 0; j < dim; ++j) {
        const double z = (probe[j] - ref.mean[j]) / std::sqrt(ref.var[j]);
        sum += z * z;
    }
    CHECK(m.score(probe) == Approx(std::sqrt(sum / dim)).epsilon(1e-4));
}

TEST_CASE("gaussian: the variance floor bounds the z-score of a constant feature",
          "[family][gaussian]") {
    // Feature 0 varies with variance ~1, feature 1 is constant: without a floor any change of
    // feature 1 is an enormous z; with f[0] = 0.5 its variance is at least half the mean.
    const uint16_t dim = 2;
    std::mt19937 rng(5);
    std::normal_distribution<float> g(0.0f, 1.0f);
    FamilyModel floored(make_params(VIGIL_FAMILY_GAUSSIAN, {1}, {0.5f}), dim, 1);
    FamilyModel bare(make_params(VIGIL_FAMILY_GAUSSIAN, {1}, {0.0f}), dim, 1);
    double sum = 0.0, sum2 = 0.0;
    const int n = 400;
    std::vector<float> f0;
    for (int k = 0; k < n; ++k) {
        const float x[2] = {g(rng), 7.0f};
        f0.push_back(x[0]);
        floored.learn(x);
        bare.learn(x);
        sum += x[0];
    }
    const double mean0 = sum / n;
    for (float v : f0) sum2 += (v - mean0) * (v - mean0);
    const double var0 = sum2 / (n - 1);
    const double floor_var = 0.5 * (var0 + 0.0) / 2.0;  // f[0] x mean variance over features

    const float probe[2] = {static_cast<float>(mean0), 8.0f};
    CHECK(floored.score(probe) == Approx(1.0 / std::sqrt(floor_var)).epsilon(1e-3));
    CHECK(bare.score(probe) > 1e6f);
    CHECK(std::isfinite(bare.score(probe)));
}

TEST_CASE("gaussian: nothing learned scores 0", "[family][gaussian]") {
    FamilyModel m(make_params(VIGIL_FAMILY_GAUSSIAN, {0}, {0.1f}), 3, 1);
    const float x[3] = {100.0f, -4.0f, 2.0f};
    CHECK(m.score(x) == 0.0f);
}

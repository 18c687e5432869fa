// The contract every model family honours (vigil_family.h), checked for each registered
// family with a few representative parameter sets:
//  - state_size is exact enough: init/learn/score never write past it (canary bytes);
//  - score does not modify the state (byte comparison);
//  - deterministic: same seed, same data -> same state bytes and same scores;
//  - scores are finite and >= 0;
//  - unusable parameters are rejected by state_size (0) and init (BAD_ARGUMENT).
#include "test_family_support.hpp"

#include <cmath>
#include <string>

using namespace vigil_test;

namespace {

struct Case {
    const char *label;
    vigil_model_params params;
    uint16_t dim;
};

std::vector<Case> valid_cases() {
    return {
        {"gaussian rms", make_params(VIGIL_FAMILY_GAUSSIAN, {0}, {0.0f}), 7},
        {"gaussian max floor", make_params(VIGIL_FAMILY_GAUSSIAN, {1}, {0.05f}), 1},
        {"mahalanobis plain", make_params(VIGIL_FAMILY_MAHALANOBIS, {}, {0.0f, 0.0f}), 6},
        {"mahalanobis shrunk", make_params(VIGIL_FAMILY_MAHALANOBIS, {}, {0.3f, 0.01f}), 32},
        {"kmeans macqueen", make_params(VIGIL_FAMILY_KMEANS, {4}, {0.0f, 0.1f}), 5},
        {"kmeans rate", make_params(VIGIL_FAMILY_KMEANS, {64}, {0.05f, 0.0f}), 3},
        {"knn small", make_params(VIGIL_FAMILY_KNN, {16, 3}, {}), 4},
        {"knn full", make_params(VIGIL_FAMILY_KNN, {100, 16}, {}), 9},
        {"pca q1", make_params(VIGIL_FAMILY_PCA, {1}, {0.0f}), 5},
        {"pca q=dim", make_params(VIGIL_FAMILY_PCA, {4}, {2.0f}), 4},
        {"hstrees small window", make_params(VIGIL_FAMILY_HSTREES, {10, 6, 20}, {0.0f}), 5},
        {"hstrees deep", make_params(VIGIL_FAMILY_HSTREES, {3, 10, 50}, {0.2f}), 2},
        {"hstrees window beyond data", make_params(VIGIL_FAMILY_HSTREES, {2, 2, 1000}, {}), 3},
        {"oselm small", make_params(VIGIL_FAMILY_OSELM, {4}, {1.0f, 0.5f}), 3},
        {"oselm wide", make_params(VIGIL_FAMILY_OSELM, {32}, {0.001f, 2.0f}), 12},
        {"lof small", make_params(VIGIL_FAMILY_LOF, {2, 1}, {0.0f}), 3},
        {"lof replacing", make_params(VIGIL_FAMILY_LOF, {16, 5}, {0.1f}), 4},
        {"lof k 32", make_params(VIGIL_FAMILY_LOF, {40, 32}, {1.0f}), 7},
    };
}

std::vector<Case> invalid_cases() {
    return {
        {"gaussian dim 0", make_params(VIGIL_FAMILY_GAUSSIAN, {0}, {0.0f}), 0},
        {"gaussian mode 2", make_params(VIGIL_FAMILY_GAUSSIAN, {2}, {0.0f}), 4},
        {"gaussian floor > 1", make_params(VIGIL_FAMILY_GAUSSIAN, {0}, {1.5f}), 4},
        {"gaussian floor < 0", make_params(VIGIL_FAMILY_GAUSSIAN, {0}, {-0.1f}), 4},
        {"gaussian floor NaN", make_params(VIGIL_FAMILY_GAUSSIAN, {0}, {NAN}), 4},
        {"gaussian unused i[1]", make_params(VIGIL_FAMILY_GAUSSIAN, {0, 3}, {0.0f}), 4},
        {"gaussian unused f[2]", make_params(VIGIL_FAMILY_GAUSSIAN, {0}, {0.0f, 0.0f, 1.0f}), 4},
        {"mahalanobis dim 33", make_params(VIGIL_FAMILY_MAHALANOBIS, {}, {0.1f}), 33},
        {"mahalanobis shrinkage > 1", make_params(VIGIL_FAMILY_MAHALANOBIS, {}, {1.1f}), 4},
        {"mahalanobis ridge < 0", make_params(VIGIL_FAMILY_MAHALANOBIS, {}, {0.1f, -1.0f}), 4},
        {"mahalanobis unused i[0]", make_params(VIGIL_FAMILY_MAHALANOBIS, {1}, {0.1f}), 4},
        {"kmeans k 0", make_params(VIGIL_FAMILY_KMEANS, {0}, {}), 4},
        {"kmeans k 65", make_params(VIGIL_FAMILY_KMEANS, {65}, {}), 4},
        {"kmeans rate > 1", make_params(VIGIL_FAMILY_KMEANS, {3}, {1.5f}), 4},
        {"kmeans floor inf", make_params(VIGIL_FAMILY_KMEANS, {3}, {0.0f, INFINITY}), 4},
        {"knn k > R", make_params(VIGIL_FAMILY_KNN, {4, 5}, {}), 4},
        {"knn k 17", make_params(VIGIL_FAMILY_KNN, {64, 17}, {}), 4},
        {"knn R 0", make_params(VIGIL_FAMILY_KNN, {0, 1}, {}), 4},
        {"knn R 4097", make_params(VIGIL_FAMILY_KNN, {4097, 1}, {}), 4},
        {"knn unused f[0]", make_params(VIGIL_FAMILY_KNN, {8, 1}, {0.5f}), 4},
        {"pca q > dim", make_params(VIGIL_FAMILY_PCA, {5}, {0.0f}), 4},
        {"pca q 0", make_params(VIGIL_FAMILY_PCA, {0}, {0.0f}), 4},
        {"pca amnesic 11", make_params(VIGIL_FAMILY_PCA, {2}, {11.0f}), 4},
        {"hstrees T 0", make_params(VIGIL_FAMILY_HSTREES, {0, 4, 10}, {}), 4},
        {"hstrees T 65", make_params(VIGIL_FAMILY_HSTREES, {65, 4, 10}, {}), 4},
        {"hstrees depth 0", make_params(VIGIL_FAMILY_HSTREES, {5, 0, 10}, {}), 4},
        {"hstrees depth 11", make_params(VIGIL_FAMILY_HSTREES, {5, 11, 10}, {}), 4},
        {"hstrees window 0", make_params(VIGIL_FAMILY_HSTREES, {5, 4, 0}, {}), 4},
        {"hstrees size limit 1", make_params(VIGIL_FAMILY_HSTREES, {5, 4, 10}, {1.0f}), 4},
        {"hstrees unused i[3]", make_params(VIGIL_FAMILY_HSTREES, {5, 4, 10, 1}, {}), 4},
        {"oselm L 0", make_params(VIGIL_FAMILY_OSELM, {0}, {1.0f, 1.0f}), 4},
        {"oselm L 33", make_params(VIGIL_FAMILY_OSELM, {33}, {1.0f, 1.0f}), 4},
        {"oselm lambda 0", make_params(VIGIL_FAMILY_OSELM, {8}, {0.0f, 1.0f}), 4},
        {"oselm scale 0", make_params(VIGIL_FAMILY_OSELM, {8}, {1.0f, 0.0f}), 4},
        {"oselm scale 101", make_params(VIGIL_FAMILY_OSELM, {8}, {1.0f, 101.0f}), 4},
        {"oselm unused f[3]", make_params(VIGIL_FAMILY_OSELM, {8}, {1.0f, 1.0f, 0.0f, 2.0f}), 4},
        {"lof R 1", make_params(VIGIL_FAMILY_LOF, {1, 1}, {}), 4},
        {"lof R 4097", make_params(VIGIL_FAMILY_LOF, {4097, 5}, {}), 4},
        {"lof k 0", make_params(VIGIL_FAMILY_LOF, {16, 0}, {}), 4},
        {"lof k 33", make_params(VIGIL_FAMILY_LOF, {64, 33}, {}), 4},
        {"lof k = R", make_params(VIGIL_FAMILY_LOF, {8, 8}, {}), 4},
        {"lof floor > 1", make_params(VIGIL_FAMILY_LOF, {16, 4}, {1.5f}), 4},
        {"lof floor NaN", make_params(VIGIL_FAMILY_LOF, {16, 4}, {NAN}), 4},
        {"lof unused i[2]", make_params(VIGIL_FAMILY_LOF, {16, 4, 1}, {}), 4},
        {"lof unused f[1]", make_params(VIGIL_FAMILY_LOF, {16, 4}, {0.0f, 1.0f}), 4},
        {"lof dim 0", make_params(VIGIL_FAMILY_LOF, {16, 4}, {}), 0},
    };
}

// Training data with some structure (clusters, correlation) plus probes near and far.
std::vector<std::vector<float>> training(uint16_t dim, size_t n) {
    std::mt19937 rng(77);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<std::vector<float>> out(n, std::vector<float>(dim));
    for (size_t k = 0; k < n; ++k) {
        const float centre = (k % 3 == 0) ? 4.0f : 0.0f;
        const float common = g(rng);
        for (uint16_t j = 0; j < dim; ++j) out[k][j] = centre + common + 0.5f * g(rng);
    }
    return out;
}

}  // namespace

TEST_CASE("families: every id below VIGIL_FAMILY_COUNT is registered with a name",
          "[family][contract]") {
    for (unsigned id = 0; id < VIGIL_FAMILY_COUNT; ++id) {
        const vigil_family_ops *ops = vigil_family_get(static_cast<uint8_t>(id));
        INFO("family id " << id);
        REQUIRE(ops != nullptr);
        CHECK(ops->name != nullptr);
        CHECK(ops->state_size != nullptr);
        CHECK(ops->init != nullptr);
        CHECK(ops->learn != nullptr);
        CHECK(ops->score != nullptr);
    }
    CHECK(vigil_family_get(VIGIL_FAMILY_COUNT) == nullptr);
    CHECK(vigil_family_get(255) == nullptr);
}

TEST_CASE("families: state stays inside its block, score is read-only, runs are deterministic",
          "[family][contract]") {
    for (const Case &c : valid_cases()) {
        SECTION(c.label) {
            const auto data = training(c.dim, 200);
            std::vector<float> far(c.dim, 60.0f);
            FamilyModel a(c.params, c.dim, 1234);
            FamilyModel b(c.params, c.dim, 1234);
            for (const auto &x : data) {
                a.learn(x);
                b.learn(x);
            }
            REQUIRE(a.canary_intact());
            REQUIRE(a.snapshot() == b.snapshot());

            const auto before = a.snapshot();
            for (size_t k = 0; k < 20; ++k) {
                const float s = a.score(data[k]);
                CHECK(std::isfinite(s));
                CHECK(s >= 0.0f);
                CHECK(s == b.score(data[k]));
            }
            const float s_far = a.score(far);
            CHECK(std::isfinite(s_far));
            CHECK(s_far >= 0.0f);
            CHECK(a.snapshot() == before);
            CHECK(a.canary_intact());
        }
    }
}

TEST_CASE("families: unusable parameters are rejected", "[family][contract]") {
    for (const Case &c : invalid_cases()) {
        SECTION(c.label) {
            const vigil_family_ops *ops = vigil_family_get(c.params.family);
            REQUIRE(ops != nullptr);
            CHECK(ops->state_size(&c.params, c.dim) == 0);
            std::vector<uint64_t> block(4096);
            CHECK(ops->init(block.data(), &c.params, c.dim, 1) == VIGIL_BAD_ARGUMENT);
        }
    }
    // NULL pointers are bad arguments too.
    const auto p = make_params(VIGIL_FAMILY_GAUSSIAN, {0}, {0.0f});
    for (unsigned id = 0; id < VIGIL_FAMILY_COUNT; ++id) {
        const vigil_family_ops *ops = vigil_family_get(static_cast<uint8_t>(id));
        if (ops == nullptr) continue;
        std::vector<uint64_t> block(16);
        CHECK(ops->init(nullptr, &p, 4, 1) == VIGIL_BAD_ARGUMENT);
        CHECK(ops->init(block.data(), nullptr, 4, 1) == VIGIL_BAD_ARGUMENT);
    }
}

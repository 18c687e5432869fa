// Family "lof": the incrementally maintained densities against a brute-force LOF over the
// reservoir's contents (also after replacements), outliers, duplicates, few points, knowledge.
#include "test_family_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "runtime_test_support.hpp"
#include "vigil_core.h"

using namespace vigil_test;

namespace {

using Points = std::vector<std::vector<float>>;

double dist(const std::vector<float> &a, const std::vector<float> &b) {
    double s = 0.0;
    for (size_t j = 0; j < a.size(); ++j) s += (double(a[j]) - b[j]) * (double(a[j]) - b[j]);
    return std::sqrt(s);
}

// k nearest of x among data (skipping index `self`), ascending, ties by index.
std::vector<size_t> nearest(const Points &data, const std::vector<float> &x, size_t k, size_t self) {
    std::vector<size_t> idx;
    for (size_t i = 0; i < data.size(); ++i)
        if (i != self) idx.push_back(i);
    std::stable_sort(idx.begin(), idx.end(),
                     [&](size_t a, size_t b) { return dist(data[a], x) < dist(data[b], x); });
    idx.resize(std::min(k, idx.size()));
    return idx;
}

// Textbook LOF (Breunig et al.) in double with the family's floor; returns max(0, LOF - 1).
double brute_force(const Points &data, const std::vector<float> &x, size_t k, double rel_floor) {
    const size_t n = data.size();
    if (n < 2) return 0.0;
    std::vector<double> kdist(n), mrd(n);
    std::vector<std::vector<size_t>> nb(n);
    for (size_t p = 0; p < n; ++p) {
        nb[p] = nearest(data, data[p], k, p);
        kdist[p] = dist(data[p], data[nb[p].back()]);
    }
    for (size_t p = 0; p < n; ++p) {
        double s = 0.0;
        for (size_t o : nb[p]) s += std::max(kdist[o], dist(data[p], data[o]));
        mrd[p] = s / double(nb[p].size());
    }
    const double fl = rel_floor * std::accumulate(mrd.begin(), mrd.end(), 0.0) / double(n) + 1e-20;
    const auto q = nearest(data, x, k, n);
    double reach = 0.0, dens = 0.0;
    for (size_t o : q) {
        reach += std::max(kdist[o], dist(x, data[o]));
        dens += 1.0 / std::max(mrd[o], fl);
    }
    if (reach == 0.0) return 0.0;
    return std::max(0.0, (reach / double(q.size())) * (dens / double(q.size())) - 1.0);
}

// The reservoir as stored in the state: header of 16 bytes, then points[R dim].
Points reservoir_of(const FamilyModel &m, uint16_t cap, uint16_t dim, size_t stored) {
    const auto bytes = m.snapshot();
    Points out(stored, std::vector<float>(dim));
    for (size_t s = 0; s < stored; ++s)
        std::memcpy(out[s].data(), bytes.data() + 16 + (s * dim) * sizeof(float), dim * sizeof(float));
    (void)cap;
    return out;
}

}  // namespace

TEST_CASE("lof: equals a brute-force LOF while everything fits in the reservoir",
          "[family][lof]") {
    const uint16_t dim = 5;
    const auto data = gaussian_cloud(60, dim, 11);
    const auto probes = gaussian_cloud(20, dim, 12);
    for (uint16_t k : {1, 5, 20}) {
        for (float fl : {0.0f, 0.5f}) {
            FamilyModel m(make_params(VIGIL_FAMILY_LOF, {64, k}, {fl}), dim, 3);
            Points seen;
            for (const auto &x : data) {
                m.learn(x);
                seen.push_back(x);
                if (seen.size() % 13 == 0)  // also on the way (fewer points than k, growing lists)
                    CHECK(m.score(probes[0]) ==
                          Approx(brute_force(seen, probes[0], k, fl)).epsilon(1e-4).margin(1e-5));
            }
            for (const auto &x : probes)
                CHECK(m.score(x) == Approx(brute_force(data, x, k, fl)).epsilon(1e-4).margin(1e-5));
            CHECK(m.canary_intact());
        }
    }
}

TEST_CASE("lof: after replacements the densities are those of the reservoir's contents",
          "[family][lof]") {
    const uint16_t dim = 3, cap = 24, k = 4;
    const auto data = gaussian_cloud(300, dim, 21);
    const auto probes = gaussian_cloud(15, dim, 22);
    FamilyModel m(make_params(VIGIL_FAMILY_LOF, {cap, k}, {0.0f}), dim, 5);
    for (size_t i = 0; i < data.size(); ++i) {
        m.learn(data[i]);
        if (i % 37 == 36) {
            const auto res = reservoir_of(m, cap, dim, std::min<size_t>(i + 1, cap));
            for (const auto &x : probes)
                CHECK(m.score(x) == Approx(brute_force(res, x, k, 0.0)).epsilon(1e-4).margin(1e-5));
        }
    }
}

TEST_CASE("lof: an outlier scores far above an inlier; inliers score about 0", "[family][lof]") {
    const uint16_t dim = 4;
    const auto data = gaussian_cloud(200, dim, 31);
    FamilyModel m(make_params(VIGIL_FAMILY_LOF, {64, 10}, {0.1f}), dim, 9);
    for (const auto &x : data) m.learn(x);
    std::vector<float> centre(dim), far(dim);
    for (uint16_t j = 0; j < dim; ++j) {
        centre[j] = static_cast<float>(j);
        far[j] = static_cast<float>(j) + 20.0f;
    }
    CHECK(m.score(centre) < 0.2f);
    CHECK(m.score(far) > 5.0f);
    CHECK(m.score(far) > 10.0f * m.score(centre));
}

TEST_CASE("lof: nothing or one vector learned scores 0; k above the stored count uses them all",
          "[family][lof]") {
    FamilyModel m(make_params(VIGIL_FAMILY_LOF, {8, 5}, {0.0f}), 1, 1);
    CHECK(m.score({5.0f}) == 0.0f);
    m.learn({1.0f});
    CHECK(m.score({5.0f}) == 0.0f);
    m.learn({3.0f});
    // kdist of each = 2, lrd = 1/2; x = 0: reach 2 and 3 -> 2.5 x 0.5 = 1.25
    CHECK(m.score({0.0f}) == Approx(0.25));
    CHECK(m.score({2.0f}) == 0.0f);  // reach 2 and 2: LOF 1
}

TEST_CASE("lof: duplicates never divide by zero", "[family][lof]") {
    const uint16_t dim = 2;
    SECTION("all learned vectors equal") {
        FamilyModel m(make_params(VIGIL_FAMILY_LOF, {16, 3}, {0.1f}), dim, 2);
        for (int i = 0; i < 10; ++i) m.learn({1.0f, 2.0f});
        CHECK(m.score({1.0f, 2.0f}) == 0.0f);  // exactly what was learned
        const float s = m.score({1.5f, 2.0f});
        CHECK(std::isfinite(s));
        CHECK(s > 1e6f);  // any change is far from a zero-spread cloud
        CHECK(m.canary_intact());
    }
    SECTION("a cluster of duplicates among spread points") {
        auto data = gaussian_cloud(40, dim, 51);
        for (int i = 0; i < 10; ++i) data.push_back({0.0f, 1.0f});
        FamilyModel m(make_params(VIGIL_FAMILY_LOF, {64, 3}, {0.2f}), dim, 2);
        for (const auto &x : data) m.learn(x);
        for (const auto &x : gaussian_cloud(20, dim, 52)) {
            const float s = m.score(x);
            CHECK(std::isfinite(s));
            CHECK(s >= 0.0f);
            CHECK(s == Approx(brute_force(data, x, 3, 0.2)).epsilon(1e-4).margin(1e-5));
        }
        CHECK(m.score({0.0f, 1.0f}) == 0.0f);
    }
}

TEST_CASE("lof: knowledge round trip through the core restores the same detector",
          "[family][lof][knowledge]") {
    vigil_recipe r = rt::bands_recipe();
    r.model = make_params(VIGIL_FAMILY_LOF, {16, 4}, {0.1f});
    const size_t size = vigil_model_state_size(&r);
    REQUIRE(size > 0);
    rt::StateBlock a(size), b(size);
    REQUIRE(vigil_model_init(a.data(), size, &r) == VIGIL_OK);
    REQUIRE(vigil_model_init(b.data(), size, &r) == VIGIL_OK);
    rt::Rng rng(17);
    for (int i = 0; i < 40; ++i) {  // 40 > 16: replacements happened
        const auto s = rt::signal(rt::Regime{}, rng, r.axes, r.length);
        vigil_model_learn(a.data(), s.data());
    }
    std::vector<uint8_t> blob(vigil_model_knowledge_size(a.data()));
    REQUIRE(vigil_model_knowledge_save(a.data(), blob.data(), blob.size()) == VIGIL_OK);
    REQUIRE(vigil_model_knowledge_load(b.data(), blob.data(), blob.size()) == VIGIL_OK);
    for (int i = 0; i < 10; ++i) {
        const auto s = rt::signal(rt::Regime{}, rng, r.axes, r.length);
        float sa = 0, sb = 0;
        REQUIRE(vigil_model_similarity(a.data(), s.data(), &sa) == VIGIL_OK);
        REQUIRE(vigil_model_similarity(b.data(), s.data(), &sb) == VIGIL_OK);
        CHECK(sa == sb);
    }
    const auto s = rt::signal(rt::Regime{}, rng, r.axes, r.length);
    CHECK(vigil_model_learn(a.data(), s.data()) == vigil_model_learn(b.data(), s.data()));
    std::vector<uint8_t> ka(blob.size()), kb(blob.size());
    REQUIRE(vigil_model_knowledge_save(a.data(), ka.data(), ka.size()) == VIGIL_OK);
    REQUIRE(vigil_model_knowledge_save(b.data(), kb.data(), kb.size()) == VIGIL_OK);
    CHECK(ka == kb);
}

TEST_CASE("lof: forged neighbour slots in a loaded state never index past the arrays", "[family][lof]") {
    // Knowledge is protected by a CRC, not a signature: a blob can carry any bytes. The
    // neighbour slots (the last R k uint16 of the layout) are the only stored indices.
    const uint16_t dim = 3, reservoir = 8, k = 3;
    FamilyModel m(make_params(VIGIL_FAMILY_LOF, {reservoir, k}, {0.1f}), dim, 5);
    const auto data = gaussian_cloud(20, dim, 7);
    for (size_t i = 0; i < 12; ++i) m.learn(data[i]);
    auto *bytes = static_cast<uint8_t *>(m.state());
    const size_t slots_at = 16 + 4u * reservoir * dim + 4u * reservoir + 4u * reservoir * k;
    std::memset(bytes + slots_at, 0xFF, 2u * reservoir * k);  // slot 65535 everywhere
    for (size_t i = 12; i < 20; ++i) m.learn(data[i]);         // ASan/UBSan builds would flag a stray read
    CHECK(std::isfinite(m.score(data[0])));
    CHECK(m.canary_intact());
}

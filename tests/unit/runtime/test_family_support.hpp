// Test support for the model families: an owned, 8-byte aligned state block with canary bytes
// after it (to prove state_size is large enough), and small data generators.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

extern "C" {
#include "vigil_family.h"
}

namespace vigil_test {

constexpr unsigned char kCanary = 0xA5;
constexpr size_t kCanaryBytes = 64;

inline vigil_model_params make_params(vigil_family_id family, std::initializer_list<uint16_t> i,
                                      std::initializer_list<float> f) {
    vigil_model_params p{};
    p.family = static_cast<uint8_t>(family);
    size_t n = 0;
    for (uint16_t v : i) p.i[n++] = v;
    n = 0;
    for (float v : f) p.f[n++] = v;
    return p;
}

// One family instance in a block of exactly state_size bytes followed by canary bytes.
class FamilyModel {
public:
    FamilyModel(const vigil_model_params &p, uint16_t dim, uint32_t seed)
        : ops_(vigil_family_get(p.family)), p_(p), dim_(dim) {
        REQUIRE(ops_ != nullptr);
        size_ = ops_->state_size(&p_, dim_);
        REQUIRE(size_ > 0);
        REQUIRE(size_ % 8 == 0);
        // uint64_t storage guarantees the 8-byte alignment the interface promises.
        storage_.assign((size_ + kCanaryBytes + 7) / 8, 0);
        std::memset(bytes(), kCanary, size_ + kCanaryBytes);
        REQUIRE(ops_->init(state(), &p_, dim_, seed) == VIGIL_OK);
        REQUIRE(canary_intact());
    }

    void learn(const float *x) { ops_->learn(state(), &p_, dim_, x); }
    void learn(const std::vector<float> &x) {
        REQUIRE(x.size() == dim_);
        learn(x.data());
    }
    float score(const float *x) const { return ops_->score(state(), &p_, dim_, x); }
    float score(const std::vector<float> &x) const {
        REQUIRE(x.size() == dim_);
        return score(x.data());
    }

    bool canary_intact() const {
        for (size_t k = 0; k < kCanaryBytes; ++k)
            if (bytes()[size_ + k] != kCanary) return false;
        return true;
    }
    std::vector<unsigned char> snapshot() const {
        return std::vector<unsigned char>(bytes(), bytes() + size_);
    }
    size_t size() const { return size_; }
    void *state() { return storage_.data(); }
    const void *state() const { return storage_.data(); }

private:
    unsigned char *bytes() { return reinterpret_cast<unsigned char *>(storage_.data()); }
    const unsigned char *bytes() const {
        return reinterpret_cast<const unsigned char *>(storage_.data());
    }
    const vigil_family_ops *ops_;
    vigil_model_params p_;
    uint16_t dim_;
    size_t size_ = 0;
    std::vector<uint64_t> storage_;
};

// n vectors of dim independent N(mean_j, sd_j^2) features (mean_j = j, sd_j = 1 + j / 4).
inline std::vector<std::vector<float>> gaussian_cloud(size_t n, uint16_t dim, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<std::vector<float>> out(n, std::vector<float>(dim));
    for (auto &x : out)
        for (uint16_t j = 0; j < dim; ++j) x[j] = static_cast<float>(j) + (1.0f + j / 4.0f) * g(rng);
    return out;
}

}  // namespace vigil_test

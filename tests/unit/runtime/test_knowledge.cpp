// Knowledge blobs: round trip, every corrupted byte, truncation, another recipe.
#include <catch2/catch.hpp>

#include <cstring>

#include "runtime_test_support.hpp"
#include "vigil_core.h"

using namespace rt;

namespace {
struct Learned {
    vigil_recipe r;
    size_t size;
    StateBlock block;
    explicit Learned(const vigil_recipe &recipe, int count = 40, uint32_t seed = 21)
        : r(recipe), size(vigil_model_state_size(&recipe)), block(size) {
        REQUIRE(vigil_model_init(block.data(), size, &r) == VIGIL_OK);
        Rng rng(seed);
        for (int i = 0; i < count; ++i) {
            const auto s = signal(Regime{}, rng, r.axes, r.length);
            vigil_model_learn(block.data(), s.data());
        }
    }
    std::vector<uint8_t> save() {
        std::vector<uint8_t> k(vigil_model_knowledge_size(block.data()));
        REQUIRE(vigil_model_knowledge_save(block.data(), k.data(), k.size()) == VIGIL_OK);
        return k;
    }
};
} // namespace

TEST_CASE("knowledge round trip restores the same detector", "[knowledge]") {
    Learned a(bands_recipe());
    const auto blob = a.save();
    // 36-byte header + mean/m2 of 24 features + Gaussian state (8 + 12 * 24) + CRC
    CHECK(blob.size() == 36 + 2 * 24 * 4 + (8 + 12 * 24) + 4);

    Learned b(bands_recipe(), 0);
    REQUIRE(vigil_model_knowledge_load(b.block.data(), blob.data(), blob.size()) == VIGIL_OK);
    CHECK(vigil_model_learn_count(b.block.data()) == 40);
    CHECK(b.save() == blob);
    Rng rng(99);
    for (int i = 0; i < 10; ++i) {
        const auto s = signal(Regime{}, rng);
        float sa = 0, sb = 0;
        REQUIRE(vigil_model_similarity(a.block.data(), s.data(), &sa) == VIGIL_OK);
        REQUIRE(vigil_model_similarity(b.block.data(), s.data(), &sb) == VIGIL_OK);
        CHECK(sa == sb);
    }
    // learning continues identically from a restored state
    const auto s = signal(Regime{}, rng);
    CHECK(vigil_model_learn(a.block.data(), s.data()) == vigil_model_learn(b.block.data(), s.data()));
    CHECK(a.save() == b.save());
}

TEST_CASE("flipping any byte of a blob gives BAD_KNOWLEDGE and changes nothing", "[knowledge]") {
    Learned a(bands_recipe());
    const auto blob = a.save();
    Learned b(bands_recipe(), 25, 5);
    const auto before = b.block.snapshot();
    for (size_t i = 0; i < blob.size(); ++i) {
        auto bad = blob;
        bad[i] ^= static_cast<uint8_t>(1u << (i % 8));
        INFO("byte " << i);
        CHECK(vigil_model_knowledge_load(b.block.data(), bad.data(), bad.size()) == VIGIL_BAD_KNOWLEDGE);
    }
    CHECK(b.block.snapshot() == before);
}

TEST_CASE("truncated blobs and blobs of another recipe are rejected", "[knowledge]") {
    Learned a(bands_recipe());
    const auto blob = a.save();
    Learned b(bands_recipe(), 25, 5);
    const auto before = b.block.snapshot();
    for (size_t n : {size_t(0), size_t(4), size_t(36), blob.size() - 1})
        CHECK(vigil_model_knowledge_load(b.block.data(), blob.data(), n) == VIGIL_BAD_KNOWLEDGE);

    vigil_recipe other = bands_recipe();
    other.seed = 2; // same sizes, different identity
    Learned c(other);
    const auto foreign = c.save();
    REQUIRE(foreign.size() == blob.size());
    CHECK(vigil_model_knowledge_load(b.block.data(), foreign.data(), foreign.size()) == VIGIL_BAD_KNOWLEDGE);

    vigil_recipe bigger = bands_recipe();
    bigger.bands = 16;
    Learned d(bigger);
    const auto big = d.save();
    CHECK(vigil_model_knowledge_load(b.block.data(), big.data(), big.size()) == VIGIL_BAD_KNOWLEDGE);
    CHECK(b.block.snapshot() == before);

    // a larger buffer holding a valid blob is fine (e.g. a flash page)
    auto padded = blob;
    padded.resize(blob.size() + 100, 0xFF);
    CHECK(vigil_model_knowledge_load(b.block.data(), padded.data(), padded.size()) == VIGIL_OK);
}

TEST_CASE("knowledge calls check their arguments", "[knowledge]") {
    Learned a(bands_recipe());
    std::vector<uint8_t> k(vigil_model_knowledge_size(a.block.data()));
    CHECK(vigil_model_knowledge_save(a.block.data(), k.data(), k.size() - 1) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_model_knowledge_save(a.block.data(), nullptr, k.size()) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_model_knowledge_save(nullptr, k.data(), k.size()) == VIGIL_BAD_ARGUMENT);
    CHECK(vigil_model_knowledge_load(a.block.data(), nullptr, k.size()) == VIGIL_BAD_ARGUMENT);
    StateBlock fresh(a.size);
    CHECK(vigil_model_knowledge_size(fresh.data()) == 0);
    CHECK(vigil_model_knowledge_save(fresh.data(), k.data(), k.size()) == VIGIL_NOT_INITIALIZED);
}

TEST_CASE("a recipe without standardisation has no statistics in its blob", "[knowledge]") {
    vigil_recipe r = bands_recipe();
    r.standardize = 0;
    Learned a(r);
    const auto blob = a.save();
    CHECK(blob.size() == 36 + (8 + 12 * 24) + 4);
    Learned b(r, 0);
    CHECK(vigil_model_knowledge_load(b.block.data(), blob.data(), blob.size()) == VIGIL_OK);
    CHECK(b.save() == blob);
}

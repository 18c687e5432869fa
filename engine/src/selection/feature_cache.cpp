// The shared feature cache (feature_cache.hpp).
#include "vigil/engine/selection/feature_cache.hpp"

#include <algorithm>
#include <limits>
#include <list>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include "vigil/engine/selection/candidate_space.hpp"
#include "vigil_core.h"

namespace vigil::engine::selection {
namespace {

// Features of the used rows of one file, by the runtime. A row the runtime rejects becomes NaN,
// so that a candidate learning or detecting it fails exactly as the device would refuse it.
void extract_file(const vigil_recipe& recipe, const SignalFile& file, uint16_t dim,
                  std::vector<uint64_t>& scratch, FileFeatures& out, std::vector<std::string>& rejected) {
    if (!file.data) return;
    out.values.assign(file.data->signals * size_t{dim}, 0.0f);
    const size_t scratch_bytes = vigil_features_scratch_size(&recipe);
    scratch.resize((scratch_bytes + 7) / 8);
    for (uint32_t r : file.rows) {
        float* row = out.values.data() + size_t{r} * dim;
        if (vigil_features_extract(&recipe, file.data->row(r).data(), row, scratch.data(), scratch_bytes) != VIGIL_OK) {
            for (uint16_t j = 0; j < dim; ++j) row[j] = std::numeric_limits<float>::quiet_NaN();
            rejected.push_back(file.path + ":" + std::to_string(file.data->source_lines.size() > r
                                                                    ? file.data->source_lines[r]
                                                                    : uint64_t{r} + 1));
        }
    }
}

}  // namespace

size_t FeatureSet::bytes() const {
    size_t b = 0;
    for (const auto& g : groups) b += (g.regular.values.size() + g.abnormal.values.size()) * sizeof(float);
    return b;
}

struct FeatureCache::Impl {
    struct Slot {
        std::once_flag once;
        std::shared_ptr<const FeatureSet> data;
    };
    struct Entry {
        std::shared_ptr<Slot> slot;
        std::list<uint64_t>::iterator lru;  // position in `recency`
        size_t bytes = 0;                   // accounted once computed
    };

    Impl(const std::vector<SignalGroup>& g, size_t b) : groups(g), budget(b) {}

    const std::vector<SignalGroup>& groups;
    size_t budget;
    mutable std::mutex mutex;
    std::unordered_map<uint64_t, Entry> entries;
    std::list<uint64_t> recency;  // most recent first
    size_t total_bytes = 0;
    size_t computed = 0;

    std::shared_ptr<const FeatureSet> compute(const vigil_recipe& recipe) const {
        auto set = std::make_shared<FeatureSet>();
        set->dim = vigil_recipe_feature_count(&recipe);
        set->groups.resize(groups.size());
        std::vector<uint64_t> scratch;
        for (size_t g = 0; g < groups.size(); ++g) {
            extract_file(recipe, groups[g].regular, set->dim, scratch, set->groups[g].regular, set->rejected);
            extract_file(recipe, groups[g].abnormal, set->dim, scratch, set->groups[g].abnormal, set->rejected);
        }
        return set;
    }

    // Drops least recently used computed entries (never `keep`) while over budget.
    void evict(uint64_t keep) {
        for (auto it = recency.end(); total_bytes > budget && it != recency.begin();) {
            --it;
            if (*it == keep) continue;
            auto e = entries.find(*it);
            if (e->second.bytes == 0) continue;  // still being computed
            total_bytes -= e->second.bytes;
            entries.erase(e);
            it = recency.erase(it);
        }
    }
};

FeatureCache::FeatureCache(const std::vector<SignalGroup>& groups, size_t budget_bytes)
    : impl_(std::make_unique<Impl>(groups, budget_bytes)) {}

FeatureCache::~FeatureCache() = default;

std::shared_ptr<const FeatureSet> FeatureCache::get(const vigil_recipe& recipe) const {
    if (vigil_recipe_validate(&recipe) != VIGIL_OK) throw std::invalid_argument("FeatureCache::get: invalid recipe");
    const uint64_t key = preprocessing_key(recipe);
    std::shared_ptr<Impl::Slot> slot;
    {
        std::lock_guard lock(impl_->mutex);
        auto it = impl_->entries.find(key);
        if (it == impl_->entries.end()) {
            impl_->recency.push_front(key);
            it = impl_->entries.emplace(key, Impl::Entry{std::make_shared<Impl::Slot>(), impl_->recency.begin(), 0}).first;
        } else {
            impl_->recency.splice(impl_->recency.begin(), impl_->recency, it->second.lru);
        }
        slot = it->second.slot;
    }
    bool computed_here = false;
    std::call_once(slot->once, [&] {
        slot->data = impl_->compute(recipe);
        computed_here = true;
    });
    if (computed_here) {
        std::lock_guard lock(impl_->mutex);
        ++impl_->computed;
        auto it = impl_->entries.find(key);
        if (it != impl_->entries.end() && it->second.slot == slot && it->second.bytes == 0) {
            it->second.bytes = std::max<size_t>(1, slot->data->bytes());
            impl_->total_bytes += it->second.bytes;
            impl_->evict(key);
        }
    }
    return slot->data;
}

size_t FeatureCache::cached_bytes() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->total_bytes;
}

size_t FeatureCache::computed() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->computed;
}

void FeatureCache::clear() {
    std::lock_guard lock(impl_->mutex);
    impl_->entries.clear();
    impl_->recency.clear();
    impl_->total_bytes = 0;
}

}  // namespace vigil::engine::selection

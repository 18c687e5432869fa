// Features of every signal of every group, per preprocessing, computed once by the runtime
// (vigil_features_extract) and shared by every candidate and thread.
//
// Thread-safe: the first thread to ask for a preprocessing computes it, the others wait for
// that result. Least recently used entries are dropped beyond the byte budget; an entry in use
// stays alive (shared_ptr) until its users let go.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "vigil/engine/selection/signal_groups.hpp"
#include "vigil_recipe.h"

namespace vigil::engine::selection {

// Feature rows of one file: row r of the Dataset is at values[r * dim] (rows selection may
// not use are left uncomputed at zero).
struct FileFeatures {
    std::vector<float> values;
    std::span<const float> row(uint32_t r, uint16_t dim) const {
        return {values.data() + size_t{r} * dim, dim};
    }
};

struct GroupFeatures {
    FileFeatures regular, abnormal;
};

struct FeatureSet {
    uint16_t dim = 0;
    std::vector<GroupFeatures> groups;  // same order as the SignalGroups
    // Rows whose features the runtime rejected (non-finite): "path:line" each, empty if none.
    std::vector<std::string> rejected;
    size_t bytes() const;
};

class FeatureCache {
public:
    // `groups` must outlive the cache. Rows computed: the union of the rows of every group file.
    explicit FeatureCache(const std::vector<SignalGroup>& groups,
                          size_t budget_bytes = size_t{512} << 20);
    ~FeatureCache();
    FeatureCache(const FeatureCache&) = delete;
    FeatureCache& operator=(const FeatureCache&) = delete;

    // Features for the preprocessing of `recipe` (throws std::invalid_argument if invalid).
    std::shared_ptr<const FeatureSet> get(const vigil_recipe& recipe) const;

    size_t cached_bytes() const;
    size_t computed() const;  // preprocessings computed so far (recomputations included)
    void clear();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace vigil::engine::selection

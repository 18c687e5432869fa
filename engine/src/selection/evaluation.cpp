// Evaluation by the device's own code path (evaluation.hpp).
#include "vigil/engine/selection/evaluation.hpp"

#include <algorithm>
#include <stdexcept>

#include "vigil_core.h"

namespace vigil::engine::selection {
namespace {

const char* status_name(vigil_status s) {
    switch (s) {
    case VIGIL_OK: return "OK";
    case VIGIL_NOT_INITIALIZED: return "NOT_INITIALIZED";
    case VIGIL_LEARNING_IN_PROGRESS: return "LEARNING_IN_PROGRESS";
    case VIGIL_LEARNING_DONE: return "LEARNING_DONE";
    case VIGIL_BAD_ARGUMENT: return "BAD_ARGUMENT";
    case VIGIL_BAD_KNOWLEDGE: return "BAD_KNOWLEDGE";
    }
    return "?";
}

// d(s): position of a similarity relative to the threshold, scaled by the room on its side.
double threshold_position(double s) {
    constexpr double t = VIGIL_SIMILARITY_THRESHOLD;
    const double d = s >= t ? (s - t) / (100.0 - t) : (s - t) / t;
    return std::clamp(d, -1.0, 1.0);
}

}  // namespace

double regular_margin(double similarity) { return threshold_position(similarity); }
double abnormal_margin(double similarity) { return -threshold_position(similarity); }

void EvaluationStats::merge(const EvaluationStats& other) {
    std::vector<SplitStats> merged;
    merged.reserve(splits.size() + other.splits.size());
    size_t a = 0, b = 0;
    while (a < splits.size() || b < other.splits.size()) {
        if (b == other.splits.size() || (a < splits.size() && splits[a].split < other.splits[b].split)) {
            merged.push_back(splits[a++]);
        } else if (a == splits.size() || other.splits[b].split < splits[a].split) {
            merged.push_back(other.splits[b++]);
        } else {
            throw std::invalid_argument("EvaluationStats::merge: split " + std::to_string(splits[a].split) +
                                        " evaluated twice");
        }
    }
    splits = std::move(merged);
    if (failure.empty()) failure = other.failure;
}

void GroupStats::add(bool abnormal, float similarity) {
    const bool said_regular = similarity >= float(VIGIL_SIMILARITY_THRESHOLD);
    if (abnormal) {
        ++this->abnormal;
        abnormal_ok += said_regular ? 0 : 1;
        abnormal_margin += selection::abnormal_margin(similarity);
    } else {
        ++regular;
        regular_ok += said_regular ? 1 : 0;
        regular_margin += selection::regular_margin(similarity);
    }
}

std::string run_device(const vigil_recipe& recipe, uint16_t dim, const FileFeatures& learn_features,
                       std::span<const uint32_t> learn_rows, std::span<const DetectTarget> targets,
                       std::vector<uint64_t>& state,
                       const std::function<void(const DetectTarget&, uint32_t, float)>& on_similarity) {
    const size_t bytes = vigil_model_state_size(&recipe);
    if (bytes == 0) return "vigil_model_state_size: invalid recipe";
    if (state.size() * 8 < bytes) state.resize((bytes + 7) / 8);
    vigil_status st = vigil_model_init(state.data(), bytes, &recipe);
    if (st != VIGIL_OK) return std::string("vigil_model_init: ") + status_name(st);
    for (uint32_t r : learn_rows) {
        st = vigil_model_learn_features(state.data(), learn_features.row(r, dim).data());
        if (st != VIGIL_LEARNING_IN_PROGRESS && st != VIGIL_LEARNING_DONE)
            return std::string("vigil_model_learn_features: ") + status_name(st) + " on row " + std::to_string(r);
    }
    for (const auto& t : targets)
        for (uint32_t r : t.rows) {
            float s = 0;
            st = vigil_model_similarity_features(state.data(), t.features->row(r, dim).data(), &s);
            if (st != VIGIL_OK)
                return std::string("vigil_model_similarity_features: ") + status_name(st) + " on row " +
                       std::to_string(r);
            on_similarity(t, r, s);
        }
    return {};
}

Evaluator::Evaluator(std::vector<SignalGroup> groups, EvaluationOptions options)
    : groups_(std::move(groups)), options_(options), cache_(groups_, options.feature_cache_bytes) {
    validate_groups(groups_);
    if (!(options_.learn_fraction > 0 && options_.learn_fraction < 1))
        throw std::invalid_argument("learn_fraction: must be in (0, 1)");
}

Split Evaluator::split(uint32_t group, uint32_t split_index) const {
    return make_split(groups_.at(group).regular.rows, options_.learn_fraction, options_.seed, group, split_index);
}

uint32_t Evaluator::learn_signals() const {
    uint32_t n = UINT32_MAX;
    for (uint32_t g = 0; g < groups_.size(); ++g)
        n = std::min(n, static_cast<uint32_t>(split(g, 0).learn.size()));  // same size for every split
    return n;
}

EvaluationStats Evaluator::evaluate(const vigil_recipe& recipe, uint32_t first, uint32_t count) const {
    return evaluate_with_learn_calls(recipe, first, count, UINT32_MAX);
}

EvaluationStats Evaluator::evaluate_with_learn_calls(const vigil_recipe& recipe, uint32_t first, uint32_t count,
                                                     uint32_t learn_calls) const {
    if (vigil_recipe_validate(&recipe) != VIGIL_OK) throw std::invalid_argument("evaluate: invalid recipe");
    const uint32_t available = learn_signals();
    if (recipe.min_learn > std::min(available, learn_calls))
        throw std::invalid_argument("evaluate: min_learn " + std::to_string(recipe.min_learn) + " exceeds the " +
                                    std::to_string(std::min(available, learn_calls)) + " learn signals available");
    const auto features = cache_.get(recipe);
    const uint16_t dim = features->dim;
    thread_local std::vector<uint64_t> state;  // one state block per thread, reused

    EvaluationStats out;
    out.splits.reserve(count);
    for (uint32_t s = first; s < first + count; ++s) {
        SplitStats split_stats{s, std::vector<GroupStats>(groups_.size())};
        for (uint32_t g = 0; g < groups_.size(); ++g) {
            const Split sp = split(g, s);
            const auto& gf = features->groups[g];
            const std::span<const uint32_t> learn(sp.learn.data(), std::min<size_t>(sp.learn.size(), learn_calls));
            const DetectTarget targets[] = {{&gf.regular, sp.detect, false},
                                            {&gf.abnormal, groups_[g].abnormal.rows, true}};
            GroupStats& gs = split_stats.groups[g];
            const std::string failure = run_device(
                recipe, dim, gf.regular, learn, targets, state, [&gs](const DetectTarget& t, uint32_t, float sim) {
                    gs.add(t.abnormal, sim);
                });
            if (!failure.empty()) {
                out.failure = failure + " (group \"" + groups_[g].name + "\", split " + std::to_string(s) + ")";
                return out;
            }
        }
        out.splits.push_back(std::move(split_stats));
    }
    return out;
}

std::vector<SignalSimilarity> Evaluator::similarities(const vigil_recipe& recipe, uint32_t split_index) const {
    if (vigil_recipe_validate(&recipe) != VIGIL_OK) throw std::invalid_argument("similarities: invalid recipe");
    const auto features = cache_.get(recipe);
    std::vector<uint64_t> state;
    std::vector<SignalSimilarity> out;
    for (uint32_t g = 0; g < groups_.size(); ++g) {
        const Split sp = split(g, split_index);
        const auto& gf = features->groups[g];
        const DetectTarget targets[] = {{&gf.regular, sp.detect, false}, {&gf.abnormal, groups_[g].abnormal.rows, true}};
        const std::string failure =
            run_device(recipe, features->dim, gf.regular, sp.learn, targets, state,
                       [&](const DetectTarget& t, uint32_t row, float sim) {
                           const SignalFile& f = t.abnormal ? groups_[g].abnormal : groups_[g].regular;
                           const uint64_t line = row < f.data->source_lines.size() ? f.data->source_lines[row] : row + 1;
                           out.push_back({f.path, line, g, t.abnormal, sim});
                       });
        if (!failure.empty()) throw std::runtime_error(failure + " (group \"" + groups_[g].name + "\")");
    }
    return out;
}

}  // namespace vigil::engine::selection

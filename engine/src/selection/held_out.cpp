// The held-out partition and check (held_out.hpp).
#include "vigil/engine/selection/held_out.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "vigil/engine/selection/indicators.hpp"
#include "vigil/engine/selection/splits.hpp"
#include "vigil_core.h"

namespace vigil::engine::selection {

RowPartition partition_rows(std::span<const uint32_t> rows, const HeldOutOptions& o, uint64_t stream) {
    if (!(o.fraction >= 0 && o.fraction < 1)) throw std::invalid_argument("held_out fraction: must be in [0, 1)");
    const size_t n = rows.size();
    size_t held = static_cast<size_t>(std::llround(o.fraction * double(n)));
    if (o.fraction > 0) held = std::max<size_t>(held, o.min_rows);
    // Selection keeps at least 2 rows of every file (a split needs a learn and a detect part).
    held = n >= 2 ? std::min(held, n - 2) : 0;
    std::vector<uint32_t> order(rows.begin(), rows.end());
    SplitMix64 g{mix_seed(o.seed ^ 0x48454C44ull /* "HELD" */, stream, 0)};
    for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[g.below(i)]);
    RowPartition p;
    p.held_out.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(held));
    p.selection.assign(order.begin() + static_cast<std::ptrdiff_t>(held), order.end());
    std::sort(p.held_out.begin(), p.held_out.end());
    std::sort(p.selection.begin(), p.selection.end());
    return p;
}

HeldOutSplit split_held_out(const std::vector<SignalGroup>& groups, const HeldOutOptions& o) {
    validate_groups(groups);
    HeldOutSplit out;
    for (size_t g = 0; g < groups.size(); ++g) {
        SignalGroup sel = groups[g], held = groups[g];
        const auto reg = partition_rows(groups[g].regular.rows, o, 2 * g);
        const auto abn = partition_rows(groups[g].abnormal.rows, o, 2 * g + 1);
        sel.regular.rows = reg.selection;
        held.regular.rows = reg.held_out;
        sel.abnormal.rows = abn.selection;
        held.abnormal.rows = abn.held_out;
        out.selection.push_back(std::move(sel));
        out.held_out.push_back(std::move(held));
    }
    return out;
}

HeldOutReport check_held_out(const HeldOutSplit& split, const vigil_recipe& recipe,
                             double selection_balanced_accuracy, const HeldOutOptions& o) {
    if (vigil_recipe_validate(&recipe) != VIGIL_OK) throw std::invalid_argument("check_held_out: invalid recipe");
    if (split.selection.size() != split.held_out.size())
        throw std::invalid_argument("check_held_out: selection and held-out groups differ");
    HeldOutReport rep;
    rep.selection_balanced_accuracy = selection_balanced_accuracy;
    EvaluationStats stats;
    stats.splits.push_back({0, {}});
    std::vector<uint64_t> state, scratch;
    const uint16_t dim = vigil_recipe_feature_count(&recipe);
    const size_t scratch_bytes = vigil_features_scratch_size(&recipe);
    scratch.resize((scratch_bytes + 7) / 8);
    // Features of the rows a group uses (selection regular to learn, held-out rows to detect).
    auto extract = [&](const SignalFile& f, std::span<const uint32_t> rows, FileFeatures& out) {
        out.values.assign(f.data ? f.data->signals * size_t{dim} : 0, 0.0f);
        for (uint32_t r : rows)
            if (vigil_features_extract(&recipe, f.data->row(r).data(), out.values.data() + size_t{r} * dim,
                                       scratch.data(), scratch_bytes) != VIGIL_OK)
                throw std::runtime_error("held-out check: the runtime rejects " + f.path + " line " +
                                         std::to_string(f.data->source_lines.at(r)));
    };
    for (size_t g = 0; g < split.selection.size(); ++g) {
        const SignalGroup& sel = split.selection[g];
        const SignalGroup& held = split.held_out[g];
        if (sel.regular.rows.size() < recipe.min_learn)
            throw std::invalid_argument("check_held_out: group \"" + sel.name + "\" has " +
                                        std::to_string(sel.regular.rows.size()) + " regular signals, min_learn is " +
                                        std::to_string(recipe.min_learn));
        FileFeatures regular, abnormal;
        std::vector<uint32_t> regular_rows = sel.regular.rows;
        regular_rows.insert(regular_rows.end(), held.regular.rows.begin(), held.regular.rows.end());
        extract(sel.regular, regular_rows, regular);
        if (held.abnormal.data) extract(held.abnormal, held.abnormal.rows, abnormal);
        const DetectTarget targets[] = {{&regular, held.regular.rows, false}, {&abnormal, held.abnormal.rows, true}};
        GroupStats gs;
        const std::string failure = run_device(
            recipe, dim, regular, sel.regular.rows, targets, state, [&](const DetectTarget& t, uint32_t row, float sim) {
                const SignalFile& f = t.abnormal ? held.abnormal : held.regular;
                rep.similarities.push_back({f.path, f.data->source_lines.at(row), static_cast<uint32_t>(g), t.abnormal, sim});
                gs.add(t.abnormal, sim);
            });
        if (!failure.empty()) throw std::runtime_error("held-out check: " + failure + " (group \"" + sel.name + "\")");
        rep.regular_signals += gs.regular;
        rep.abnormal_signals += gs.abnormal;
        stats.splits[0].groups.push_back(gs);
    }
    if (rep.regular_signals == 0) {
        rep.message = "held-out check: no held-out regular signals (files too small or fraction 0)";
        rep.warning = true;
        return rep;
    }
    const auto ind = compute_indicators(stats, {});
    rep.balanced_accuracy = ind.balanced_accuracy;
    rep.tnr = ind.tnr;
    rep.tpr = ind.tpr;
    rep.confidence = ind.confidence;
    char text[256];
    rep.warning = rep.balanced_accuracy < selection_balanced_accuracy - o.warn_drop;
    std::snprintf(text, sizeof text,
                  "%sheld-out balanced accuracy %.3f (%u regular, %u abnormal signals) vs %.3f in selection%s",
                  rep.warning ? "warning: " : "", rep.balanced_accuracy, rep.regular_signals, rep.abnormal_signals,
                  selection_balanced_accuracy,
                  rep.warning ? ": the library may not generalise; record more varied regular data" : "");
    rep.message = text;
    return rep;
}

}  // namespace vigil::engine::selection

#include "result_json.hpp"

#include "vigil/engine/selection/learning_curve.hpp"
#include "vigil/engine/selection/recipe_json.hpp"

namespace vigil::engine::search {

namespace sel = vigil::engine::selection;

nlohmann::json indicators_json(const sel::Indicators& ind) {
    return {{"balanced_accuracy", ind.balanced_accuracy},
            {"confidence", ind.confidence},
            {"tnr", ind.tnr},
            {"tpr", ind.tpr},
            {"splits", ind.splits},
            {"ram_bytes", ind.ram_bytes},
            {"flash_bytes", ind.flash_bytes},
            {"instructions_per_detect", ind.instructions_per_detect},
            {"failed", ind.failed},
            {"balanced_accuracy_se", ind.balanced_accuracy_se},
            {"confidence_se", ind.confidence_se}};
}

namespace {

// Per-signal similarities of `recipe` on split 0, with the learned lines of that split, so the
// similarity plot (and `vigil emulate` on the same lines) can be reproduced exactly.
nlohmann::json similarities_json(const sel::Evaluator& evaluator, const vigil_recipe& recipe) {
    nlohmann::json signals = nlohmann::json::array();
    for (const auto& s : evaluator.similarities(recipe, 0))
        signals.push_back({{"file", s.file}, {"line", s.line}, {"group", s.group}, {"abnormal", s.abnormal},
                           {"similarity", s.similarity},
                           // The library's verdict, as vigil emulate and the device give it.
                           {"status", s.similarity < VIGIL_SIMILARITY_THRESHOLD ? "anomaly" : "nominal"}});
    nlohmann::json learned = nlohmann::json::array();
    for (uint32_t g = 0; g < evaluator.groups().size(); ++g) {
        const auto& file = evaluator.groups()[g].regular;
        nlohmann::json lines = nlohmann::json::array();
        for (uint32_t row : evaluator.split(g, 0).learn) lines.push_back(file.data->source_lines.at(row));
        learned.push_back({{"group", g}, {"file", file.path}, {"lines", std::move(lines)}});
    }
    return {{"split", 0}, {"threshold", VIGIL_SIMILARITY_THRESHOLD}, {"learned", std::move(learned)},
            {"signals", std::move(signals)}};
}

}  // namespace

nlohmann::json build_result(const SearchDriver& driver, const sel::Evaluator& evaluator, const sel::HeldOutSplit& held_out,
                            const sel::HeldOutOptions& held_out_options, bool complete, const ResultInputs& r) {
    nlohmann::json out;
    out["benchmark"] = r.id;
    out["state"] = r.state;
    out["seed"] = r.seed;
    out["jobs"] = r.jobs;
    out["elapsed_s"] = r.elapsed_s;
    out["candidates_per_s"] = r.elapsed_s > 0 ? double(r.evaluated_this_session) / r.elapsed_s : 0.0;

    nlohmann::json stages = nlohmann::json::array();
    const auto per_stage = driver.evaluated_per_stage();
    for (const auto& s : driver.stages())
        stages.push_back({{"stage", s.index}, {"splits", s.total_splits}, {"planned", s.candidates},
                          {"evaluated", per_stage.at(s.index)}});
    out["counts"] = {{"space", r.space_generated},
                     {"filtered_by_ram", r.space_filtered_by_ram},
                     {"filtered_by_flash", r.space_filtered_by_flash},
                     {"candidates", driver.candidates().size()},
                     {"evaluated", driver.evaluated()},
                     {"evaluated_this_session", r.evaluated_this_session},
                     {"stages", std::move(stages)}};

    const auto ranking = driver.ranking();
    nlohmann::json top = nlohmann::json::array();
    for (size_t k = 0; k < ranking.size() && k < r.top; ++k) {
        const auto* c = driver.candidates()[ranking[k].candidate];
        nlohmann::json row = {{"rank", k + 1}, {"key", c->key}, {"summary", sel::recipe_summary(c->recipe)},
                              {"stage", ranking[k].stage}, {"tied_with_best", ranking[k].tied_with_best}};
        row["indicators"] = indicators_json(ranking[k].result->indicators);
        top.push_back(std::move(row));
    }
    out["top"] = std::move(top);

    nlohmann::json evolution = nlohmann::json::array();
    for (const auto& p : driver.evolution())
        evolution.push_back({{"elapsed_s", p.elapsed_s}, {"evaluated", p.evaluated}, {"key", p.key},
                             {"balanced_accuracy", p.indicators.balanced_accuracy},
                             {"confidence", p.indicators.confidence}, {"ram_bytes", p.indicators.ram_bytes}});
    out["evolution"] = std::move(evolution);

    out["best"] = nullptr;
    out["similarities"] = nullptr;
    out["learning_curve"] = nullptr;
    out["held_out"] = nullptr;
    if (ranking.empty()) return out;

    const auto* best = driver.candidates()[ranking.front().candidate];
    vigil_recipe recipe = best->recipe;
    sel::Indicators indicators = ranking.front().result->indicators;
    nlohmann::json best_json = {{"candidate_key", best->key}, {"stage", ranking.front().stage},
                                {"selection_indicators", indicators_json(indicators)}};
    if (complete && !indicators.failed) {
        const sel::LearningCurve curve = sel::learning_curve(evaluator, recipe);
        nlohmann::json points = nlohmann::json::array();
        for (const auto& p : curve.points)
            points.push_back({{"learn_calls", p.learn_calls}, {"balanced_accuracy", p.balanced_accuracy},
                              {"confidence", p.confidence}, {"failed", p.failed}});
        out["learning_curve"] = {{"points", std::move(points)},
                                 {"best_balanced_accuracy", curve.best_balanced_accuracy},
                                 {"recommended_min_learn", curve.recommended_min_learn}};
        recipe = sel::with_recommended_min_learn(recipe, curve);
        // The shipped recipe is re-evaluated with its own min_learn on every split.
        indicators = sel::compute_indicators(evaluator.evaluate(recipe, 0, r.max_splits), sel::footprint(recipe, r.core));
        const auto report = sel::check_held_out(held_out, recipe, indicators.balanced_accuracy, held_out_options);
        out["held_out"] = {{"balanced_accuracy", report.balanced_accuracy},
                           {"tnr", report.tnr},
                           {"tpr", report.tpr},
                           {"confidence", report.confidence},
                           {"selection_balanced_accuracy", report.selection_balanced_accuracy},
                           {"regular_signals", report.regular_signals},
                           {"abnormal_signals", report.abnormal_signals},
                           {"warning", report.warning},
                           {"message", report.message}};
    }
    best_json["key"] = sel::recipe_key(recipe);
    best_json["summary"] = sel::recipe_summary(recipe);
    best_json["recipe"] = sel::recipe_to_json(recipe);
    best_json["indicators"] = indicators_json(indicators);
    out["best"] = std::move(best_json);
    if (!indicators.failed) out["similarities"] = similarities_json(evaluator, recipe);
    return out;
}

}  // namespace vigil::engine::search

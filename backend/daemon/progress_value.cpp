#include "progress_value.hpp"

#include <cstdio>

namespace vigil::daemon {

using Kind = engine::search::ProgressEvent::Kind;

nlohmann::json progress_value(const engine::search::ProgressEvent& e) {
    const double percentage = e.total ? 100.0 * double(e.evaluated) / double(e.total) : 0.0;
    const double per_s = e.per_job_per_s * double(e.jobs);
    char message[160];
    if (e.kind == Kind::end) {
        std::snprintf(message, sizeof message, "%s: %zu of %zu evaluations", e.state.c_str(), e.evaluated, e.total);
    } else {
        std::snprintf(message, sizeof message, "stage %u/%u: %zu of %zu evaluations, %.0f/s", e.stage + 1,
                      std::max(1u, e.stages), e.evaluated, e.total, per_s);
    }
    nlohmann::json v = {
        {"kind", e.kind == Kind::begin ? "begin" : e.kind == Kind::end ? "end" : "report"},
        {"message", message},
        {"benchmark", e.benchmark},
        {"state", e.state.empty() ? "running" : e.state},
        {"evaluated", e.evaluated},
        {"planned", e.total},
        {"jobs", e.jobs},
        {"elapsedS", e.elapsed_s},
    };
    if (e.kind == Kind::end) return v;  // the best library is in benchmark/result
    // Stages count from 0, as in benchmark/result (the message counts from 1 for people).
    v["percentage"] = unsigned(percentage);
    v["stage"] = e.stage;
    v["stages"] = e.stages;
    v["candidatesPerSecond"] = per_s;
    v["etaS"] = e.eta_s ? nlohmann::json(*e.eta_s) : nlohmann::json(nullptr);
    v["best"] = nullptr;
    if (e.kind == Kind::begin) {
        v["title"] = "Benchmark " + std::to_string(e.benchmark);
        v["cancellable"] = true;  // benchmark/stop
    }
    if (e.best) {
        const auto& i = e.best->indicators;
        v["best"] = {{"key", e.best->key},
                     {"summary", e.best->summary},
                     {"stage", e.best->stage},
                     {"balancedAccuracy", i.balanced_accuracy},
                     {"confidence", i.confidence},
                     {"ramBytes", i.ram_bytes},
                     {"flashBytes", i.flash_bytes}};
    }
    return v;
}

}  // namespace vigil::daemon

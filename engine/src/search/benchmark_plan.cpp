#include "vigil/engine/search/benchmark_plan.hpp"

#include "vigil/engine/project/benchmark_store.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::engine::search {

using util::ParameterError;

BenchmarkPlan plan_benchmark(project::Project* project, const BenchmarkRequest& request, size_t axes) {
    BenchmarkPlan plan;
    plan.resume = request.resume;
    std::vector<InputGroup> files = request.files;
    if (request.resume) {
        if (!project) throw ParameterError("benchmark", "no project: nothing to resume");
        const auto row = project::BenchmarkStore(project->store()).find(*request.resume);
        if (!row)
            throw ParameterError("benchmark", "no benchmark " + std::to_string(*request.resume) + " in " +
                                                  project->root().string());
        plan.settings = search_settings_from(row->settings);
        if (files.empty()) files = groups_of(row->inputs);
    }
    if (files.empty() && project)
        for (const auto& g : project->settings().signals)
            files.push_back({(project->root() / g.regular).string(), (project->root() / g.abnormal).string()});
    if (files.empty())
        throw ParameterError("groups", "at least one group of signals (a regular and an abnormal file; or list them "
                                       "under \"signals\" in vigil.json)");
    if (request.seed) plan.settings.seed = *request.seed;
    if (request.space_limit) plan.settings.space_limit = *request.space_limit;
    if (request.max_splits) plan.settings.schedule.max_splits = *request.max_splits;

    if (project && project->settings().axes != axes)
        throw ParameterError("axes", "axes " + std::to_string(axes) + " does not match the project's settings: " +
                                         (project->root() / project::Project::kSettingsFile).string() +
                                         " has sensor.axes = " + std::to_string(project->settings().axes));
    const std::optional<double> rate = project ? project->settings().sampling_rate_hz : std::nullopt;
    plan.inputs = load_inputs(files, axes, rate);
    return plan;
}

BenchmarkOutcome run_plan(project::Project& project, const BenchmarkPlan& plan, const RunControl& control) {
    return plan.resume ? resume_benchmark(project, *plan.resume, plan.inputs, plan.settings, control)
                       : run_benchmark(project, plan.inputs, plan.settings, control);
}

}  // namespace vigil::engine::search

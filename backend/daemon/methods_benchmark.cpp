// benchmark/*: start, stop, resume, watch, list, result. The search runs in BenchmarkRuns'
// threads and reports through $/progress to every watcher; results come from the store, so
// they survive the daemon.
#include "engine_errors.hpp"
#include "paths.hpp"
#include "server.hpp"
#include "vigil/engine/dataset/report_json.hpp"
#include "vigil/engine/project/benchmark_store.hpp"

namespace vigil::daemon {

namespace proj = vigil::engine::project;
namespace search = vigil::engine::search;
using nlohmann::json;

namespace {

// A blocking error in one of the files refuses the benchmark, pointing at the spot.
void refuse_blocking(const search::LoadedInputs& inputs) {
    if (!inputs.blocking) return;
    const auto& report = inputs.reports[*inputs.blocking];
    throw file_error(report.errors.front(), {{"report", vigil::engine::dataset::report_to_json(report)}});
}

std::optional<Watcher> watcher_of(Params& p, const Call& call) {
    auto token = p.optional_token("workDoneToken");
    if (!token) return std::nullopt;
    return Watcher{call.connection, *token};
}

int64_t benchmark_id(Params& p) { return p.integer("benchmark", 1, INT64_MAX); }

// How this session of a benchmark runs (start and resume alike): not part of its result.
struct SessionOptions {
    std::optional<int64_t> jobs;
    std::optional<double> time_limit;
    std::optional<Watcher> watcher;
};

SessionOptions session_options(Params& p, const Call& call) {
    SessionOptions o;
    o.jobs = p.optional_integer("jobs", 1, 1024);
    o.time_limit = p.optional_number("timeLimit", 0.001, 1e9);
    o.watcher = watcher_of(p, call);
    return o;
}

// Starts the plan; a request cancelled meanwhile (its client already has -32800 and will never
// learn the id) stops the benchmark again: it ends 'stopped', resumable, never running unseen.
json start_or_stop(Server& server, const Call& call, const std::filesystem::path& folder, search::BenchmarkPlan plan,
                   SessionOptions session) {
    throw_if_cancelled(call.cancel);
    const int64_t id = server.benchmarks().start(
        folder, std::move(plan), std::move(session.watcher),
        session.jobs ? std::optional<unsigned>(unsigned(*session.jobs)) : std::nullopt, session.time_limit);
    if (call.cancel->load()) server.benchmarks().stop(folder, id);
    return {{"benchmark", id}};
}

}  // namespace

void bind_benchmark_methods(Server& server) {
    server.bind("benchmark/start", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        search::BenchmarkRequest request;
        // Without `groups`, the project's own "signals" (vigil.json).
        const auto& groups = p.has("groups") ? p.array("groups") : nlohmann::json::array();
        if (p.has("groups") && groups.empty()) throw invalid_params("groups", "must hold at least one {regular, abnormal} group");
        for (size_t g = 0; g < groups.size(); ++g) {
            Params group(groups[g], "groups[" + std::to_string(g) + "]");
            const auto regular = group.string("regular");
            const auto abnormal = group.string("abnormal");
            group.done();
            request.files.push_back(
                {confined_path(*call.connection, group.name_of("regular"), regular, project.root()).string(),
                 confined_path(*call.connection, group.name_of("abnormal"), abnormal, project.root()).string()});
        }
        for (size_t g = 0; g < project.settings().signals.size() && groups.empty(); ++g) {
            // The project's files must be inside it too (vigil.json is the user's to edit).
            const auto& files = project.settings().signals[g];
            const std::string name = "signals[" + std::to_string(g) + "]";
            confined_path(*call.connection, name + ".regular", files.regular, project.root());
            confined_path(*call.connection, name + ".abnormal", files.abnormal, project.root());
        }
        auto session = session_options(p, call);
        if (auto seed = p.optional_integer("seed", 0, INT64_MAX)) request.seed = uint64_t(*seed);
        if (auto limit = p.optional_integer("spaceLimit", 1, INT64_MAX)) request.space_limit = size_t(*limit);
        if (auto splits = p.optional_integer("maxSplits", 1, 1000)) request.max_splits = uint32_t(*splits);
        p.done();

        auto plan = search::plan_benchmark(&project, request, project.settings().axes);
        refuse_blocking(plan.inputs);
        return start_or_stop(server, call, project.root(), std::move(plan), std::move(session));
    });
    server.bind("benchmark/resume", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        search::BenchmarkRequest request;
        request.resume = benchmark_id(p);
        auto session = session_options(p, call);
        p.done();
        if (server.benchmarks().is_running(project.root(), *request.resume))
            throw RpcError(ErrorCode::refused, "benchmark " + std::to_string(*request.resume) +
                                                   " is running: watch it with benchmark/watch");
        auto plan = search::plan_benchmark(&project, request, project.settings().axes);
        refuse_blocking(plan.inputs);
        return start_or_stop(server, call, project.root(), std::move(plan), std::move(session));
    });
    server.bind("benchmark/stop", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        const int64_t id = benchmark_id(p);
        p.done();
        if (server.benchmarks().stop(project.root(), id)) return {{"benchmark", id}, {"stopping", true}};
        const auto row = proj::BenchmarkStore(project.store()).find(id);
        if (!row) throw invalid_params("benchmark", "no benchmark " + std::to_string(id) + " in " + project.root().string());
        return {{"benchmark", id}, {"stopping", false}, {"state", row->state}};
    });
    server.bind("benchmark/watch", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        const int64_t id = benchmark_id(p);
        auto token = p.optional_token("workDoneToken");
        if (!token) throw invalid_params("workDoneToken", "is required (a string or an integer)");
        p.done();
        if (server.benchmarks().watch(project.root(), id, Watcher{call.connection, *token}))
            return {{"benchmark", id}, {"live", true}, {"state", "running"}};
        const auto row = proj::BenchmarkStore(project.store()).find(id);
        if (!row) throw invalid_params("benchmark", "no benchmark " + std::to_string(id) + " in " + project.root().string());
        return {{"benchmark", id}, {"live", false}, {"state", row->state}};
    });
    server.bind("benchmark/list", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        p.done();
        json list = json::array();
        for (const auto& row : proj::BenchmarkStore(project.store()).list()) {
            json b = proj::benchmark_summary_json(row);
            b["live"] = server.benchmarks().is_running(project.root(), row.id);
            if (b["live"].get<bool>())
                if (auto latest = server.benchmarks().latest(project.root(), row.id)) b["progress"] = *latest;
            list.push_back(std::move(b));
        }
        return {{"benchmarks", std::move(list)}};
    });
    server.bind("benchmark/result", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        const int64_t id = benchmark_id(p);
        p.done();
        const auto row = proj::BenchmarkStore(project.store()).find(id);
        if (!row) throw invalid_params("benchmark", "no benchmark " + std::to_string(id) + " in " + project.root().string());
        if (!row->result)
            throw RpcError(ErrorCode::refused, "benchmark " + std::to_string(id) + " has no result yet (state " +
                                                   row->state + ")",
                           {{"benchmark", id}, {"state", row->state}});
        return *row->result;
    });
}

}  // namespace vigil::daemon

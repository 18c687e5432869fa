#include "benchmark_runs.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "log.hpp"
#include "progress_value.hpp"

namespace vigil::daemon {

namespace search = vigil::engine::search;
using nlohmann::json;

struct BenchmarkRuns::Run {
    std::string folder;
    int64_t id = 0;
    std::atomic<bool> stop{false};
    std::mutex mutex;  // watchers and latest
    std::vector<Watcher> watchers;
    json begin;   // the begin value, replayed to late watchers
    json latest;  // the latest begin/report value
    std::chrono::steady_clock::time_point last_report{};
};

namespace {

constexpr int kBenchmarkNice = 19;  // the lowest: any request preempts the search
constexpr auto kReportInterval = std::chrono::milliseconds(100);

void send_progress(const Watcher& w, const json& value) {
    if (auto c = w.connection.lock(); c && c->is_open())
        c->send(wire_text(json{{"jsonrpc", "2.0"}, {"method", "$/progress"}, {"params", {{"token", w.token}, {"value", value}}}}));
}

}  // namespace

void BenchmarkRuns::broadcast(Run& run, const json& value, bool final) {
    std::lock_guard lock(run.mutex);
    if (!final) run.latest = value;
    // Reports at most every kReportInterval: the search reports at every checkpoint (many per
    // second), more than any progress bar shows; begin and end always go out.
    const auto now = std::chrono::steady_clock::now();
    if (value["kind"] == "report") {
        if (now - run.last_report < kReportInterval) return;
        run.last_report = now;
    }
    std::erase_if(run.watchers, [](const Watcher& w) {
        auto c = w.connection.lock();
        return !c || !c->is_open();
    });
    for (const auto& w : run.watchers) send_progress(w, value);
}

int64_t BenchmarkRuns::start(const std::filesystem::path& folder, search::BenchmarkPlan plan,
                             std::optional<Watcher> watcher, std::optional<unsigned> jobs,
                             std::optional<double> time_limit_s) {
    auto run = std::make_shared<Run>();
    run->folder = folder.string();
    if (watcher) run->watchers.push_back(*watcher);
    auto begun = std::make_shared<std::promise<int64_t>>();
    auto result = begun->get_future();
    {
        std::lock_guard lock(mutex_);
        if (plan.resume && runs_.count({run->folder, *plan.resume}))
            throw std::runtime_error("benchmark " + std::to_string(*plan.resume) + " is already running in this daemon");
        ++active_;
    }
    std::thread([this, run, begun, folder, plan = std::move(plan), jobs, time_limit_s]() mutable {
        bool registered = false;
        auto on_progress = [&](const search::ProgressEvent& e) {
            json value = progress_value(e);
            if (e.kind == search::ProgressEvent::Kind::begin) {
                run->id = e.benchmark;
                {
                    std::lock_guard lock(run->mutex);
                    run->begin = value;
                }
                {
                    std::lock_guard lock(mutex_);
                    runs_[{run->folder, run->id}] = run;
                    if (stopping_) run->stop = true;  // stop_all came while it was starting
                }
                registered = true;
                begun->set_value(e.benchmark);
            }
            if (e.kind == search::ProgressEvent::Kind::end) {
                // Unregistered before the end is sent, so a client that reacts to `end` with
                // benchmark/result or resume sees the stored state, not a running benchmark.
                std::lock_guard lock(mutex_);
                runs_.erase({run->folder, run->id});
            }
            broadcast(*run, value, e.kind == search::ProgressEvent::Kind::end);
        };
        // Background work: a lower priority for this thread, which the search's worker threads
        // inherit, so the daemon's I/O and request threads win the CPU and light requests stay
        // fast while a benchmark uses every core.
        ::setpriority(PRIO_PROCESS, pid_t(::syscall(SYS_gettid)), kBenchmarkNice);
        try {
            auto project = engine::project::Project::open(folder);
            search::RunControl control;
            control.jobs = jobs.value_or(jobs_);
            control.time_limit_s = time_limit_s;
            control.stop = &run->stop;
            control.on_progress = on_progress;
            const auto outcome = search::run_plan(project, plan, control);
            if (!registered) begun->set_value(outcome.id);  // ended without a begin event
            log::info("benchmark " + std::to_string(outcome.id) + " in " + run->folder + " " + outcome.state);
        } catch (const std::exception& e) {
            if (!registered) {
                begun->set_exception(std::current_exception());
            } else {
                log::error("benchmark " + std::to_string(run->id) + " failed: " + e.what());
                {
                    std::lock_guard lock(mutex_);
                    runs_.erase({run->folder, run->id});
                }
                broadcast(*run, {{"kind", "end"}, {"benchmark", run->id}, {"state", "failed"},
                                 {"message", std::string("failed: ") + e.what()}}, true);
            }
        }
        std::lock_guard lock(mutex_);
        --active_;
        ended_.notify_all();
    }).detach();
    return result.get();
}

bool BenchmarkRuns::is_running(const std::filesystem::path& folder, int64_t id) const {
    std::lock_guard lock(mutex_);
    return runs_.count({folder.string(), id}) > 0;
}

bool BenchmarkRuns::stop(const std::filesystem::path& folder, int64_t id) {
    std::lock_guard lock(mutex_);
    auto it = runs_.find({folder.string(), id});
    if (it == runs_.end()) return false;
    it->second->stop = true;
    return true;
}

bool BenchmarkRuns::watch(const std::filesystem::path& folder, int64_t id, Watcher watcher) {
    std::shared_ptr<Run> run;
    {
        std::lock_guard lock(mutex_);
        auto it = runs_.find({folder.string(), id});
        if (it == runs_.end()) return false;
        run = it->second;
    }
    std::lock_guard lock(run->mutex);
    send_progress(watcher, run->begin);
    if (!run->latest.is_null() && run->latest != run->begin) send_progress(watcher, run->latest);
    run->watchers.push_back(std::move(watcher));
    return true;
}

std::optional<json> BenchmarkRuns::latest(const std::filesystem::path& folder, int64_t id) const {
    std::shared_ptr<Run> run;
    {
        std::lock_guard lock(mutex_);
        auto it = runs_.find({folder.string(), id});
        if (it == runs_.end()) return std::nullopt;
        run = it->second;
    }
    std::lock_guard lock(run->mutex);
    return run->latest;
}

void BenchmarkRuns::stop_all() {
    std::unique_lock lock(mutex_);
    stopping_ = true;
    for (auto& [_, run] : runs_) run->stop = true;
    // A stopped benchmark checkpoints within about a second; bounded so exit never hangs.
    ended_.wait_for(lock, std::chrono::seconds(20), [this] { return active_ == 0; });
}

}  // namespace vigil::daemon

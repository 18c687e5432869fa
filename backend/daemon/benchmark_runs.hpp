// Benchmarks running in this daemon: each in a thread of its own (never on the I/O thread or
// the request pool), stoppable, watched by any number of clients through `$/progress`
// (begin/report/end). A client that disconnects only loses its watch; the benchmark goes on
// and checkpoints as always, so a killed daemon's benchmark resumes from the store.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "connection.hpp"
#include "vigil/engine/search/benchmark_plan.hpp"

namespace vigil::daemon {

struct Watcher {
    std::weak_ptr<Connection> connection;
    nlohmann::json token;  // the client's workDoneToken
};

class BenchmarkRuns {
public:
    explicit BenchmarkRuns(unsigned jobs) : jobs_(jobs) {}
    ~BenchmarkRuns() { stop_all(); }
    BenchmarkRuns(const BenchmarkRuns&) = delete;
    BenchmarkRuns& operator=(const BenchmarkRuns&) = delete;

    // Starts (or resumes) the plan in its own thread and returns the benchmark's id as soon as
    // the search has begun; an error before that (e.g. too few signals) is thrown here.
    // `jobs` defaults to the daemon's; `time_limit_s` stops it (state 'stopped') after so long.
    int64_t start(const std::filesystem::path& folder, engine::search::BenchmarkPlan plan,
                  std::optional<Watcher> watcher, std::optional<unsigned> jobs, std::optional<double> time_limit_s);

    bool is_running(const std::filesystem::path& folder, int64_t id) const;
    // Asks a running benchmark to stop (it checkpoints and ends 'stopped'); false if not running here.
    bool stop(const std::filesystem::path& folder, int64_t id);
    // Adds a watcher, which at once gets `begin` and the latest report; false if not running here.
    bool watch(const std::filesystem::path& folder, int64_t id, Watcher watcher);
    // The latest progress value of a running benchmark.
    std::optional<nlohmann::json> latest(const std::filesystem::path& folder, int64_t id) const;

    // Stops every benchmark and waits (bounded) for them to checkpoint and end.
    void stop_all();

private:
    struct Run;
    using Key = std::pair<std::string, int64_t>;
    void broadcast(Run& run, const nlohmann::json& value, bool final);

    unsigned jobs_;
    mutable std::mutex mutex_;
    std::condition_variable ended_;
    std::map<Key, std::shared_ptr<Run>> runs_;
    size_t active_ = 0;
    bool stopping_ = false;  // threads still running (including those not yet registered)
};

}  // namespace vigil::daemon

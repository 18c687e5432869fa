// `$/progress` for a long request that is not a benchmark (a target test, a flash, a recording):
// LSP's WorkDoneProgress begin / report / end on the request's workDoneToken, with `task` naming
// the method and `data` its own figures. Reports are throttled like a benchmark's (at most 10
// per second); begin and end always go out. Without a token every call does nothing, so a
// method reports unconditionally.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "benchmark_runs.hpp"  // Watcher

namespace vigil::daemon {

class TaskProgress {
public:
    TaskProgress(std::optional<Watcher> watcher, std::string task);

    void begin(const std::string& title, const std::string& message, bool cancellable = true);
    // percentage: 0..100, or absent when the work has no known end (a recording without --lines).
    // `always`: a report the user must see (a rejected signal, a notice) is never throttled.
    void report(const std::string& message, std::optional<int> percentage = std::nullopt,
                const nlohmann::json& data = nullptr, bool always = false);
    // state: "finished", "stopped", "failed" or "cancelled".
    void end(const std::string& state, const std::string& message, const nlohmann::json& data = nullptr);

private:
    void send(const nlohmann::json& value);

    std::optional<Watcher> watcher_;
    std::string task_;
    std::mutex mutex_;
    std::chrono::steady_clock::time_point last_report_{};
    bool ended_ = false;
};

}  // namespace vigil::daemon

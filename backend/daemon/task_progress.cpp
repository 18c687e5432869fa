#include "task_progress.hpp"

#include <algorithm>

#include "pending_request.hpp"  // wire_text

namespace vigil::daemon {

using nlohmann::json;

namespace {
constexpr auto kReportInterval = std::chrono::milliseconds(100);
}

TaskProgress::TaskProgress(std::optional<Watcher> watcher, std::string task)
    : watcher_(std::move(watcher)), task_(std::move(task)) {}

void TaskProgress::send(const json& value) {
    if (!watcher_) return;
    if (auto c = watcher_->connection.lock(); c && c->is_open())
        c->send(wire_text(
            json{{"jsonrpc", "2.0"}, {"method", "$/progress"}, {"params", {{"token", watcher_->token}, {"value", value}}}}));
}

void TaskProgress::begin(const std::string& title, const std::string& message, bool cancellable) {
    std::lock_guard lock(mutex_);
    send({{"kind", "begin"}, {"task", task_}, {"title", title}, {"message", message}, {"cancellable", cancellable}});
}

void TaskProgress::report(const std::string& message, std::optional<int> percentage, const json& data, bool always) {
    std::lock_guard lock(mutex_);
    if (ended_) return;
    const auto now = std::chrono::steady_clock::now();
    if (!always && now - last_report_ < kReportInterval) return;
    last_report_ = now;
    json value = {{"kind", "report"}, {"task", task_}, {"message", message}};
    if (percentage) value["percentage"] = std::clamp(*percentage, 0, 100);
    if (!data.is_null()) value["data"] = data;
    send(value);
}

void TaskProgress::end(const std::string& state, const std::string& message, const json& data) {
    std::lock_guard lock(mutex_);
    if (ended_) return;
    ended_ = true;
    json value = {{"kind", "end"}, {"task", task_}, {"state", state}, {"message", message}};
    if (!data.is_null()) value["data"] = data;
    send(value);
}

}  // namespace vigil::daemon

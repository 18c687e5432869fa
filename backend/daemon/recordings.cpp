#include "recordings.hpp"

#include <stdexcept>

namespace vigil::daemon {

std::string Recordings::start(std::shared_ptr<Recording> recording,
                              std::function<nlohmann::json(const std::atomic<bool>&)> work) {
    std::lock_guard lock(mutex_);
    if (recordings_.size() >= kMaxRecordings)
        throw std::runtime_error("too many recordings at once (" + std::to_string(kMaxRecordings) +
                                 "): stop one with record/stop");
    for (const auto& [id, r] : recordings_)
        if (r->out == recording->out) throw std::runtime_error(recording->out + " is already being recorded by " + id);
    auto task = std::make_shared<std::packaged_task<nlohmann::json()>>(
        [recording, work = std::move(work)] { return work(recording->cancel); });
    recording->summary = task->get_future().share();
    recording->thread = std::thread([task] { (*task)(); });
    const std::string id = "record-" + std::to_string(next_++);
    recordings_.emplace(id, std::move(recording));
    return id;
}

std::shared_ptr<Recording> Recordings::find(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto it = recordings_.find(id);
    return it == recordings_.end() ? nullptr : it->second;
}

void Recordings::forget(const std::string& id) {
    std::shared_ptr<Recording> r;
    {
        std::lock_guard lock(mutex_);
        auto it = recordings_.find(id);
        if (it == recordings_.end()) return;
        r = it->second;
        recordings_.erase(it);
    }
    if (r->thread.joinable()) r->thread.join();
}

void Recordings::stop_all() {
    std::map<std::string, std::shared_ptr<Recording>> all;
    {
        std::lock_guard lock(mutex_);
        all.swap(recordings_);
    }
    for (auto& [id, r] : all) r->cancel = true;
    for (auto& [id, r] : all)
        if (r->thread.joinable()) r->thread.join();
}

}  // namespace vigil::daemon

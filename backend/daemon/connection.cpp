#include "connection.hpp"

namespace vigil::daemon {

void Connection::allow_folder(const std::filesystem::path& canonical) {
    std::lock_guard lock(mutex_);
    folders_.insert(canonical);
}

std::vector<std::filesystem::path> Connection::folders() const {
    std::lock_guard lock(mutex_);
    return {folders_.begin(), folders_.end()};
}

void Connection::track(const std::shared_ptr<PendingRequest>& request) {
    std::lock_guard lock(mutex_);
    in_flight_[request->id().dump()] = request;
}

void Connection::untrack(const std::shared_ptr<PendingRequest>& request) {
    std::lock_guard lock(mutex_);
    auto it = in_flight_.find(request->id().dump());
    if (it != in_flight_.end() && it->second == request) in_flight_.erase(it);
}

std::shared_ptr<PendingRequest> Connection::in_flight(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto it = in_flight_.find(id);
    return it == in_flight_.end() ? nullptr : it->second;
}

}  // namespace vigil::daemon

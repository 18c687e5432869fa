#include "emulator_sessions.hpp"

#include <stdexcept>

namespace vigil::daemon {

std::string EmulatorSessions::open(std::shared_ptr<EmulatorEntry> entry) {
    std::lock_guard lock(mutex_);
    if (sessions_.size() >= kMaxSessions)
        throw std::runtime_error("too many emulator sessions open (" + std::to_string(kMaxSessions) +
                                 "): close some with emulator/close");
    const std::string id = "emulator-" + std::to_string(next_++);
    sessions_[id] = std::move(entry);
    return id;
}

std::shared_ptr<EmulatorEntry> EmulatorSessions::find(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(id);
    return it == sessions_.end() ? nullptr : it->second;
}

bool EmulatorSessions::close(const std::string& id) {
    std::lock_guard lock(mutex_);
    return sessions_.erase(id) > 0;
}

}  // namespace vigil::daemon

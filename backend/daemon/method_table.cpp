#include "method_table.hpp"

#include <stdexcept>

namespace vigil::daemon {

void MethodTable::method(const std::string& name, Runs runs, MethodHandler handler) {
    if (!methods_.emplace(name, Method{runs, std::move(handler)}).second)
        throw std::logic_error("method bound twice: " + name);
}

void MethodTable::notification(const std::string& name, NotificationHandler handler) {
    if (!notifications_.emplace(name, std::move(handler)).second)
        throw std::logic_error("notification bound twice: " + name);
}

const MethodTable::Method* MethodTable::find_method(const std::string& name) const {
    auto it = methods_.find(name);
    return it == methods_.end() ? nullptr : &it->second;
}

const NotificationHandler* MethodTable::find_notification(const std::string& name) const {
    auto it = notifications_.find(name);
    return it == notifications_.end() ? nullptr : &it->second;
}

std::vector<std::string> MethodTable::method_names() const {
    std::vector<std::string> names;
    for (const auto& [name, _] : methods_) names.push_back(name);
    return names;
}

std::vector<std::string> MethodTable::notification_names() const {
    std::vector<std::string> names;
    for (const auto& [name, _] : notifications_) names.push_back(name);
    return names;
}

}  // namespace vigil::daemon

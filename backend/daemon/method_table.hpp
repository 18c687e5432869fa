// The binding layer's table (clangd's LSPBinder): method name -> handler. A handler receives
// the params and the calling connection and returns the result as JSON, or throws RpcError
// (or Cancelled). Handlers convert and call the engine; they never frame, parse or reply.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cancellation.hpp"
#include "connection.hpp"

namespace vigil::daemon {

struct Call {
    const nlohmann::json& params;  // as received: object, array or null
    const ConnectionPtr& connection;
    const CancelFlag& cancel;      // set by $/cancelRequest
};

// Where a handler runs. Instant work (lifecycle, lookups in memory) runs on the thread that
// read the message, so it is ordered with the messages around it; anything that touches
// files, the store or the CPU for long runs on the worker pool, so the I/O thread keeps
// reading (and can see $/cancelRequest).
enum class Runs { inline_, on_worker };

using MethodHandler = std::function<nlohmann::json(const Call&)>;
using NotificationHandler = std::function<void(const nlohmann::json& params, const ConnectionPtr& connection)>;

class MethodTable {
public:
    struct Method {
        Runs runs;
        MethodHandler handler;
    };

    void method(const std::string& name, Runs runs, MethodHandler handler);
    void notification(const std::string& name, NotificationHandler handler);

    const Method* find_method(const std::string& name) const;
    const NotificationHandler* find_notification(const std::string& name) const;

    std::vector<std::string> method_names() const;        // sorted
    std::vector<std::string> notification_names() const;  // sorted

private:
    std::map<std::string, Method> methods_;
    std::map<std::string, NotificationHandler> notifications_;
};

}  // namespace vigil::daemon

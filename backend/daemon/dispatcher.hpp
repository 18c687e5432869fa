// Everything that applies to every message (clangd's ClangdLSPServer::MessageHandler): parse,
// validate the JSON-RPC envelope, batches, the LSP lifecycle gate, $/cancelRequest, running a
// handler inline or on the worker pool, and exactly one answer per request. Transports call
// handle() with the text of one message; they know nothing of methods.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include <nlohmann/json.hpp>

#include "connection.hpp"
#include "method_table.hpp"
#include "work_pool.hpp"

namespace vigil::daemon {

class Dispatcher {
public:
    Dispatcher(const MethodTable& methods, WorkPool& pool) : methods_(methods), pool_(pool) {}

    // One message as received: a request, a notification, a response, or a batch of them.
    // Answers go to `connection->send`, possibly later and from another thread.
    void handle(std::string_view text, const ConnectionPtr& connection);

    // For transports: answer a message that could not even be framed (id null).
    static void send_error(const ConnectionPtr& connection, const RpcError& error);

private:
    // One element of a batch or a lone message; `deliver` takes the response (requests only).
    void handle_one(const nlohmann::json& message, const ConnectionPtr& connection,
                    const PendingRequest::Deliver& deliver);
    void run_request(const std::shared_ptr<PendingRequest>& request, const MethodTable::Method& method,
                     nlohmann::json params, const ConnectionPtr& connection);
    void handle_notification(const std::string& method, const nlohmann::json& params, const ConnectionPtr& connection);
    // The lifecycle gate; throws the error to answer, if any.
    void check_lifecycle(const std::string& method, const ConnectionPtr& connection) const;

    const MethodTable& methods_;
    WorkPool& pool_;
};

}  // namespace vigil::daemon

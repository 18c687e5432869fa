// A request in flight and the promise to answer it exactly once (clangd's ReplyOnce): the
// handler's result, its error, or -32800 when $/cancelRequest came first. Whatever comes second
// is dropped; a request destroyed without an answer is answered with an internal error, so a
// client never waits forever.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "cancellation.hpp"
#include "rpc_error.hpp"

namespace vigil::daemon {

class PendingRequest {
public:
    using Deliver = std::function<void(nlohmann::json response)>;

    PendingRequest(nlohmann::json id, std::string method, Deliver deliver);
    ~PendingRequest();
    PendingRequest(const PendingRequest&) = delete;
    PendingRequest& operator=(const PendingRequest&) = delete;

    // true when this call answered; false when the request was already answered.
    bool reply(nlohmann::json result);
    bool fail(const RpcError& error);

    const nlohmann::json& id() const { return id_; }
    const std::string& method() const { return method_; }
    const CancelFlag& cancel_flag() const { return cancel_; }
    bool answered() const { return answered_.load(); }

private:
    bool answer(nlohmann::json response);

    nlohmann::json id_;
    std::string method_;
    Deliver deliver_;
    CancelFlag cancel_ = make_cancel_flag();
    std::atomic<bool> answered_{false};
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// The JSON-RPC error object of an RpcError.
nlohmann::json error_object(const RpcError& error);
// The text of a message as sent: invalid UTF-8 (a file name, a quoted input byte) is replaced
// with U+FFFD instead of throwing, so an answer can always be sent.
std::string wire_text(const nlohmann::json& message);
// A complete error response (id may be null).
nlohmann::json error_response(const nlohmann::json& id, const RpcError& error);

}  // namespace vigil::daemon

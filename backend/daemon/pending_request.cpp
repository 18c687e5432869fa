#include "pending_request.hpp"

#include "log.hpp"

namespace vigil::daemon {

nlohmann::json error_object(const RpcError& error) {
    nlohmann::json e = {{"code", int(error.code)}, {"message", error.what()}};
    if (!error.data.is_null()) e["data"] = error.data;
    return e;
}

std::string wire_text(const nlohmann::json& message) {
    return message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json error_response(const nlohmann::json& id, const RpcError& error) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", error_object(error)}};
}

PendingRequest::PendingRequest(nlohmann::json id, std::string method, Deliver deliver)
    : id_(std::move(id)), method_(std::move(method)), deliver_(std::move(deliver)) {}

PendingRequest::~PendingRequest() {
    if (!answered_.load())
        fail(RpcError(ErrorCode::internal_error, "server failed to reply to " + method_));
}

bool PendingRequest::reply(nlohmann::json result) {
    return answer({{"jsonrpc", "2.0"}, {"id", id_}, {"result", std::move(result)}});
}

bool PendingRequest::fail(const RpcError& error) { return answer(error_response(id_, error)); }

bool PendingRequest::answer(nlohmann::json response) {
    if (answered_.exchange(true)) {
        log::verbose("dropped a second answer to " + method_ + " " + id_.dump());
        return false;
    }
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
    log::verbose("<-- " + method_ + " " + id_.dump() + (response.contains("error") ? " error " : " ok ") +
                 std::to_string(int64_t(ms)) + " ms");
    deliver_(std::move(response));
    return true;
}

}  // namespace vigil::daemon

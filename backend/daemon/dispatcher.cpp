#include "dispatcher.hpp"

#include <atomic>
#include <mutex>

#include "log.hpp"

namespace vigil::daemon {

namespace {

using nlohmann::json;

// Collects the answers of a batch and sends them as one array once the last one arrived
// (JSON-RPC 2.0 §6); a batch of notifications only sends nothing.
class BatchReply {
public:
    BatchReply(ConnectionPtr connection, size_t expected) : connection_(std::move(connection)), pending_(expected) {}
    void add(json response) {
        std::lock_guard lock(mutex_);
        responses_.push_back(std::move(response));
    }
    // Called once per element (request or not); the last one sends.
    void element_done() {
        if (pending_.fetch_sub(1) != 1) return;
        std::lock_guard lock(mutex_);
        if (!responses_.empty()) connection_->send(wire_text(responses_));
    }

private:
    ConnectionPtr connection_;
    std::atomic<size_t> pending_;
    std::mutex mutex_;
    json responses_ = json::array();
};

bool valid_id(const json& id) { return id.is_string() || id.is_number() || id.is_null(); }

RpcError invalid_request(const std::string& why) { return RpcError(ErrorCode::invalid_request, "invalid request: " + why); }

}  // namespace

void Dispatcher::send_error(const ConnectionPtr& connection, const RpcError& error) {
    connection->send(wire_text(error_response(nullptr, error)));
}

void Dispatcher::handle(std::string_view text, const ConnectionPtr& connection) {
    json message;
    try {
        message = json::parse(text);
    } catch (const json::parse_error& e) {
        // The byte offset helps a client author find the mistake.
        send_error(connection, RpcError(ErrorCode::parse_error, std::string("parse error: ") + e.what(),
                                        {{"offset", e.byte}}));
        return;
    } catch (const json::exception& e) {
        // Valid syntax the parser still refuses, e.g. a number beyond double's range (1e400):
        // found by fuzz_daemon, it used to end the daemon.
        send_error(connection, RpcError(ErrorCode::parse_error, std::string("parse error: ") + e.what()));
        return;
    }
    if (!message.is_array()) {
        handle_one(message, connection, [connection](json response) { connection->send(wire_text(response)); });
        return;
    }
    if (message.empty()) {
        send_error(connection, invalid_request("an empty batch"));
        return;
    }
    auto batch = std::make_shared<BatchReply>(connection, message.size());
    for (const auto& element : message) {
        // The element is done when its answer was added; answers of requests arrive later.
        bool is_request = element.is_object() && element.contains("method") && element.contains("id");
        if (!is_request) {
            // Notifications and invalid elements: handled now (an invalid one adds an error).
            handle_one(element, connection, [batch](json response) { batch->add(std::move(response)); });
            batch->element_done();
        } else {
            handle_one(element, connection, [batch](json response) {
                batch->add(std::move(response));
                batch->element_done();
            });
        }
    }
}

void Dispatcher::handle_one(const json& message, const ConnectionPtr& connection,
                            const PendingRequest::Deliver& deliver) {
    // Envelope checks (JSON-RPC 2.0 §4, §5): an invalid request is answered with id null,
    // unless its id itself was readable.
    json id = nullptr;
    if (message.is_object() && message.contains("id") && valid_id(message["id"])) id = message["id"];
    auto refuse = [&](const std::string& why) { deliver(error_response(id, invalid_request(why))); };
    if (!message.is_object()) return refuse("a message must be a JSON object");
    if (message.value("jsonrpc", json()) != "2.0") return refuse("\"jsonrpc\" must be \"2.0\"");
    if (message.contains("id") && !valid_id(message["id"])) return refuse("\"id\" must be a string, a number or null");

    if (!message.contains("method")) {
        // A response to a request of ours: we send none that need an answer; ignore it.
        if (message.contains("result") || message.contains("error")) {
            log::verbose("ignored a response with id " + id.dump());
            return;
        }
        return refuse("no \"method\"");
    }
    if (!message["method"].is_string()) return refuse("\"method\" must be a string");
    const std::string method = message["method"].get<std::string>();
    json params = message.value("params", json());
    if (!params.is_null() && !params.is_object() && !params.is_array())
        return refuse("\"params\" must be an object or an array");

    if (!message.contains("id")) {
        handle_notification(method, params, connection);
        return;
    }

    auto request = std::make_shared<PendingRequest>(id, method, deliver);
    log::verbose("--> " + method + " " + id.dump());
    try {
        check_lifecycle(method, connection);
    } catch (const RpcError& e) {
        request->fail(e);
        return;
    }
    const auto* bound = methods_.find_method(method);
    if (!bound) {
        request->fail(RpcError(ErrorCode::method_not_found, "method not found: " + method, {{"method", method}}));
        return;
    }
    if (bound->runs == Runs::inline_) {
        run_request(request, *bound, std::move(params), connection);
        return;
    }
    connection->track(request);
    pool_.post([this, request, bound, params = std::move(params), connection]() mutable {
        run_request(request, *bound, std::move(params), connection);
        connection->untrack(request);
    });
}

void Dispatcher::run_request(const std::shared_ptr<PendingRequest>& request, const MethodTable::Method& method,
                             json params, const ConnectionPtr& connection) {
    if (request->answered()) return;  // cancelled while queued
    try {
        json result = method.handler(Call{params, connection, request->cancel_flag()});
        if (request->cancel_flag()->load())
            request->fail(RpcError(ErrorCode::request_cancelled, "request cancelled"));
        else
            request->reply(std::move(result));
    } catch (const Cancelled&) {
        request->fail(RpcError(ErrorCode::request_cancelled, "request cancelled"));
    } catch (const RpcError& e) {
        request->fail(e);
    } catch (const std::exception& e) {
        log::error(request->method() + ": " + e.what());
        request->fail(RpcError(ErrorCode::internal_error, std::string("internal error: ") + e.what()));
    }
}

void Dispatcher::handle_notification(const std::string& method, const json& params, const ConnectionPtr& connection) {
    if (method == "$/cancelRequest") {
        // Answered -32800 at once; the work notices the flag at its next check.
        if (!params.is_object() || !params.contains("id") || !valid_id(params["id"])) {
            log::info("$/cancelRequest without a valid id: ignored");
            return;
        }
        if (auto request = connection->in_flight(params["id"].dump())) {
            request->cancel_flag()->store(true);
            request->fail(RpcError(ErrorCode::request_cancelled, "request cancelled"));
        }
        return;
    }
    // LSP: notifications before initialize are dropped, except exit.
    const Lifecycle state = connection->lifecycle.load();
    if (state == Lifecycle::uninitialized && method != "exit") {
        log::info("dropped notification " + method + " before initialize");
        return;
    }
    const auto* handler = methods_.find_notification(method);
    if (!handler) {
        // Unknown notifications are ignored (no answer is possible); $/ ones silently.
        if (method.rfind("$/", 0) != 0) log::info("ignored unknown notification " + method);
        return;
    }
    try {
        (*handler)(params, connection);
    } catch (const std::exception& e) {
        log::error("notification " + method + ": " + e.what());
    }
}

void Dispatcher::check_lifecycle(const std::string& method, const ConnectionPtr& connection) const {
    switch (connection->lifecycle.load()) {
        case Lifecycle::uninitialized:
            if (method != "initialize")
                throw RpcError(ErrorCode::server_not_initialized,
                               "server not initialized: send 'initialize' first (got '" + method + "')");
            return;
        case Lifecycle::initialized:
            if (method == "initialize") throw invalid_request("'initialize' was already received");
            return;
        case Lifecycle::shutting_down:
        case Lifecycle::exited:
            throw invalid_request("the server is shutting down ('shutdown' was received); only 'exit' is accepted");
    }
}

}  // namespace vigil::daemon

// JSON-RPC 2.0 error codes (with the Language Server Protocol's additions) and the exception a
// handler throws to answer with one. Only the dispatcher turns an RpcError into `{code, message,
// data}`; handlers and the engine never build error objects by hand.
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace vigil::daemon {

enum class ErrorCode : int {
    parse_error = -32700,
    invalid_request = -32600,
    method_not_found = -32601,
    invalid_params = -32602,
    internal_error = -32603,
    server_not_initialized = -32002,
    request_cancelled = -32800,
    // Application errors (JSON-RPC leaves -32000..-32099 to servers): what the user gave was
    // refused by the engine (a bad signal file, a bad vigil.json, an unknown benchmark...).
    refused = -32001,
    // A path outside the project folders opened in this session.
    path_not_allowed = -32003,
    // A tool the work needs is missing (the Cortex-M toolchain, the emulator).
    tool_missing = -32004,
    // Between the host and a board (or QEMU standing in for one): no probe, a verify failure, a
    // hung or faulted firmware... data {kind}.
    device_error = -32005,
};

struct RpcError : std::runtime_error {
    RpcError(ErrorCode code, const std::string& message, nlohmann::json data = nullptr)
        : std::runtime_error(message), code(code), data(std::move(data)) {}
    ErrorCode code;
    nlohmann::json data;  // e.g. {"file", "line", "column"} or {"parameter", "expected"}
};

// -32602 naming the parameter (a JSON path such as "groups[1].regular") and what was expected.
inline RpcError invalid_params(const std::string& parameter, const std::string& expected) {
    return RpcError(ErrorCode::invalid_params, "invalid params: '" + parameter + "': " + expected,
                    {{"parameter", parameter}, {"expected", expected}});
}

}  // namespace vigil::daemon

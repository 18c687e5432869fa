// The one place where engine exceptions become JSON-RPC errors (clangd's encodeError): a
// refused argument is -32602 naming the parameter in the protocol's spelling, an error in a
// user's file carries file/line/column in `data`, a missing toolchain says so, a cancelled
// work is -32800.
#pragma once

#include <exception>

#include "rpc_error.hpp"
#include "vigil/engine/dataset/issue.hpp"

namespace vigil::daemon {

// Call from a catch block: translates the exception being handled.
RpcError translate_current_exception();

// A blocking error in a user's signal file (dataset Issue) as -32001 with file, line, column
// (null when the error concerns the whole file or line), kind and any `extra` data.
RpcError file_error(const vigil::engine::dataset::Issue& issue, nlohmann::json extra = nlohmann::json::object());

// "float_abi" -> "floatAbi": engine parameter names in the protocol's camelCase.
std::string camel_case(const std::string& snake);

}  // namespace vigil::daemon

// The OpenRPC document of the protocol (docs/protocol.openrpc.json), compiled into the daemon.
#pragma once

namespace vigil::daemon {

const char* openrpc_document_text();

}  // namespace vigil::daemon

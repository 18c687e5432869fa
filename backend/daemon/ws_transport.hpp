// `vigild --listen HOST:PORT`: JSON-RPC over WebSocket (Boost.Beast), one message or batch per
// text frame, for a shared or remote machine that runs the heavy benchmarks. Every session is
// a Connection handed to the same Dispatcher as stdio. The upgrade request is checked by
// ws_guard (bearer token, Origin) before anything else is served.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dispatcher.hpp"

namespace vigil::daemon {

struct ListenOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 5000;                      // 0: any free port (tests)
    std::string token;                         // required as "Authorization: Bearer <token>"
    std::vector<std::string> allowed_origins;  // exact "scheme://host[:port]" values
    size_t max_message_bytes = 16u << 20;      // larger frames/messages close the session (1009)
    unsigned io_threads = 2;
};

// Binds, calls `on_listening(port actually bound)`, then serves until `stop` is requested by a
// signal (SIGINT/SIGTERM) . Returns the process exit code. Throws std::runtime_error when the
// address cannot be bound (message names HOST:PORT and the reason).
int serve_websocket(const ListenOptions& options, Dispatcher& dispatcher,
                    const std::function<void(uint16_t port)>& on_listening);

}  // namespace vigil::daemon

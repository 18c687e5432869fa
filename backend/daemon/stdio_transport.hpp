// `vigild --stdio`: the Language Server Protocol's base protocol on stdin/stdout, how the
// VS Code extension starts the daemon (like clangd). One connection; the loop ends at end of
// input or after the `exit` notification.
#pragma once

#include <cstddef>

#include "dispatcher.hpp"

namespace vigil::daemon {

// Reads stdin until EOF or `exit`; returns the exit code LSP prescribes (0 after shutdown+exit,
// 1 otherwise).
int serve_stdio(Dispatcher& dispatcher, size_t max_message_bytes);

}  // namespace vigil::daemon

// One client of the daemon: a stdio pipe or a WebSocket session. The transport owns the bytes;
// this is what the dispatcher and the features see of a client: a thread-safe way to send one
// message, the lifecycle state (LSP semantics, per client), the project folders this client
// opened (every path it sends is confined to them) and its requests in flight (for
// $/cancelRequest).
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "pending_request.hpp"

namespace vigil::daemon {

enum class Lifecycle { uninitialized, initialized, shutting_down, exited };

class Connection {
public:
    virtual ~Connection() = default;

    // Sends one JSON-RPC message (or batch) as text. Thread-safe; messages are never interleaved.
    // After close() or a broken transport it silently drops the message.
    virtual void send(std::string text) = 0;
    // Asks the transport to end this connection after pending messages are flushed.
    virtual void close() = 0;
    virtual bool is_open() const = 0;
    virtual std::string describe() const = 0;  // "stdio", "ws 127.0.0.1:41234" (for logs)

    std::atomic<Lifecycle> lifecycle{Lifecycle::uninitialized};
    // Set by 'exit': 0 after 'shutdown', 1 without (LSP); the stdio daemon exits with it.
    std::atomic<int> exit_code{-1};

    // Project folders opened by this client (canonical paths).
    void allow_folder(const std::filesystem::path& canonical);
    std::vector<std::filesystem::path> folders() const;

    // Requests in flight, keyed by the JSON text of their id (a reused id replaces the entry;
    // untrack only removes the request it was given).
    void track(const std::shared_ptr<PendingRequest>& request);
    void untrack(const std::shared_ptr<PendingRequest>& request);
    // The request in flight with this id (JSON text), if any.
    std::shared_ptr<PendingRequest> in_flight(const std::string& id) const;

private:
    mutable std::mutex mutex_;
    std::set<std::filesystem::path> folders_;
    std::map<std::string, std::shared_ptr<PendingRequest>> in_flight_;
};

using ConnectionPtr = std::shared_ptr<Connection>;

}  // namespace vigil::daemon

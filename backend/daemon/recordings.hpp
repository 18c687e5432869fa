// Recordings started by clients (record/start ... record/stop): each runs the engine's
// record() on a thread of its own (a recording lasts as long as the board sends), with its own
// cancel flag. record/stop sets the flag and waits for the summary; a recording that ended by
// itself (enough signals, the port closed) keeps its summary until record/stop collects it.
// A client that disconnects stops its recordings at their next event: what was kept is in
// the file, whole.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "connection.hpp"

namespace vigil::daemon {

struct Recording {
    std::filesystem::path folder;  // the project folder it writes into
    std::string out;               // the signal file
    std::weak_ptr<Connection> owner;
    std::atomic<bool> cancel{false};
    std::shared_future<nlohmann::json> summary;  // the RecordSummary as JSON, or the error
    std::thread thread;
};

class Recordings {
public:
    // At most this many at once (one per serial port is the useful number).
    static constexpr size_t kMaxRecordings = 16;

    ~Recordings() { stop_all(); }

    // Starts `work` (which must honour the flag) on its own thread; returns the recording id.
    // Throws std::runtime_error when the table is full or `out` is already being recorded.
    std::string start(std::shared_ptr<Recording> recording,
                      std::function<nlohmann::json(const std::atomic<bool>&)> work);
    std::shared_ptr<Recording> find(const std::string& id) const;
    // Removes the recording from the table and joins its thread (it must have ended or been
    // told to stop); the caller reads its summary.
    void forget(const std::string& id);
    void stop_all();

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Recording>> recordings_;
    uint64_t next_ = 1;
};

}  // namespace vigil::daemon

// Emulator sessions opened by clients (emulator/open ... emulator/close): an engine
// EmulatorSession each, with its own lock so calls on one session are ordered and calls on
// different sessions run in parallel. A session belongs to the project folder it was opened
// in; a client must have that folder open to use it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "vigil/engine/emulation/emulator_session.hpp"

namespace vigil::daemon {

struct EmulatorEntry {
    std::mutex mutex;
    std::filesystem::path folder;
    std::string origin;  // "benchmark 3" or "library 2"
    engine::emulation::EmulatorSession session;
    EmulatorEntry(std::filesystem::path folder, std::string origin, const vigil_recipe& recipe)
        : folder(std::move(folder)), origin(std::move(origin)), session(recipe) {}
};

class EmulatorSessions {
public:
    // At most this many at once: an abandoned client cannot grow the daemon without bound.
    static constexpr size_t kMaxSessions = 256;

    std::string open(std::shared_ptr<EmulatorEntry> entry);  // returns the new session id
    std::shared_ptr<EmulatorEntry> find(const std::string& id) const;
    bool close(const std::string& id);

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<EmulatorEntry>> sessions_;
    uint64_t next_ = 1;
};

}  // namespace vigil::daemon

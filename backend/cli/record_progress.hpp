// What `vigil record` and `vigil emulate --port` show on stderr while they read a port: each
// rejected line with its reason as it happens ("line 12 rejected: 767 values, expected 768 ..."),
// notices, and a progress line (redrawn in place at most 10 times a second on a terminal, a
// plain line every 2 s otherwise). Plus the Ctrl-C flag both commands stop on.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "vigil/engine/record/events.hpp"

namespace vigil::cli {

class RecordProgress {
public:
    // `target`: the signals wanted (0: until Ctrl-C); `noun`: "kept" or "detected"...
    RecordProgress(std::FILE* out, uint64_t target);
    void update(const vigil::engine::record::RecordEvent& event);
    // Clears the progress line so other output starts on a clean line.
    void clear();

    // "line 12 rejected: ..." / "lines 5-12 rejected: ..." with the reason code (exposed for tests).
    static std::string rejection_text(const vigil::engine::record::Rejection& rejection);
    static std::string progress_text(const vigil::engine::record::Counters& counters, uint64_t target);

private:
    std::FILE* out_;
    uint64_t target_;
    bool tty_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_{};
};

// SIGINT and SIGTERM set the flag while an instance lives (the first one only: a second Ctrl-C
// ends the process the default way). The engine polls it as its CancelFlag.
class InterruptFlag {
public:
    InterruptFlag();
    ~InterruptFlag();
    const std::atomic<bool>* flag() const;
    bool raised() const;
};

// "256 samples x 3 axes"
std::string shape_text(size_t length, size_t axes);

}  // namespace vigil::cli

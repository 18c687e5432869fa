// What a recording reports while it runs and when it ends. Both are plain structs with a JSON
// form (snake_case here; the daemon's record/* methods camelCase the keys as the protocol
// does), so the CLI prints them and the daemon can send them as $/progress reports as they are.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/engine/record/line_assembler.hpp"
#include "vigil/engine/record/rejection.hpp"

namespace vigil::engine::record {

// Running totals, in every event and in the summary.
struct Counters {
    uint64_t kept = 0;           // signals accepted (written to the file, or handed on)
    uint64_t rejected = 0;       // rejections (one per Rejection; a dropped partial signal counts with its cause)
    uint64_t lines = 0;          // complete lines received from the port, blank ones included
    uint64_t bytes = 0;          // bytes received
    double elapsed_s = 0;        // since the port was opened
    double signals_per_s = 0;    // kept / elapsed_s
    double bytes_per_s = 0;      // bytes / elapsed_s
};

enum class EventKind {
    started,   // the port is open (and the file accepted): message says what and where
    kept,      // a valid signal: first_line..last_line
    rejected,  // rejection is set
    notice,    // something the user should know, once (no data for a while, the link's capacity); message
    stopped,   // the last event; the summary follows as the function's result
};

std::string event_kind_name(EventKind kind);  // "started", "kept", ...

struct RecordEvent {
    EventKind kind = EventKind::started;
    Counters counters;
    LineMode mode = LineMode::automatic;  // `automatic` until a line decided
    uint64_t first_line = 0;              // kept: the port lines of the signal
    uint64_t last_line = 0;
    std::optional<Rejection> rejection;   // rejected
    std::string notice;                   // notice: a stable code ("idle", "link_capacity"); started: "started"
    std::string message;                  // started, notice: one sentence for humans
};

enum class StopReason {
    lines_reached,  // the requested number of signals was kept
    cancelled,      // the cancel flag (Ctrl-C, record/stop)
    port_closed,    // the other end went away before that
};

std::string stop_reason_name(StopReason reason);  // "lines_reached", "cancelled", "port_closed"

// The result of a recording (or of any stream_signals run).
struct RecordSummary {
    std::string port;
    uint32_t baud = 0;
    size_t axes = 0, length = 0;
    std::optional<double> rate_hz;
    LineMode mode = LineMode::automatic;    // as decided (still `automatic` if no line decided)
    StopReason stop = StopReason::cancelled;
    Counters counters;
    std::map<std::string, uint64_t> rejected_by_reason;
    std::vector<Rejection> first_rejections;  // the first kMaxListedRejections, in order
    uint64_t discarded_bytes = 0;    // a line cut by the stop (no newline yet): never written
    size_t discarded_samples = 0;    // sample mode: the samples of an unfinished signal
    double samples_per_s = 0;        // samples (kept signals x length) per second of recording

    // Recording into a file only:
    std::string out;
    bool created = false;            // the file did not exist before
    uint64_t existing_signals = 0;   // signal lines it held before
    uint64_t file_signals = 0;       // signal lines it holds now
    // `vigil check` on the whole file at the end (with rate_hz): "ok", "warnings" or "errors",
    // and its findings (kind and message), e.g. too_few_signals when stopped early.
    std::string check_status;
    std::vector<std::pair<std::string, std::string>> check_findings;
};

inline constexpr size_t kMaxListedRejections = 20;

nlohmann::json to_json(const Rejection& rejection);
nlohmann::json to_json(const Counters& counters);
nlohmann::json to_json(const RecordEvent& event);
nlohmann::json to_json(const RecordSummary& summary);

}  // namespace vigil::engine::record

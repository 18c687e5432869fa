#include "vigil/engine/record/events.hpp"

namespace vigil::engine::record {

std::string event_kind_name(EventKind kind) {
    switch (kind) {
        case EventKind::started: return "started";
        case EventKind::kept: return "kept";
        case EventKind::rejected: return "rejected";
        case EventKind::notice: return "notice";
        case EventKind::stopped: return "stopped";
    }
    return "notice";
}

std::string stop_reason_name(StopReason reason) {
    switch (reason) {
        case StopReason::lines_reached: return "lines_reached";
        case StopReason::cancelled: return "cancelled";
        case StopReason::port_closed: return "port_closed";
    }
    return "cancelled";
}

nlohmann::json to_json(const Rejection& r) {
    return {{"reason", r.reason},
            {"message", r.message},
            {"line", r.line},
            {"column", r.column ? nlohmann::json(r.column) : nlohmann::json(nullptr)},
            {"first_line", r.first_line},
            {"last_line", r.last_line}};
}

nlohmann::json to_json(const Counters& c) {
    return {{"kept", c.kept},           {"rejected", c.rejected},           {"lines", c.lines},
            {"bytes", c.bytes},         {"elapsed_s", c.elapsed_s},         {"signals_per_s", c.signals_per_s},
            {"bytes_per_s", c.bytes_per_s}};
}

nlohmann::json to_json(const RecordEvent& e) {
    nlohmann::json j = {{"kind", event_kind_name(e.kind)}, {"counters", to_json(e.counters)}, {"mode", mode_name(e.mode)}};
    if (e.kind == EventKind::kept) {
        j["first_line"] = e.first_line;
        j["last_line"] = e.last_line;
    }
    if (e.rejection) j["rejection"] = to_json(*e.rejection);
    if (!e.notice.empty()) j["notice"] = e.notice;
    if (!e.message.empty()) j["message"] = e.message;
    return j;
}

nlohmann::json to_json(const RecordSummary& s) {
    nlohmann::json rejections = nlohmann::json::array();
    for (const auto& r : s.first_rejections) rejections.push_back(to_json(r));
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& [kind, message] : s.check_findings) findings.push_back({{"kind", kind}, {"message", message}});
    nlohmann::json j = {
        {"schema", "vigil.record/1"},
        {"port", s.port},
        {"baud", s.baud},
        {"axes", s.axes},
        {"length", s.length},
        {"rate_hz", s.rate_hz ? nlohmann::json(*s.rate_hz) : nlohmann::json(nullptr)},
        {"mode", mode_name(s.mode)},
        {"stop", stop_reason_name(s.stop)},
        {"counters", to_json(s.counters)},
        {"rejected_by_reason", s.rejected_by_reason},
        {"rejections", std::move(rejections)},
        {"discarded_bytes", s.discarded_bytes},
        {"discarded_samples", s.discarded_samples},
        {"samples_per_s", s.samples_per_s},
    };
    if (!s.out.empty()) {
        j["out"] = s.out;
        j["created"] = s.created;
        j["existing_signals"] = s.existing_signals;
        j["file_signals"] = s.file_signals;
        j["check"] = {{"status", s.check_status}, {"findings", std::move(findings)}};
    }
    return j;
}

}  // namespace vigil::engine::record

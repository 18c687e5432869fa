// record/start and record/stop: `vigil record` as a pair of requests. record/start checks
// everything the engine checks before a byte is read (the port can be opened, the file is a
// signal file of the project's shape), then records on a thread of its own and answers with the
// recording's id; every rejected signal and notice goes out as a `$/progress` report (TaskProgress,
// task "record"; `data` holds the event with its counters), kept ones at most 10 times a second. record/stop ends it and answers with the summary; the file is valid at every
// moment (engine/src/record/appender.cpp).
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <string>

#include "engine_errors.hpp"
#include "paths.hpp"
#include "recordings.hpp"
#include "server.hpp"
#include "task_progress.hpp"
#include "vigil/engine/record/events.hpp"
#include "vigil/engine/record/line_assembler.hpp"
#include "vigil/engine/record/session.hpp"

namespace vigil::daemon {

namespace rec = vigil::engine::record;
using nlohmann::json;

namespace {

// How long record/start waits for the recording to get going: long enough for a refused port or
// file to come back as this request's error, short enough to answer a healthy start at once.
constexpr auto kStartGrace = std::chrono::milliseconds(300);

std::string count_text(uint64_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

void bind_record_methods(Server& server) {
    server.bind("record/start", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        const auto& settings = project.settings();
        rec::RecordOptions options;
        options.port = p.string("port");
        options.out = confined_path(*call.connection, "out", p.string("out"), project.root()).string();
        options.axes = size_t(p.optional_integer("axes", 1, 1024).value_or(settings.axes));
        options.length = size_t(p.integer("length", 1, 65536));
        options.baud = uint32_t(p.optional_integer("baud", 1, 10'000'000).value_or(115200));
        options.max_signals = uint64_t(p.optional_integer("lines", 1, INT64_MAX).value_or(0));
        options.rate_hz = p.optional_number("rate", 1e-6, 1e12);
        if (!options.rate_hz) options.rate_hz = settings.sampling_rate_hz;
        if (auto m = p.optional_string("mode")) {
            auto mode = rec::mode_from_name(*m);
            if (!mode) throw invalid_params("mode", "auto, signal or sample, got '" + *m + "'");
            options.mode = *mode;
        }
        std::optional<Watcher> watcher;
        if (auto token = p.optional_token("workDoneToken")) watcher = Watcher{call.connection, *token};
        p.done();

        // The file's folder inside the project is made, as the import command makes signals/<role>/.
        std::error_code ec;
        std::filesystem::create_directories(std::filesystem::path(options.out).parent_path(), ec);
        if (ec) throw RpcError(ErrorCode::refused, options.out + ": cannot create its folder: " + ec.message());

        auto recording = std::make_shared<Recording>();
        recording->folder = project.root();
        recording->out = options.out;
        recording->owner = call.connection;
        auto progress = std::make_shared<TaskProgress>(watcher, "record");
        progress->begin("Recording from " + options.port, "opening " + options.port);
        std::weak_ptr<Recording> weak = recording;
        const std::string id = server.recordings().start(recording, [options, progress, weak](const std::atomic<bool>& cancel) {
            auto owner_gone = [&weak] {
                auto r = weak.lock();
                if (!r) return true;
                auto c = r->owner.lock();
                return !c || !c->is_open();
            };
            try {
                const rec::RecordSummary summary = rec::record(
                    options,
                    [&](const rec::RecordEvent& e) {
                        // A client that went away stops its recording (the file stays whole).
                        if (owner_gone())
                            if (auto r = weak.lock()) r->cancel = true;
                        const auto& c = e.counters;
                        std::string message = count_text(c.kept, "signal") + " kept, " + count_text(c.rejected, "rejection");
                        if (e.kind == rec::EventKind::rejected && e.rejection) message += ": " + e.rejection->message;
                        if (e.kind == rec::EventKind::notice || e.kind == rec::EventKind::started) message = e.message;
                        std::optional<int> percentage;
                        if (options.max_signals) percentage = int(100 * c.kept / options.max_signals);
                        // Kept signals are counted at most 10 times a second; a rejection or a
                        // notice always goes out (the user has to see why a line was refused).
                        progress->report(message, percentage, rec::to_json(e), e.kind != rec::EventKind::kept);
                    },
                    &cancel);
                json s = rec::to_json(summary);
                progress->end(summary.stop == rec::StopReason::cancelled ? "stopped" : "finished",
                              count_text(summary.counters.kept, "signal") + " recorded into " + summary.out, s);
                return s;
            } catch (...) {
                const RpcError e = translate_current_exception();
                progress->end("failed", e.what());
                throw;
            }
        });
        // A refused port or file fails at once: answer this request with it.
        if (recording->summary.wait_for(kStartGrace) == std::future_status::ready) {
            try {
                recording->summary.get();
            } catch (...) {
                server.recordings().forget(id);
                throw;
            }
        }
        return {{"recording", id}, {"out", options.out}, {"port", options.port}};
    });
    server.bind("record/stop", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        const std::string id = p.string("recording");
        p.done();
        auto recording = server.recordings().find(id);
        if (!recording) throw invalid_params("recording", "no recording '" + id + "' (it may have been stopped already)");
        bool allowed = false;
        for (const auto& f : call.connection->folders()) allowed = allowed || f == recording->folder;
        if (!allowed) throw RpcError(ErrorCode::path_not_allowed, "recording " + id + " writes into a project this client did not open",
                                     {{"parameter", "recording"}, {"path", recording->folder.string()}});
        recording->cancel = true;
        server.recordings().forget(id);  // joins: the engine polls its flag every 100 ms
        json summary = recording->summary.get();  // rethrows the recording's error, if any
        summary["recording"] = id;
        return summary;
    });
}

}  // namespace vigil::daemon

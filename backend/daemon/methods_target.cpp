// target/test and target/flash: `vigil target test` and `vigil target flash` as requests. The
// engine does the work (engine/src/target/): a library on a board through OpenOCD, or on a QEMU
// machine from the catalog, every result compared with the emulator. Both take a
// workDoneToken for `$/progress` (TaskProgress: the step, and during the run the fraction of
// calls done) and stop at $/cancelRequest; a DeviceError (no probe, verify failed, a hung or
// faulted firmware...) is -32005 with its kind.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine_errors.hpp"
#include "paths.hpp"
#include "server.hpp"
#include "task_progress.hpp"
#include "vigil/engine/packaging/library_store.hpp"
#include "vigil/engine/target/report.hpp"
#include "vigil/engine/target/target_flash.hpp"
#include "vigil/engine/target/target_test.hpp"

namespace vigil::daemon {

namespace pkg = vigil::engine::packaging;
namespace tgt = vigil::engine::target;
using nlohmann::json;

namespace {

std::optional<Watcher> watcher_of(Params& p, const Call& call) {
    auto token = p.optional_token("workDoneToken");
    if (!token) return std::nullopt;
    return Watcher{call.connection, *token};
}

// A list of signal files (a string is a list of one), each confined to the project.
std::vector<std::string> files_param(Params& p, const Call& call, const std::string& name,
                                     const std::filesystem::path& root) {
    std::vector<std::string> out;
    const std::optional<json> value = p.optional_value(name);
    if (!value) return out;
    const json& given = *value;
    if (given.is_string()) {
        out.push_back(confined_path(*call.connection, name, given.get<std::string>(), root).string());
        return out;
    }
    if (!given.is_array() || given.empty())
        throw invalid_params(p.name_of(name), "a signal file or a non-empty array of them");
    for (size_t i = 0; i < given.size(); ++i) {
        const std::string item = p.name_of(name) + "[" + std::to_string(i) + "]";
        if (!given[i].is_string()) throw invalid_params(item, "a file path (string)");
        out.push_back(confined_path(*call.connection, item, given[i].get<std::string>(), root).string());
    }
    return out;
}

// The engine's progress as TaskProgress reports: the step's line, and the run's fraction.
tgt::ProgressCallback reporter(TaskProgress& progress) {
    return [&progress](const tgt::Progress& p) {
        std::optional<int> percentage;
        if (p.fraction) percentage = int(*p.fraction * 100.0 + 0.5);
        progress.report(p.message, percentage, json{{"stage", p.stage}});
    };
}

// The end of a task that failed: the progress says so before the error answers the request.
template <class Body>
auto reporting_failure(TaskProgress& progress, Body body) -> decltype(body()) {
    try {
        return body();
    } catch (...) {
        const RpcError e = translate_current_exception();
        progress.end(e.code == ErrorCode::request_cancelled ? "cancelled" : "failed", e.what());
        throw;
    }
}

}  // namespace

void bind_target_methods(Server& server) {
    server.bind("target/test", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        tgt::TestRequest request;
        request.board = p.string("board");
        const auto library = p.optional_integer("library", 1, INT64_MAX);
        const auto benchmark = p.optional_integer("benchmark", 1, INT64_MAX);
        if (library && benchmark) throw invalid_params("library", "give `library` or `benchmark`, not both");
        request.learn = files_param(p, call, "learn", project.root());
        request.detect = files_param(p, call, "detect", project.root());
        if (request.learn.empty()) throw invalid_params("learn", "is required: the signal file(s) to learn");
        if (auto t = p.optional_number("timeout", 1, 3600))
            request.timeout = std::chrono::milliseconds(int64_t(*t * 1000));
        TaskProgress progress(watcher_of(p, call), "target/test");
        p.done();
        const auto board = tgt::resolve_board(request.board, std::nullopt);
        progress.begin("Testing on " + board.name, "reading the library");
        return reporting_failure(progress, [&] {
            if (library) {
                const auto record = pkg::LibraryStore(project).find(*library);
                if (!record)
                    throw invalid_params("library", "no library " + std::to_string(*library) + " in " + project.root().string());
                request.library = project.root() / record->archive_path;
            } else {
                progress.report("compiling the best library of the benchmark for " + std::string(vigil::engine::project::to_string(board.core)));
                request.library = tgt::library_for_benchmark(project, benchmark, board, call.cancel.get()).zip;
            }
            const tgt::TestReport report = tgt::run_target_test(request, reporter(progress), call.cancel.get());
            const auto& a = report.agreement;
            progress.end(report.passed() ? "finished" : "failed",
                         std::to_string(a.matching) + " of " + std::to_string(a.total) + " calls agree with the emulator",
                         json{{"matching", a.matching}, {"total", a.total}});
            return tgt::to_json(report);
        });
    });
    server.bind("target/flash", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        tgt::FlashRequest request;
        request.board = p.string("board");
        request.image = confined_path(*call.connection, "image", p.string("image"), project.root());
        TaskProgress progress(watcher_of(p, call), "target/flash");
        p.done();
        progress.begin("Flashing " + request.image.filename().string(), "starting OpenOCD");
        return reporting_failure(progress, [&] {
            const tgt::FlashReport report = tgt::flash_image(request, reporter(progress), call.cancel.get());
            progress.end("finished", report.verified ? "flashed and verified" : "flashed");
            return tgt::to_json(report);
        });
    });
}

}  // namespace vigil::daemon

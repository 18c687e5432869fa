// dataset/check and dataset/plot: `vigil check` as a request. The check's report is the same
// document as `vigil check --json` (docs/check.md); the plot is its statistics part.
#include "engine_errors.hpp"
#include "paths.hpp"
#include "server.hpp"
#include "vigil/engine/dataset/check_report.hpp"
#include "vigil/engine/dataset/report_json.hpp"

namespace vigil::daemon {

namespace ds = vigil::engine::dataset;
using nlohmann::json;

namespace {

struct FileRequest {
    std::filesystem::path path;
    size_t axes = 1;
    ds::CheckOptions options;
};

FileRequest read_file_request(const Call& call) {
    Params p(call.params);
    std::optional<std::filesystem::path> base;
    if (auto folder = p.optional_string("folder")) base = opened_folder(*call.connection, "folder", *folder);
    FileRequest r;
    r.path = confined_path(*call.connection, "path", p.string("path"), base);
    r.axes = size_t(p.integer("axes", 1, 1024));
    r.options.rate_hz = p.optional_number("rate", 1e-6, 1e12);
    p.done();
    return r;
}

}  // namespace

void bind_dataset_methods(Server& server) {
    server.bind("dataset/check", Runs::on_worker, [](const Call& call) {
        const FileRequest r = read_file_request(call);
        const ds::CheckReport report = ds::check_file(r.path.string(), r.axes, r.options);
        throw_if_cancelled(call.cancel);
        return ds::report_to_json(report);
    });
    server.bind("dataset/plot", Runs::on_worker, [](const Call& call) {
        const FileRequest r = read_file_request(call);
        const ds::CheckReport report = ds::check_file(r.path.string(), r.axes, r.options);
        throw_if_cancelled(call.cancel);
        json full = ds::report_to_json(report);
        if (!report.errors.empty()) throw file_error(report.errors.front());
        return json{{"file", full["file"]},     {"signals", full["signals"]}, {"length", full["length"]},
                    {"perAxis", full["stats"]["axes"]}, {"rateHz", full["rate_hz"]}};
    });
}

}  // namespace vigil::daemon

#include "vigil/engine/dataset/check_report.hpp"

#include "vigil/engine/dataset/loader.hpp"

namespace vigil::engine::dataset {

CheckReport check_file(const std::string& path, size_t axes, const CheckOptions& options) {
    CheckReport report;
    report.file = path;
    report.axes = axes;
    report.rate_hz = options.rate_hz;
    LoadResult loaded = load_signal_file(path, axes);
    report.format = loaded.format;
    if (loaded.error) {
        report.errors.push_back(std::move(*loaded.error));
        return report;
    }
    report.dataset = std::move(loaded.dataset);
    report.stats = compute_stats(report.dataset, options.rate_hz);
    report.warnings = run_checks(report.dataset, *report.stats, path, options);
    report.kind_suggestion = suggest_kind(report.dataset, options.rate_hz);
    report.kind_suggestion->project_kind = options.project_kind;
    return report;
}

int exit_code(CheckStatus status) {
    switch (status) {
        case CheckStatus::ok: return 0;
        case CheckStatus::warnings: return 1;
        case CheckStatus::errors: return 2;
    }
    return 2;
}

}  // namespace vigil::engine::dataset

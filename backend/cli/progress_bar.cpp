#include "cli/progress_bar.hpp"

#include <cmath>

namespace vigil::cli {

namespace {

std::string clock_text(double seconds) {
    const long s = long(std::lround(std::max(0.0, seconds)));
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%02ld:%02ld", s / 60, s % 60);
    return buf;
}

}  // namespace

std::string ProgressBar::render(const vigil::engine::search::ProgressEvent& e, size_t width) {
    const double fraction = e.total ? double(e.evaluated) / double(e.total) : 0.0;
    const size_t filled = std::min(width, size_t(fraction * double(width)));
    std::string bar(width + 2, '.');
    bar.front() = '[';
    bar.back() = ']';
    for (size_t i = 0; i < filled; ++i) bar[i + 1] = '#';
    char buf[256];
    std::snprintf(buf, sizeof buf, " %zu/%zu stage %u/%u %.1f/s/job (x%u)", e.evaluated, e.total, e.stage + 1,
                  e.stages, e.per_job_per_s, e.jobs);
    std::string line = bar + buf;
    if (e.best) {
        std::snprintf(buf, sizeof buf, " | best: BA %.1f%% conf %.1f%% RAM %zu B", 100.0 * e.best->indicators.balanced_accuracy,
                      e.best->indicators.confidence, e.best->indicators.ram_bytes);
        line += buf;
    }
    line += " | " + clock_text(e.elapsed_s);
    if (e.eta_s) line += " eta " + clock_text(*e.eta_s);
    return line;
}

void ProgressBar::update(const vigil::engine::search::ProgressEvent& e) {
    using Kind = vigil::engine::search::ProgressEvent::Kind;
    const auto now = std::chrono::steady_clock::now();
    if (e.kind == Kind::end) {
        if (drawn_) std::fprintf(out_, "\r\033[K");
        std::fflush(out_);
        return;
    }
    if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    // \033[K clears what a longer previous line left behind.
    std::fprintf(out_, "\r%s\033[K", render(e, 24).c_str());
    std::fflush(out_);
}

}  // namespace vigil::cli

#include "cli/record_progress.hpp"

#include <unistd.h>

#include <csignal>

namespace vigil::cli {

namespace rec = vigil::engine::record;

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int) { g_interrupted.store(true); }

}  // namespace

std::string shape_text(size_t length, size_t axes) {
    return std::to_string(length) + " samples x " + std::to_string(axes) + (axes == 1 ? " axis" : " axes");
}

RecordProgress::RecordProgress(std::FILE* out, uint64_t target)
    : out_(out), target_(target), tty_(::isatty(::fileno(out)) == 1) {}

// Built with append rather than "literal" + std::string: GCC 12 reports a false -Wrestrict on
// that (GCC bug 105329).
std::string RecordProgress::rejection_text(const rec::Rejection& r) {
    std::string text;
    if (r.first_line != r.line && r.first_line != 0) {
        text.append("lines ").append(std::to_string(r.first_line)).append("-").append(std::to_string(r.line));
    } else {
        text.append("line ").append(std::to_string(r.line));
    }
    text.append(" rejected: ").append(r.message);
    if (r.column) text.append(" (column ").append(std::to_string(r.column)).append(")");
    return text.append(" [").append(r.reason).append("]");
}

std::string RecordProgress::progress_text(const rec::Counters& c, uint64_t target) {
    char wanted[32] = "";
    if (target) std::snprintf(wanted, sizeof wanted, "/%llu", (unsigned long long)target);
    char buf[256];
    std::snprintf(buf, sizeof buf, "kept %llu%s signals, %.1f signals/s, %llu rejected, %llu lines, %.1f KB/s, %.0f s",
                  (unsigned long long)c.kept, wanted, c.signals_per_s, (unsigned long long)c.rejected,
                  (unsigned long long)c.lines, c.bytes_per_s / 1e3, c.elapsed_s);
    return buf;
}

void RecordProgress::clear() {
    if (tty_ && drawn_) {
        std::fprintf(out_, "\r\033[K");
        drawn_ = false;
    }
}

void RecordProgress::update(const rec::RecordEvent& e) {
    using K = rec::EventKind;
    switch (e.kind) {
        case K::started:
            std::fprintf(out_, "%s\n", e.message.c_str());
            break;
        case K::rejected:
            clear();
            std::fprintf(out_, "%s\n", rejection_text(*e.rejection).c_str());
            break;
        case K::notice:
            clear();
            std::fprintf(out_, "note: %s\n", e.message.c_str());
            break;
        case K::stopped:
            clear();
            break;
        case K::kept: {
            const auto now = std::chrono::steady_clock::now();
            const auto every = tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(2000);
            if (last_ != std::chrono::steady_clock::time_point{} && now - last_ < every) break;
            last_ = now;
            if (tty_) {
                std::fprintf(out_, "\r%s\033[K", progress_text(e.counters, target_).c_str());
                drawn_ = true;
            } else {
                std::fprintf(out_, "%s\n", progress_text(e.counters, target_).c_str());
            }
            break;
        }
    }
    std::fflush(out_);
}

InterruptFlag::InterruptFlag() {
    g_interrupted = false;
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    action.sa_flags = SA_RESETHAND;  // a second Ctrl-C ends the process the default way
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

InterruptFlag::~InterruptFlag() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

const std::atomic<bool>* InterruptFlag::flag() const { return &g_interrupted; }

bool InterruptFlag::raised() const { return g_interrupted.load(); }

}  // namespace vigil::cli

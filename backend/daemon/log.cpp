#include "log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <stdexcept>

namespace vigil::daemon::log {

namespace {

std::mutex g_mutex;
std::FILE* g_out = stderr;
Level g_level = Level::info;

void write(Level level, char tag, const std::string& message) {
    if (int(level) > int(g_level)) return;
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%H:%M:%S", &tm);
    std::lock_guard lock(g_mutex);
    std::fprintf(g_out, "%c[%s.%03d] %s\n", tag, stamp, int(ms), message.c_str());
    std::fflush(g_out);
}

}  // namespace

void configure(const std::string& file, Level level) {
    std::lock_guard lock(g_mutex);
    g_level = level;
    if (file.empty()) return;
    std::FILE* f = std::fopen(file.c_str(), "a");
    if (!f) throw std::runtime_error("--log: cannot open '" + file + "' for appending");
    g_out = f;
}

bool parse_level(const std::string& text, Level& level) {
    if (text == "error") level = Level::error;
    else if (text == "info") level = Level::info;
    else if (text == "verbose") level = Level::verbose;
    else return false;
    return true;
}

void error(const std::string& message) { write(Level::error, 'E', message); }
void info(const std::string& message) { write(Level::info, 'I', message); }
void verbose(const std::string& message) { write(Level::verbose, 'V', message); }

}  // namespace vigil::daemon::log

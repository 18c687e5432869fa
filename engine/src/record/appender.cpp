#include "vigil/engine/record/appender.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "vigil/engine/dataset/loader.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::engine::record {

namespace {

[[noreturn]] void system_error(const std::string& path, const std::string& what) {
    throw std::runtime_error(path + ": " + what + ": " + std::strerror(errno));
}

// Offset just past the file's last '\n' (0 if it has none), read backwards in blocks.
uint64_t after_last_newline(int fd, uint64_t size, const std::string& path) {
    char block[65536];
    uint64_t end = size;
    while (end > 0) {
        const uint64_t start = end > sizeof block ? end - sizeof block : 0;
        const size_t n = size_t(end - start);
        if (::pread(fd, block, n, off_t(start)) != ssize_t(n)) system_error(path, "cannot read");
        for (size_t i = n; i-- > 0;)
            if (block[i] == '\n') return start + i + 1;
        end = start;
    }
    return 0;
}

}  // namespace

SignalAppender::SignalAppender(std::string path, size_t axes, size_t length)
    : path_(std::move(path)), values_per_signal_(axes * length) {
    if (axes == 0 || length == 0) throw std::invalid_argument("SignalAppender: axes and length must be at least 1");
    created_ = !std::filesystem::exists(path_);
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) system_error(path_, "cannot open for appending");
    try {
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            if (errno == EWOULDBLOCK)
                throw std::runtime_error(path_ + ": another recording is writing this file (it is locked)");
            system_error(path_, "cannot lock");
        }
        struct stat st {};
        if (::fstat(fd_, &st) != 0) system_error(path_, "cannot stat");
        if (!S_ISREG(st.st_mode)) throw std::runtime_error(path_ + ": not a regular file");
        size_ = uint64_t(st.st_size);
        if (size_ > 0) {
            const uint64_t cut = after_last_newline(fd_, size_, path_);
            if (cut != size_) {
                throw util::LocatedError(
                    path_, 0, 0,
                    "the file does not end with a newline: its last line (bytes " + std::to_string(cut) + " to " +
                        std::to_string(size_) +
                        ") may be the partial line of an interrupted writer; nothing was recorded. Remove that "
                        "line (truncate -s " + std::to_string(cut) + " '" + path_ +
                        "') or add the newline if it is whole, or record into another file");
            }
            dataset::LoadResult existing = dataset::load_signal_file(path_, axes, /*min_signals=*/1);
            if (existing.error && existing.error->kind != "empty_file") {
                const auto& e = *existing.error;
                throw util::LocatedError(e.file, e.line, e.column,
                                         "cannot append to this file: " + e.message + " (nothing was recorded)");
            }
            if (!existing.error) {
                if (existing.dataset.row_size() != values_per_signal_) {
                    throw util::LocatedError(
                        path_, existing.dataset.source_lines.front(), 0,
                        "the file holds signals of " + std::to_string(existing.dataset.row_size()) + " values (" +
                            std::to_string(existing.dataset.length) + " samples x " + std::to_string(axes) +
                            " axes), this recording makes " + std::to_string(values_per_signal_) + " (" +
                            std::to_string(length) + " x " + std::to_string(axes) +
                            "): record into another file or fix --length/--axes");
                }
                existing_ = existing.dataset.signals;
                separator_ = existing.format.separator;
            }
        }
        if (created_) {
            // The new directory entry must survive a crash as well as the lines in the file.
            const auto dir = std::filesystem::absolute(path_).parent_path();
            const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (dfd >= 0) {
                ::fsync(dfd);
                ::close(dfd);
            }
        }
    } catch (...) {
        ::close(fd_);
        if (created_) ::unlink(path_.c_str());  // refused before writing: leave nothing behind
        throw;
    }
}

SignalAppender::~SignalAppender() {
    if (fd_ >= 0) ::close(fd_);
}

std::string SignalAppender::format_line(std::span<const float> values, char separator) {
    std::string line;
    line.reserve(values.size() * 12 + 1);
    char buf[32];
    for (size_t i = 0; i < values.size(); ++i) {
        if (i) line.push_back(separator);
        // Shortest round trip: parsing this text gives back exactly this float32.
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, values[i]);
        if (ec != std::errc()) throw std::logic_error("SignalAppender: a value does not fit its text buffer");
        line.append(buf, end);
    }
    line.push_back('\n');
    return line;
}

void SignalAppender::append(std::span<const float> values, char board_separator) {
    if (values.size() != values_per_signal_)
        throw std::invalid_argument("SignalAppender: a signal of " + std::to_string(values.size()) + " values, the file takes " +
                                    std::to_string(values_per_signal_));
    if (separator_ == 0) separator_ = board_separator != 0 ? board_separator : ' ';
    const std::string line = format_line(values, separator_);
    const char* p = line.data();
    size_t left = line.size();
    while (left > 0) {
        const ssize_t n = ::write(fd_, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int saved = errno;
            // Cut the part of the line that made it, so the file still ends with a whole line.
            if (::ftruncate(fd_, off_t(size_)) != 0) {
                errno = saved;
                system_error(path_, "cannot write (and cannot cut the partial line back at byte " +
                                        std::to_string(size_) + ")");
            }
            errno = saved;
            system_error(path_, "cannot write");
        }
        p += n;
        left -= size_t(n);
    }
    if (::fdatasync(fd_) != 0) {
        const int saved = errno;
        if (::ftruncate(fd_, off_t(size_)) == 0) ::fdatasync(fd_);
        errno = saved;
        system_error(path_, "cannot flush to disk");
    }
    size_ += line.size();
    ++appended_;
}

}  // namespace vigil::engine::record

#include "vigil/engine/synth/writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "vigil/engine/synth/format.hpp"

namespace vigil::engine::synth {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void io_error(const fs::path& path, const std::string& what, int error) {
    throw std::runtime_error(path.string() + ": " + what + ": " + std::strerror(error));
}

// ".regular.csv.tmp-<pid>" next to the target: same file system, so rename() is atomic; hidden
// and unique per process, so two runs cannot write into each other's file.
fs::path temporary_name(const fs::path& target) {
    std::string name(1, '.');
    name.append(target.filename().string()).append(".tmp-").append(std::to_string(::getpid()));
    return target.parent_path() / name;
}

// A file descriptor that is closed, and its file removed, unless the write was committed.
class TemporaryFile {
public:
    explicit TemporaryFile(fs::path target) : target_(std::move(target)), path_(temporary_name(target_)) {
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd_ < 0) io_error(path_, "cannot create", errno);
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!renamed_) {
            std::error_code ignored;
            fs::remove(path_, ignored);
        }
    }

    void write(const char* data, size_t size) {
        while (size > 0) {
            const ssize_t n = ::write(fd_, data, size);
            if (n < 0) {
                if (errno == EINTR) continue;
                io_error(path_, "cannot write", errno);
            }
            data += n;
            size -= static_cast<size_t>(n);
        }
    }

    // Makes the content durable, then closes; the file keeps its temporary name.
    void finish() {
        if (::fsync(fd_) != 0) io_error(path_, "cannot sync", errno);
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) io_error(path_, "cannot close", errno);
    }

    void commit() {
        if (::rename(path_.c_str(), target_.c_str()) != 0) io_error(target_, "cannot rename into place", errno);
        renamed_ = true;
    }

private:
    fs::path target_;
    fs::path path_;
    int fd_ = -1;
    bool renamed_ = false;
};

// Generates and formats the file of `kind` into `file` in large chunks; returns bytes written.
uint64_t fill(const Generator& generator, SignalKind kind, TemporaryFile& file) {
    constexpr size_t kFlushAt = size_t{1} << 20;
    std::vector<float> signal(generator.values_per_signal());
    std::vector<char> text(kFlushAt + signal.size() * (kMaxValueChars + 1) + 1);
    size_t used = 0;
    uint64_t total = 0;
    for (uint32_t i = 0; i < generator.count(kind); ++i) {
        generator.generate(kind, i, signal);
        char* p = text.data() + used;
        for (size_t v = 0; v < signal.size(); ++v) {
            if (v > 0) *p++ = ' ';
            p = format_value(p, signal[v]);
        }
        *p++ = '\n';
        used = static_cast<size_t>(p - text.data());
        if (used >= kFlushAt) {
            file.write(text.data(), used);
            total += used;
            used = 0;
        }
    }
    file.write(text.data(), used);
    return total + used;
}

}  // namespace

uint64_t write_signal_file(const Generator& generator, SignalKind kind, const fs::path& path) {
    TemporaryFile file(path);
    const uint64_t bytes = fill(generator, kind, file);
    file.finish();
    file.commit();
    return bytes;
}

DatasetFiles write_dataset(const Generator& generator, const fs::path& directory) {
    std::error_code ec;
    fs::create_directories(directory, ec);
    if (ec) throw std::runtime_error(directory.string() + ": cannot create the folder: " + ec.message());
    if (!fs::is_directory(directory)) throw std::runtime_error(directory.string() + ": is not a folder");

    DatasetFiles files{directory / "regular.csv", directory / "abnormal.csv", 0, 0};
    TemporaryFile regular(files.regular);
    files.regular_bytes = fill(generator, SignalKind::regular, regular);
    regular.finish();
    TemporaryFile abnormal(files.abnormal);
    files.abnormal_bytes = fill(generator, SignalKind::abnormal, abnormal);
    abnormal.finish();
    // Both complete: only now replace the targets.
    regular.commit();
    abnormal.commit();
    return files;
}

}  // namespace vigil::engine::synth

#include "vigil/engine/dataset/loader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace vigil::engine::dataset {

namespace {

Issue unreadable(const std::string& path, const std::string& why) {
    Issue e;
    e.severity = Severity::error;
    e.kind = "unreadable_file";
    e.message = "cannot read the file: " + why;
    e.hint = "check the path and the file's permissions";
    e.file = path;
    return e;
}

// Closes the descriptor on every path out of load_signal_file.
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

LoadResult load_signal_file(const std::string& path, size_t axes, size_t min_signals) {
    LoadResult result;
    Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) {
        result.error = unreadable(path, std::strerror(errno));
        return result;
    }
    struct stat st {};
    if (::fstat(file.fd, &st) != 0) {
        result.error = unreadable(path, std::strerror(errno));
        return result;
    }
    if (S_ISDIR(st.st_mode)) {
        result.error = unreadable(path, "it is a directory");
        return result;
    }
    const uint64_t size_hint = S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;

    SignalParser parser(path, axes, size_hint, min_signals);
    std::unique_ptr<char[]> block(new char[kReadBlockBytes]);
    for (;;) {
        const ssize_t got = ::read(file.fd, block.get(), kReadBlockBytes);
        if (got < 0) {
            if (errno == EINTR) continue;
            result.error = unreadable(path, std::strerror(errno));
            return result;
        }
        if (got == 0) break;
        if (!parser.feed({block.get(), static_cast<size_t>(got)})) break;
    }
    parser.finish();
    result.format = parser.format();
    result.error = parser.error();
    if (!result.error) result.dataset = parser.take_dataset();
    return result;
}

}  // namespace vigil::engine::dataset

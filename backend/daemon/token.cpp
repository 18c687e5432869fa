#include "token.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace vigil::daemon {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& file, const std::string& why) {
    throw std::runtime_error("token file '" + file.string() + "': " + why);
}

std::string errno_text() { return std::strerror(errno); }

std::string octal_mode(mode_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", unsigned(mode & 07777));
    return text;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string read_token_file(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) fail(file, errno == ENOENT ? "does not exist" : errno_text());
    if (!S_ISREG(st.st_mode)) fail(file, "is not a regular file");
    // Checked before reading, like ssh does for private keys: the user learns now that the
    // secret leaked to the machine's other accounts, not after an intrusion.
    if ((st.st_mode & 077) != 0)
        fail(file, "is accessible by other users (mode " + octal_mode(st.st_mode) + "); run: chmod 600 '" +
                       file.string() + "'");
    std::ifstream in(file, std::ios::binary);
    if (!in) fail(file, "cannot be read: " + errno_text());
    std::stringstream content;
    content << in.rdbuf();
    std::string token = content.str();
    size_t begin = 0, end = token.size();
    while (begin < end && is_space(token[begin])) ++begin;
    while (end > begin && is_space(token[end - 1])) --end;
    token = token.substr(begin, end - begin);
    if (token.empty()) fail(file, "is empty");
    // The token travels in an HTTP header: one word of visible ASCII, or clients cannot send it.
    for (unsigned char c : token)
        if (c <= 0x20 || c >= 0x7f) fail(file, "must hold one word of visible ASCII characters (the token)");
    return token;
}

std::string random_hex(size_t bytes) {
    const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open /dev/urandom: " + errno_text());
    std::vector<unsigned char> raw(bytes);
    size_t got = 0;
    while (got < bytes) {
        const ssize_t n = ::read(fd, raw.data() + got, bytes - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const std::string why = n < 0 ? errno_text() : "end of file";
            ::close(fd);
            throw std::runtime_error("cannot read /dev/urandom: " + why);
        }
        got += size_t(n);
    }
    ::close(fd);
    static const char digits[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char b : raw) {
        hex += digits[b >> 4];
        hex += digits[b & 15];
    }
    return hex;
}

// Makes the missing folders of `dir` with mode 0700 (XDG: "user-specific directories ...
// should be created with permissions 0700"); existing folders are left as they are.
void make_private_folders(const fs::path& dir) {
    std::vector<fs::path> missing;
    for (fs::path p = dir; !p.empty() && !fs::exists(p); p = p.parent_path()) {
        missing.push_back(p);
        if (p == p.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it)
        if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST)
            throw std::runtime_error("cannot create the folder '" + it->string() + "': " + errno_text());
}

std::string create_token_file(const fs::path& file) {
    make_private_folders(file.parent_path());
    const std::string token = random_hex(32);
    // Written whole under a unique name, then put in place: no reader ever sees a partial
    // token, and O_EXCL with mode 0600 means the secret is never readable by others, not
    // even for a moment.
    // (Built with append: GCC 12 reports a false -Wrestrict on "." + std::string at -O3.)
    std::string temp_name = ".";
    temp_name.append(file.filename().string()).append(".").append(random_hex(8)).append(".tmp");
    const fs::path temp = file.parent_path() / temp_name;
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) fail(temp, "cannot be created: " + errno_text());
    const std::string line = token + "\n";
    size_t written = 0;
    while (written < line.size()) {
        const ssize_t n = ::write(fd, line.data() + written, line.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const std::string why = errno_text();
            ::close(fd);
            ::unlink(temp.c_str());
            fail(temp, "cannot be written: " + why);
        }
        written += size_t(n);
    }
    ::fsync(fd);
    ::close(fd);
    // link() rather than rename(): it never replaces an existing file, so when two daemons
    // start at once the second one adopts the first one's token instead of overwriting the
    // token the first one already serves with. rename() is the fallback for file systems
    // without hard links.
    if (::link(temp.c_str(), file.c_str()) == 0) {
        ::unlink(temp.c_str());
        return token;
    }
    const int link_errno = errno;
    if (link_errno == EEXIST) {
        ::unlink(temp.c_str());
        return read_token_file(file);
    }
    if (::rename(temp.c_str(), file.c_str()) != 0) {
        const std::string why = errno_text();
        ::unlink(temp.c_str());
        fail(file, "cannot be created: " + why);
    }
    return token;
}

}  // namespace

fs::path default_token_path() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg && fs::path(xdg).is_absolute()) return fs::path(xdg) / "vigil" / "token";
    const char* home = std::getenv("HOME");
    if (home && *home) return fs::path(home) / ".config" / "vigil" / "token";
    throw std::runtime_error("no folder for the token: neither XDG_CONFIG_HOME nor HOME is set (use --token-file)");
}

std::string load_or_create_token(const std::optional<fs::path>& token_file) {
    if (token_file) return read_token_file(*token_file);
    const fs::path file = default_token_path();
    // The default file gets the same checks as a given one: if its mode was loosened since
    // we created it, the user must know.
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0 || errno != ENOENT) return read_token_file(file);
    return create_token_file(file);
}

}  // namespace vigil::daemon

#include "vigil/engine/record/serial_port.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "vigil/engine/util/located_error.hpp"

namespace vigil::engine::record {

namespace {

const std::vector<std::pair<uint32_t, speed_t>>& baud_table() {
    static const std::vector<std::pair<uint32_t, speed_t>> table = {
        {50, B50}, {75, B75}, {110, B110}, {134, B134}, {150, B150}, {200, B200}, {300, B300},
        {600, B600}, {1200, B1200}, {1800, B1800}, {2400, B2400}, {4800, B4800}, {9600, B9600},
        {19200, B19200}, {38400, B38400}, {57600, B57600}, {115200, B115200}, {230400, B230400},
        {460800, B460800}, {500000, B500000}, {576000, B576000}, {921600, B921600},
        {1000000, B1000000}, {1152000, B1152000}, {1500000, B1500000}, {2000000, B2000000},
        {2500000, B2500000}, {3000000, B3000000}, {3500000, B3500000}, {4000000, B4000000},
    };
    return table;
}

std::string errno_text() { return std::strerror(errno); }

}  // namespace

const std::vector<uint32_t>& supported_bauds() {
    static const std::vector<uint32_t> list = [] {
        std::vector<uint32_t> v;
        for (const auto& [baud, speed] : baud_table()) v.push_back(baud);
        return v;
    }();
    return list;
}

bool baud_supported(uint32_t baud) {
    for (uint32_t b : supported_bauds())
        if (b == baud) return true;
    return false;
}

SerialPort::SerialPort(std::string device, uint32_t baud) : device_(std::move(device)), baud_(baud) {
    speed_t speed = 0;
    for (const auto& [b, s] : baud_table())
        if (b == baud) speed = s;
    if (speed == 0) {
        std::string list;
        for (uint32_t b : supported_bauds()) list += (list.empty() ? "" : ", ") + std::to_string(b);
        throw util::ParameterError("baud", "baud " + std::to_string(baud) + " is not a standard serial rate (" + list + ")");
    }
    // O_NOCTTY: the port must never become our controlling terminal (a hang-up would kill us).
    fd_ = ::open(device_.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd_ < 0) {
        const int e = errno;
        std::string hint;
        if (e == EACCES) hint = " (on Debian, serial ports belong to the 'dialout' group: sudo adduser $USER dialout, then log in again)";
        if (e == ENOENT) hint = " (is the board plugged in? ls /dev/ttyACM* /dev/ttyUSB*; for QEMU use the /dev/pts/N it printed)";
        errno = e;
        throw PortError(device_, "cannot open the serial port: " + errno_text() + hint);
    }
    struct termios tio {};
    if (::tcgetattr(fd_, &tio) != 0) {
        const std::string why = errno_text();
        ::close(fd_);
        throw PortError(device_, "not a serial port or pseudo-terminal (" + why + ")");
    }
    // Nobody else may open it while we record (their reads would steal our bytes).
    if (::ioctl(fd_, TIOCEXCL) != 0) {
        const std::string why = errno_text();
        ::close(fd_);
        throw PortError(device_, "cannot get exclusive use of the port: " + why);
    }
    ::cfmakeraw(&tio);
    tio.c_cflag |= CLOCAL | CREAD;   // ignore modem lines, enable the receiver
    tio.c_cflag &= ~(CSTOPB | CRTSCTS);
    tio.c_cc[VMIN] = 0;              // reads never block: poll() does the waiting
    tio.c_cc[VTIME] = 0;
    if (::cfsetispeed(&tio, speed) != 0 || ::cfsetospeed(&tio, speed) != 0 || ::tcsetattr(fd_, TCSANOW, &tio) != 0) {
        const std::string why = errno_text();
        ::close(fd_);
        throw PortError(device_, "cannot set raw mode at " + std::to_string(baud) + " baud: " + why);
    }
}

SerialPort::~SerialPort() {
    if (fd_ < 0) return;
    // The exclusive flag belongs to the tty, not to this descriptor: it would outlive us while
    // anyone else (QEMU, a test) keeps the port open, and refuse the next recording.
    ::ioctl(fd_, TIOCNXCL);
    ::close(fd_);
}

SerialPort::Read SerialPort::read(char* buffer, size_t size, int timeout_ms) {
    Read r;
    struct pollfd p {fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, timeout_ms);
    if (ready < 0) {
        if (errno == EINTR) return r;  // a signal (Ctrl-C): the caller checks why
        throw PortError(device_, "cannot wait for data: " + errno_text());
    }
    if (ready == 0) return r;
    if (p.revents & POLLIN) {
        const ssize_t n = ::read(fd_, buffer, size);
        if (n > 0) {
            r.bytes = size_t(n);
            return r;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) return r;
        // 0 or EIO: a pty whose master closed, a USB adapter unplugged.
        r.closed = true;
        return r;
    }
    if (p.revents & (POLLHUP | POLLERR | POLLNVAL)) r.closed = true;
    return r;
}

}  // namespace vigil::engine::record

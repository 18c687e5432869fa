// A serial port (or a pseudo-terminal: QEMU's -serial pty, a test's pty pair) opened for
// reading raw bytes: termios raw mode (no echo, no line editing, no CR/LF translation, 8N1),
// the given baud, exclusive (TIOCEXCL), non-blocking reads with a timeout. A pty ignores the
// baud, a USB CDC port (an ST-LINK's virtual COM port) mostly does too; a real UART needs it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace vigil::engine::record {

// The port cannot be opened, configured or read: names the port (and the baud where it matters).
struct PortError : std::runtime_error {
    PortError(std::string port, const std::string& message)
        : std::runtime_error(port + ": " + message), port(std::move(port)) {}
    std::string port;
};

// The standard rates termios knows (50 ... 4000000); others are refused with the list.
const std::vector<uint32_t>& supported_bauds();
bool baud_supported(uint32_t baud);

class SerialPort {
public:
    // Throws util::ParameterError("baud") for an unsupported baud, PortError otherwise.
    SerialPort(std::string device, uint32_t baud);
    ~SerialPort();
    SerialPort(const SerialPort&) = delete;
    SerialPort& operator=(const SerialPort&) = delete;

    struct Read {
        size_t bytes = 0;     // 0: nothing arrived in time (or a signal interrupted the wait)
        bool closed = false;  // the other end went away (pty master closed, USB unplugged)
    };
    // Waits at most timeout_ms for bytes, then reads what is there (up to `size`).
    Read read(char* buffer, size_t size, int timeout_ms);

    const std::string& device() const { return device_; }
    uint32_t baud() const { return baud_; }

private:
    std::string device_;
    uint32_t baud_;
    int fd_ = -1;
};

}  // namespace vigil::engine::record

// OpenOCD's Tcl RPC: a TCP connection on which each command is sent followed by the byte
// 0x1a, and each reply comes back ended by 0x1a. The reply is the command's Tcl result (for
// an error, the error message: evaluate() tells the two apart with `catch`).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace vigil::engine::target {

// The connection failed, closed, or a reply did not come in time.
struct TclRpcError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class TclRpcClient {
public:
    // Called about every 50 ms while waiting (to watch a process, poll a cancel flag); it may
    // throw to abandon the wait.
    using Tick = std::function<void()>;

    // Connects to 127.0.0.1:port, retrying until `timeout`. Throws TclRpcError.
    static TclRpcClient connect(uint16_t port, std::chrono::milliseconds timeout, const Tick& tick = {});

    TclRpcClient(TclRpcClient&& other) noexcept;
    TclRpcClient& operator=(TclRpcClient&& other) noexcept;
    TclRpcClient(const TclRpcClient&) = delete;
    TclRpcClient& operator=(const TclRpcClient&) = delete;
    ~TclRpcClient();

    // Sends one command and returns its reply (without the 0x1a). Throws TclRpcError when the
    // connection closes or no complete reply arrives within `timeout`, std::invalid_argument
    // for a command holding the byte 0x1a.
    std::string command(std::string_view command, std::chrono::milliseconds timeout, const Tick& tick = {});

    struct Result {
        bool ok = false;   // the script ran without a Tcl error
        std::string text;  // its result, or the error message
    };
    // Runs `script` inside `catch`, so a Tcl error comes back as ok = false with its message.
    Result evaluate(std::string_view script, std::chrono::milliseconds timeout, const Tick& tick = {});

    void close();

private:
    explicit TclRpcClient(int fd) : fd_(fd) {}
    int fd_ = -1;
    std::string pending_;  // bytes received after the last reply's 0x1a
};

}  // namespace vigil::engine::target

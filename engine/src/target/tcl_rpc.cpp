#include "vigil/engine/target/tcl_rpc.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace vigil::engine::target {

namespace {

constexpr char kTerminator = '\x1a';
constexpr auto kTick = std::chrono::milliseconds(50);

using Clock = std::chrono::steady_clock;

int try_connect(uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw TclRpcError(std::string("socket: ") + std::strerror(errno));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return fd;
    ::close(fd);
    return -1;
}

}  // namespace

TclRpcClient TclRpcClient::connect(uint16_t port, std::chrono::milliseconds timeout, const Tick& tick) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        const int fd = try_connect(port);
        if (fd >= 0) return TclRpcClient(fd);
        if (Clock::now() >= deadline)
            throw TclRpcError("cannot connect to OpenOCD's Tcl port 127.0.0.1:" + std::to_string(port) + " within " +
                              std::to_string(timeout.count()) + " ms");
        if (tick) tick();
        std::this_thread::sleep_for(kTick);
    }
}

TclRpcClient::TclRpcClient(TclRpcClient&& other) noexcept : fd_(other.fd_), pending_(std::move(other.pending_)) {
    other.fd_ = -1;
}

TclRpcClient& TclRpcClient::operator=(TclRpcClient&& other) noexcept {
    if (this != &other) {
        close();
        fd_ = other.fd_;
        pending_ = std::move(other.pending_);
        other.fd_ = -1;
    }
    return *this;
}

TclRpcClient::~TclRpcClient() { close(); }

void TclRpcClient::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

std::string TclRpcClient::command(std::string_view cmd, std::chrono::milliseconds timeout, const Tick& tick) {
    if (cmd.find(kTerminator) != std::string_view::npos)
        throw std::invalid_argument("a Tcl RPC command cannot hold the byte 0x1a");
    if (fd_ < 0) throw TclRpcError("the Tcl RPC connection is closed");
    std::string message(cmd);
    message.push_back(kTerminator);
    for (size_t sent = 0; sent < message.size();) {
        const ssize_t n = ::send(fd_, message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            close();
            throw TclRpcError(std::string("OpenOCD closed the Tcl RPC connection (") + std::strerror(errno) + ")");
        }
        sent += static_cast<size_t>(n);
    }
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        if (const size_t end = pending_.find(kTerminator); end != std::string::npos) {
            std::string reply = pending_.substr(0, end);
            pending_.erase(0, end + 1);
            return reply;
        }
        const auto now = Clock::now();
        if (now >= deadline)
            throw TclRpcError("no reply from OpenOCD to `" + std::string(cmd) + "` within " +
                              std::to_string(timeout.count() / 1000.0).substr(0, 5) + " s");
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
        pollfd p{fd_, POLLIN, 0};
        const int r = ::poll(&p, 1, static_cast<int>(std::min(left, kTick).count()));
        if (r < 0 && errno != EINTR) throw TclRpcError(std::string("poll: ") + std::strerror(errno));
        if (r > 0) {
            char buf[4096];
            const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                close();
                throw TclRpcError("OpenOCD closed the Tcl RPC connection while `" + std::string(cmd) + "` ran");
            }
            pending_.append(buf, static_cast<size_t>(n));
            continue;
        }
        if (tick) tick();
    }
}

TclRpcClient::Result TclRpcClient::evaluate(std::string_view script, std::chrono::milliseconds timeout,
                                            const Tick& tick) {
    // Two round trips: the status of `catch`, then the variable holding result or message.
    const std::string status = command("catch {" + std::string(script) + "} vigil_rpc_result", timeout, tick);
    Result r;
    r.ok = status == "0";
    if (status != "0" && status != "1" && status != "2")
        throw TclRpcError("unexpected reply from OpenOCD to a catch: '" + status + "'");
    r.text = command("set vigil_rpc_result", timeout, tick);
    return r;
}

}  // namespace vigil::engine::target

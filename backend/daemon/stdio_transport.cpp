#include "stdio_transport.hpp"

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <mutex>
#include <vector>

#include "frame_reader.hpp"
#include "log.hpp"

namespace vigil::daemon {

namespace {

// stdout is the protocol stream: every write is one whole framed message, under one mutex.
class StdioConnection : public Connection {
public:
    void send(std::string text) override {
        const std::string header = "Content-Length: " + std::to_string(text.size()) + "\r\n\r\n";
        std::lock_guard lock(mutex_);
        if (!writable_) return;
        writable_ = write_all(header) && write_all(text);
        if (!writable_) log::error("stdout closed: further messages are dropped");
    }
    void close() override { open_ = false; }
    bool is_open() const override { return open_.load(); }
    std::string describe() const override { return "stdio"; }

private:
    static bool write_all(const std::string& bytes) {
        size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(STDOUT_FILENO, bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            done += size_t(n);
        }
        return true;
    }
    std::mutex mutex_;
    bool writable_ = true;
    std::atomic<bool> open_{true};
};

}  // namespace

int serve_stdio(Dispatcher& dispatcher, size_t max_message_bytes) {
    // A client that goes away must not kill us with SIGPIPE in the middle of a store write.
    std::signal(SIGPIPE, SIG_IGN);
    auto connection = std::make_shared<StdioConnection>();
    const ConnectionPtr as_connection = connection;
    FrameReader reader(max_message_bytes);
    std::vector<char> buffer(64 * 1024);
    std::vector<Frame> frames;
    while (connection->is_open()) {
        const ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            log::info(n == 0 ? "end of input: the client went away" : "stdin read failed");
            break;
        }
        frames.clear();
        reader.feed(buffer.data(), size_t(n), frames);
        for (auto& frame : frames) {
            if (frame.error) Dispatcher::send_error(as_connection, *frame.error);
            else dispatcher.handle(frame.body, as_connection);
            if (!connection->is_open()) break;
        }
    }
    const int code = connection->exit_code.load();
    return code < 0 ? 1 : code;
}

}  // namespace vigil::daemon

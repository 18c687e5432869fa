#include "vigil/engine/target/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "vigil/engine/packaging/toolchain.hpp"

extern char** environ;

namespace vigil::engine::target {

using packaging::ToolchainError;

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& cwd) {
    if (argv.empty()) throw std::invalid_argument("ChildProcess: empty command");
    program_ = argv[0];
    int out_pipe[2], err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) throw ToolchainError(std::string("pipe: ") + std::strerror(errno));
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        throw ToolchainError(std::string("pipe: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int rc = posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (rc != 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        throw ToolchainError("cannot run " + argv[0] + ": " + std::strerror(rc));
    }
    out_fd_ = out_pipe[0];
    err_fd_ = err_pipe[0];
    ::fcntl(out_fd_, F_SETFL, ::fcntl(out_fd_, F_GETFL) | O_NONBLOCK);
    ::fcntl(err_fd_, F_SETFL, ::fcntl(err_fd_, F_GETFL) | O_NONBLOCK);
}

ChildProcess::~ChildProcess() {
    if (running() && pid_ > 0) {
        ::kill(pid_, SIGKILL);
        reap(true);
    }
    if (out_fd_ >= 0) ::close(out_fd_);
    if (err_fd_ >= 0) ::close(err_fd_);
}

void ChildProcess::drain() {
    char buf[65536];
    const std::pair<int*, std::string*> streams[] = {{&out_fd_, &out_}, {&err_fd_, &err_}};
    for (auto [fd, sink] : streams) {
        while (*fd >= 0) {
            const ssize_t n = ::read(*fd, buf, sizeof buf);
            if (n > 0) {
                sink->append(buf, static_cast<size_t>(n));
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
            ::close(*fd);  // end of file (or a broken pipe): the child closed its side
            *fd = -1;
        }
    }
}

void ChildProcess::reap(bool block) {
    if (exit_code_ || pid_ <= 0) return;
    int status = 0;
    pid_t r;
    while ((r = ::waitpid(pid_, &status, block ? 0 : WNOHANG)) < 0 && errno == EINTR) {
    }
    if (r == pid_) exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool ChildProcess::pump(std::chrono::milliseconds wait) {
    pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
    const int open_fds = int(out_fd_ >= 0) + int(err_fd_ >= 0);
    if (open_fds > 0) {
        if (::poll(fds, 2, static_cast<int>(wait.count())) < 0 && errno != EINTR)
            throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
        drain();
    } else if (running()) {
        std::this_thread::sleep_for(std::min(wait, std::chrono::milliseconds(20)));
    }
    reap(false);
    if (!running()) {
        // The child is gone: whatever it wrote last is in the pipes until they close.
        for (int i = 0; i < 50 && (out_fd_ >= 0 || err_fd_ >= 0); ++i) {
            drain();
            if (out_fd_ >= 0 || err_fd_ >= 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }
    return running();
}

void ChildProcess::terminate(std::chrono::milliseconds grace) {
    if (!running()) return;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (running() && std::chrono::steady_clock::now() < deadline) pump(std::chrono::milliseconds(20));
    if (running()) {
        ::kill(pid_, SIGKILL);
        reap(true);
    }
    drain();
}

}  // namespace vigil::engine::target

#include "vigil/engine/packaging/toolchain.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

extern char** environ;

namespace vigil::engine::packaging {

namespace {

// One started child with its two output pipes.
struct Child {
    pid_t pid = -1;
    int out_fd = -1;
    int err_fd = -1;
};

Child start(const std::vector<std::string>& argv, const std::filesystem::path& cwd) {
    if (argv.empty()) throw std::invalid_argument("run_command: empty command");
    int out_pipe[2], err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) throw ToolchainError(std::string("pipe: ") + std::strerror(errno));
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        throw ToolchainError(std::string("pipe: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (rc != 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        throw ToolchainError("cannot run " + argv[0] + ": " + std::strerror(rc));
    }
    return {pid, out_pipe[0], err_pipe[0]};
}

// Drains both pipes (a child blocked on a full stderr pipe would never exit), then reaps it.
CommandResult finish(Child& c) {
    CommandResult r;
    pollfd fds[2] = {{c.out_fd, POLLIN, 0}, {c.err_fd, POLLIN, 0}};
    std::string* sinks[2] = {&r.out, &r.err};
    int open_fds = 2;
    char buf[65536];
    while (open_fds > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                sinks[i]->append(buf, static_cast<size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
            }
        }
    }
    int status = 0;
    while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
    }
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv, const std::filesystem::path& cwd) {
    Child c = start(argv, cwd);
    return finish(c);
}

std::vector<CommandResult> run_commands(const std::vector<std::vector<std::string>>& commands,
                                        const std::filesystem::path& cwd, unsigned parallel, util::CancelFlag cancel) {
    // Why not one thread per command: compiles are CPU-bound and the machine is shared; a
    // small fixed window of children is all the parallelism that helps. Each child's pipes
    // are drained completely before the next is reaped, which is fine for compiler output
    // (small) and keeps this free of threads.
    std::vector<CommandResult> results(commands.size());
    if (parallel == 0) parallel = 1;
    for (size_t begin = 0; begin < commands.size(); begin += parallel) {
        util::throw_if_cancelled(cancel);
        const size_t end = std::min(commands.size(), begin + parallel);
        std::vector<Child> running;
        try {
            for (size_t i = begin; i < end; ++i) running.push_back(start(commands[i], cwd));
        } catch (...) {
            for (auto& c : running) finish(c);
            throw;
        }
        for (size_t i = begin; i < end; ++i) results[i] = finish(running[i - begin]);
    }
    return results;
}

std::filesystem::path find_in_path(const std::string& name) {
    const char* path = std::getenv("PATH");
    if (!path) return {};
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) continue;
        std::filesystem::path candidate = std::filesystem::path(dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return {};
}

Toolchain find_toolchain() {
    const char* packages = "install the Debian packages gcc-arm-none-eabi, binutils-arm-none-eabi and "
                           "libnewlib-arm-none-eabi (scripts/setup does)";
    Toolchain t;
    const std::pair<std::filesystem::path*, const char*> tools[] = {
        {&t.gcc, "arm-none-eabi-gcc"}, {&t.ar, "arm-none-eabi-ar"}, {&t.size, "arm-none-eabi-size"},
        {&t.readelf, "arm-none-eabi-readelf"}, {&t.objdump, "arm-none-eabi-objdump"},
        {&t.objcopy, "arm-none-eabi-objcopy"}};
    for (auto [slot, name] : tools) {
        *slot = find_in_path(name);
        if (slot->empty()) throw ToolchainError(std::string(name) + " not found in PATH: " + packages);
    }
    auto version = run_command({t.gcc.string(), "-dumpfullversion"}, std::filesystem::current_path());
    auto line = run_command({t.gcc.string(), "--version"}, std::filesystem::current_path());
    if (version.exit_code != 0 || line.exit_code != 0)
        throw ToolchainError(t.gcc.string() + " does not run (" + first_line(version.err) + "): " + packages);
    t.version = first_line(version.out);
    t.version_line = first_line(line.out);
    return t;
}

}  // namespace vigil::engine::packaging

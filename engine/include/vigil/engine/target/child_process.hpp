// One long-running child process (OpenOCD, QEMU) whose output is collected while it runs, so
// the caller can watch for a line, enforce a deadline and honour a cancel flag. The blocking
// packaging::run_command is for short compiler runs; this is for programs that may hang.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace vigil::engine::target {

class ChildProcess {
public:
    // Starts argv[0] (searched in PATH) in `cwd`, stdin from /dev/null. Throws
    // packaging::ToolchainError when it cannot be started.
    ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& cwd);
    // A child still running is killed (SIGKILL) and reaped: nothing outlives its owner.
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Collects output for at most `wait` (returns as soon as something arrived or the child
    // ended). Returns true while the child is running.
    bool pump(std::chrono::milliseconds wait);
    bool running() const { return !exit_code_.has_value(); }
    std::optional<int> exit_code() const { return exit_code_; }  // 128 + N when killed by signal N

    const std::string& out() const { return out_; }
    const std::string& err() const { return err_; }
    std::string output() const { return out_ + err_; }

    // SIGTERM, then SIGKILL after `grace`; waits for the end and collects the last output.
    void terminate(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));

    pid_t pid() const { return pid_; }
    const std::string& program() const { return program_; }

private:
    void reap(bool block);
    void drain();

    std::string program_;
    pid_t pid_ = -1;
    int out_fd_ = -1;
    int err_fd_ = -1;
    std::string out_, err_;
    std::optional<int> exit_code_;
};

}  // namespace vigil::engine::target

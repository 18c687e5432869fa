// One running OpenOCD: started with a board's config files and a Tcl RPC port of its own
// choosing (`tcl_port 0`; no GDB or telnet server), driven through Tcl RPC, stopped with
// `shutdown` (or killed). Its log is parsed into a DeviceError that says what to do whenever
// it stops or refuses (no probe, wrong target, verify failed...).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "vigil/engine/target/child_process.hpp"
#include "vigil/engine/target/tcl_rpc.hpp"
#include "vigil/engine/util/cancel.hpp"

namespace vigil::engine::target {

struct OpenOcdOptions {
    std::filesystem::path openocd = "openocd";  // the program (find_openocd())
    std::vector<std::string> config_files;      // -f, in order ("board/st_nucleo_f4.cfg")
    std::vector<std::string> commands;          // -c after the config files ("transport select jtag")
    std::filesystem::path workdir;              // OpenOCD's cwd: semihosting opens files there
    std::string board;                          // for messages ("nucleo-f401re")
    std::chrono::milliseconds start_timeout{30000};  // until the probe and target are up
};

class OpenOcdSession {
public:
    // Starts OpenOCD and waits until it has initialised (probe opened, target examined) and
    // answers Tcl RPC. Throws DeviceError (from its log), packaging::ToolchainError (cannot
    // run it), util::Cancelled.
    OpenOcdSession(const OpenOcdOptions& options, util::CancelFlag cancel);
    // Asks OpenOCD to shut down, kills it if it does not.
    ~OpenOcdSession();
    OpenOcdSession(const OpenOcdSession&) = delete;
    OpenOcdSession& operator=(const OpenOcdSession&) = delete;

    uint16_t tcl_port() const { return port_; }

    // One Tcl command; the reply. Throws DeviceError when OpenOCD stops meanwhile.
    std::string command(const std::string& command, std::chrono::milliseconds timeout);
    // A script inside `catch`: ok = false with the Tcl error message when it failed.
    TclRpcClient::Result evaluate(const std::string& script, std::chrono::milliseconds timeout);

    // Waits until `done()` is true or OpenOCD exits (true), or `timeout` passes (false);
    // `tick` runs about every 50 ms (progress). Checks the cancel flag.
    bool wait(const std::function<bool()>& done, std::chrono::milliseconds timeout, const std::function<void()>& tick = {});

    // `shutdown` through RPC, then waits for the process (kills it after a grace period).
    void shutdown();

    bool running() const { return process_->running(); }
    const ChildProcess& process() const { return *process_; }
    const std::string& semihosting_output() const { return process_->out(); }  // the firmware's stdout
    const std::string& log() const { return process_->err(); }                 // OpenOCD's own log

    // The DeviceError for a failure during `what` ("flashing", "starting"): the diagnosis of
    // the log and of `tcl_error` (the failed command's Tcl error, e.g. "** Verify Failed **"),
    // or else the log's error lines and tail.
    [[noreturn]] void fail(const std::string& what, const std::string& tcl_error = "") const;

private:
    void pump();  // collects output, checks the cancel flag

    OpenOcdOptions options_;
    util::CancelFlag cancel_;
    std::unique_ptr<ChildProcess> process_;
    std::unique_ptr<TclRpcClient> rpc_;
    uint16_t port_ = 0;
};

}  // namespace vigil::engine::target

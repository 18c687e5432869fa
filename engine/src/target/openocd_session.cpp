#include "vigil/engine/target/openocd_session.hpp"

#include "vigil/engine/target/errors.hpp"
#include "vigil/engine/target/openocd_log.hpp"

namespace vigil::engine::target {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string seconds_text(milliseconds ms) {
    const long long s = ms.count() / 1000;
    return s > 0 ? std::to_string(s) + " s" : std::to_string(ms.count()) + " ms";
}

}  // namespace

OpenOcdSession::OpenOcdSession(const OpenOcdOptions& options, util::CancelFlag cancel)
    : options_(options), cancel_(cancel) {
    std::vector<std::string> argv{options.openocd.string()};
    for (const auto& f : options.config_files) argv.insert(argv.end(), {"-f", f});
    for (const auto& c : options.commands) argv.insert(argv.end(), {"-c", c});
    // Port 0: OpenOCD picks a free one and logs it, so two sessions never collide.
    argv.insert(argv.end(), {"-c", "tcl_port 0", "-c", "gdb_port disabled", "-c", "telnet_port disabled"});
    process_ = std::make_unique<ChildProcess>(argv, options.workdir);

    const auto deadline = Clock::now() + options.start_timeout;
    while (!(port_ = tcl_port_from_log(process_->err()).value_or(0))) {
        pump();
        if (!process_->running()) fail("starting");
        if (Clock::now() >= deadline) {
            process_->terminate();
            throw DeviceError(DeviceErrorKind::openocd_failed,
                              "OpenOCD did not open its Tcl port within " + seconds_text(options.start_timeout) +
                                  ":\n" + log_tail(process_->err(), 20));
        }
    }
    // The Tcl server answers only once OpenOCD's init is over (probe opened, target examined):
    // the first reply is the sign it is ready. If init fails, OpenOCD exits instead.
    const auto tick = [this] {
        pump();
        if (!process_->running()) fail("starting");
    };
    try {
        const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
        rpc_ = std::make_unique<TclRpcClient>(TclRpcClient::connect(port_, std::max(left, milliseconds(1000)), tick));
        rpc_->command("version", std::max(std::chrono::duration_cast<milliseconds>(deadline - Clock::now()),
                                          milliseconds(1000)), tick);
    } catch (const TclRpcError& e) {
        // A closed connection usually means OpenOCD gave up: let it finish writing its log.
        for (int i = 0; i < 100 && process_->running(); ++i) process_->pump(milliseconds(20));
        if (!process_->running()) fail("starting");
        process_->terminate();
        throw DeviceError(DeviceErrorKind::openocd_failed, std::string("OpenOCD does not answer on its Tcl port: ") +
                                                                e.what() + "\n" + log_tail(process_->err(), 20));
    }
}

OpenOcdSession::~OpenOcdSession() {
    try {
        shutdown();
    } catch (...) {
        // The destructor must not throw; ChildProcess kills what is left.
    }
}

void OpenOcdSession::pump() {
    process_->pump(milliseconds(0));
    if (cancel_ && cancel_->load()) {
        process_->terminate();
        throw util::Cancelled();
    }
}

std::string OpenOcdSession::command(const std::string& command, milliseconds timeout) {
    if (!rpc_) fail("running `" + command + "`");
    try {
        return rpc_->command(command, timeout, [this] { pump(); });
    } catch (const TclRpcError& e) {
        for (int i = 0; i < 100 && process_->running(); ++i) process_->pump(milliseconds(20));
        if (!process_->running()) fail("running `" + command + "`");
        throw DeviceError(DeviceErrorKind::openocd_failed, std::string(e.what()) + "\n" + log_tail(process_->err(), 20));
    }
}

TclRpcClient::Result OpenOcdSession::evaluate(const std::string& script, milliseconds timeout) {
    if (!rpc_) fail("running `" + script + "`");
    try {
        return rpc_->evaluate(script, timeout, [this] { pump(); });
    } catch (const TclRpcError& e) {
        for (int i = 0; i < 100 && process_->running(); ++i) process_->pump(milliseconds(20));
        if (!process_->running()) fail("running `" + script + "`");
        throw DeviceError(DeviceErrorKind::openocd_failed, std::string(e.what()) + "\n" + log_tail(process_->err(), 20));
    }
}

bool OpenOcdSession::wait(const std::function<bool()>& done, milliseconds timeout, const std::function<void()>& tick) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        process_->pump(milliseconds(50));
        pump();
        if (tick) tick();
        if (done() || !process_->running()) return true;
        if (Clock::now() >= deadline) return false;
    }
}

void OpenOcdSession::shutdown() {
    if (!process_ || !process_->running()) return;
    if (rpc_) {
        try {
            // OpenOCD replies, then exits; a closed connection is as good.
            rpc_->command("shutdown", milliseconds(3000));
        } catch (const TclRpcError&) {
        }
        rpc_.reset();
    }
    const auto deadline = Clock::now() + milliseconds(5000);
    while (process_->running() && Clock::now() < deadline) process_->pump(milliseconds(50));
    process_->terminate();
}

void OpenOcdSession::fail(const std::string& what, const std::string& tcl_error) const {
    // The failed command's own error first: within one kind of problem it is the best evidence.
    const std::string log = (tcl_error.empty() ? std::string() : tcl_error + "\n") + process_->err();
    const std::string where = options_.board.empty() ? std::string() : " (board " + options_.board + ")";
    const std::string exit = process_->exit_code() ? ", OpenOCD exited with status " + std::to_string(*process_->exit_code())
                                                   : "";
    if (auto d = diagnose_openocd_log(log))
        throw DeviceError(d->kind, d->summary + where + " while " + what + exit + ": OpenOCD said \"" + d->evidence +
                                       "\". What to do: " + d->advice + ".");
    std::string errors = openocd_error_lines(process_->err());
    if (errors.empty()) errors = log_tail(process_->err(), 15);
    if (!tcl_error.empty()) errors += "the command's error: " + tcl_error + "\n";
    throw DeviceError(DeviceErrorKind::openocd_failed,
                      "OpenOCD failed" + where + " while " + what + exit + ":\n" + errors +
                          "What to do: run the same OpenOCD command by hand (see docs/targets.md) to read its whole log.");
}

}  // namespace vigil::engine::target

#include "vigil/engine/target/qemu_runner.hpp"

#include <cstdio>

#include "vigil/engine/target/child_process.hpp"

namespace vigil::engine::target {

namespace {
using Clock = std::chrono::steady_clock;
}

std::vector<std::string> qemu_command(const QemuRunRequest& r) {
    std::vector<std::string> cmd{r.qemu.string(), "-M", r.machine};
    if (r.cpu) cmd.insert(cmd.end(), {"-cpu", *r.cpu});
    cmd.insert(cmd.end(), {"-nographic", "-monitor", "none", "-serial", "none", "-semihosting-config",
                           "enable=on,target=native", "-kernel", std::filesystem::absolute(r.elf).string()});
    if (r.icount_plugin) {
        std::string plugin = std::filesystem::absolute(*r.icount_plugin).string();
        if (r.mark_address) {
            char mark[32];
            std::snprintf(mark, sizeof mark, ",mark=0x%x", static_cast<unsigned>(*r.mark_address));
            plugin += mark;
        }
        cmd.insert(cmd.end(), {"-plugin", plugin, "-d", "plugin"});
    }
    return cmd;
}

RunOutcome run_qemu(const QemuRunRequest& request, const std::function<void()>& tick, util::CancelFlag cancel) {
    RunOutcome outcome;
    outcome.command = qemu_command(request);
    const auto start = Clock::now();
    ChildProcess qemu(outcome.command, request.workdir);
    const auto deadline = start + request.timeout;
    while (qemu.pump(std::chrono::milliseconds(50))) {
        if (tick) tick();
        if (cancel && cancel->load()) {
            qemu.terminate(std::chrono::milliseconds(500));
            throw util::Cancelled();
        }
        if (Clock::now() >= deadline) {
            qemu.terminate(std::chrono::milliseconds(500));
            outcome.timed_out = true;
            break;
        }
    }
    if (tick) tick();
    if (!outcome.timed_out) outcome.exit_code = qemu.exit_code();
    outcome.out = qemu.out();
    outcome.err = qemu.err();
    outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return outcome;
}

}  // namespace vigil::engine::target

// Runs that must never pass as success, under the real QEMU: a hung firmware (the host's
// timeout stops it), a faulting one, one that ends without its completion line; and a cancel.
// The firmwares are probes/harness/{hang,fault,silent}.c as the main build cross-compiles them.
#include <catch2/catch.hpp>

#include <atomic>

#include "target_test_support.hpp"
#include "vigil/engine/target/errors.hpp"
#include "vigil/engine/target/firmware_run.hpp"
#include "vigil/engine/target/qemu_runner.hpp"
#include "vigil/engine/target/tools.hpp"
#include "vigil/engine/util/cancel.hpp"

using namespace target_test;
namespace tgt = vigil::engine::target;
using std::chrono::milliseconds;

#ifdef VIGIL_TARGETS_DIR
namespace {

tgt::QemuRunRequest request(const std::string& variant, const std::string& machine, const std::string& elf,
                            const TempDir& dir, milliseconds timeout) {
    tgt::QemuRunRequest q;
    q.qemu = tgt::find_qemu();
    q.machine = machine;
    q.elf = fs::path(VIGIL_TARGETS_DIR) / variant / elf;
    REQUIRE(fs::exists(q.elf));
    q.workdir = dir.path();
    q.timeout = timeout;
    return q;
}

tgt::FirmwareRunFacts facts(const tgt::RunOutcome& out, milliseconds timeout) {
    tgt::FirmwareRunFacts f;
    f.where = "under QEMU (test)";
    f.firmware_output = out.out;
    f.exit_code = out.exit_code;
    f.timed_out = out.timed_out;
    f.timeout = timeout;
    f.log = out.err;
    return f;
}

tgt::DeviceErrorKind judged(const tgt::RunOutcome& out, milliseconds timeout, const TempDir& dir, std::string& message) {
    try {
        tgt::judge_firmware_run(facts(out, timeout), dir.path(), 1, 4, 2);
    } catch (const tgt::DeviceError& e) {
        message = e.what();
        return e.kind;
    }
    FAIL("the run was judged a success");
    return tgt::DeviceErrorKind::protocol;
}

}  // namespace

TEST_CASE("a hung firmware hits the host-side timeout, is stopped, and the error says where it was") {
    TempDir dir;
    const auto q = request("m3", "mps2-an385", "hang.elf", dir, milliseconds(1500));
    const auto out = tgt::run_qemu(q, {}, nullptr);
    CHECK(out.timed_out);
    CHECK_FALSE(out.exit_code);
    CHECK_THAT(out.out, Catch::Contains("VIGIL-TEST-START hang"));
    std::string message;
    CHECK(judged(out, q.timeout, dir, message) == tgt::DeviceErrorKind::timeout);
    CHECK_THAT(message, Catch::StartsWith("the test firmware did not finish within 1 s under QEMU (test): it stopped "
                                          "before the first learn call"));
    CHECK_THAT(message, Catch::Contains("--timeout"));
}

TEST_CASE("a faulting firmware is a fault, whatever QEMU's exit status") {
    TempDir dir;
    const auto q = request("m4", "mps2-an386", "fault.elf", dir, milliseconds(30000));
    const auto out = tgt::run_qemu(q, {}, nullptr);
    CHECK_FALSE(out.timed_out);
    std::string message;
    CHECK(judged(out, q.timeout, dir, message) == tgt::DeviceErrorKind::fault);
    CHECK_THAT(message, Catch::Contains("processor fault") && Catch::Contains("metadata.json"));
}

TEST_CASE("a firmware that exits 0 without its completion line is refused") {
    TempDir dir;
    const auto q = request("m3", "mps2-an385", "silent.elf", dir, milliseconds(30000));
    const auto out = tgt::run_qemu(q, {}, nullptr);
    REQUIRE(out.exit_code);
    CHECK(*out.exit_code == 0);
    std::string message;
    CHECK(judged(out, q.timeout, dir, message) == tgt::DeviceErrorKind::no_completion);
    CHECK_THAT(message, Catch::Contains("(exit status 0)") && Catch::Contains("completion line"));
}

TEST_CASE("a cancelled QEMU run stops and throws Cancelled") {
    TempDir dir;
    std::atomic<bool> cancel{false};
    const auto q = request("m3", "mps2-an385", "hang.elf", dir, milliseconds(30000));
    int ticks = 0;
    CHECK_THROWS_AS(tgt::run_qemu(q, [&] { if (++ticks == 3) cancel = true; }, &cancel), vigil::engine::util::Cancelled);
}
#endif

// The real OpenOCD (Debian's 0.12) driven as vigil drives it: process handling, the Tcl RPC
// client (commands end with 0x1a), errors through `catch`, shutdown, and the two failures
// that need no hardware: no probe connected (a real board's config, nothing plugged in) and
// an adapter with no chip behind it (the dummy adapter).
#include <catch2/catch.hpp>

#include <chrono>

#include "target_test_support.hpp"
#include "vigil/engine/target/errors.hpp"
#include "vigil/engine/target/openocd_session.hpp"
#include "vigil/engine/target/tcl_rpc.hpp"
#include "vigil/engine/target/tools.hpp"
#include "vigil/engine/util/cancel.hpp"

using namespace target_test;
namespace tgt = vigil::engine::target;
using std::chrono::milliseconds;

namespace {

tgt::OpenOcdOptions dummy_options(const TempDir& dir) {
    tgt::OpenOcdOptions o;
    o.openocd = tgt::find_openocd();
    o.config_files = {"interface/dummy.cfg"};
    o.commands = {"transport select jtag"};
    o.workdir = dir.path();
    o.board = "dummy";
    return o;
}

}  // namespace

TEST_CASE("OpenOCD with the dummy adapter: Tcl RPC answers, errors come back as errors, shutdown ends it") {
    require_openocd();
    TempDir dir;
    tgt::OpenOcdSession ocd(dummy_options(dir), nullptr);
    CHECK(ocd.tcl_port() > 0);
    CHECK(ocd.command("version", milliseconds(5000)) == "Open On-Chip Debugger 0.12.0");
    CHECK(ocd.command("adapter name", milliseconds(5000)) == "dummy");

    const auto ok = ocd.evaluate("expr {6 * 7}", milliseconds(5000));
    CHECK(ok.ok);
    CHECK(ok.text == "42");
    const auto bad = ocd.evaluate("no_such_command", milliseconds(5000));
    CHECK_FALSE(bad.ok);
    CHECK(bad.text == "invalid command name \"no_such_command\"");

    // A second client on the same port: OpenOCD serves several.
    auto client = tgt::TclRpcClient::connect(ocd.tcl_port(), milliseconds(5000));
    CHECK(client.command("adapter name", milliseconds(5000)) == "dummy");
    CHECK_THROWS_AS(client.command(std::string("version\x1a"), milliseconds(1000)), std::invalid_argument);
    client.close();

    CHECK(ocd.running());
    ocd.shutdown();
    CHECK_FALSE(ocd.running());
    REQUIRE(ocd.process().exit_code());
    CHECK(*ocd.process().exit_code() == 0);
    CHECK_THAT(ocd.log(), Catch::Contains("shutdown command invoked"));
}

TEST_CASE("programming through the dummy adapter fails with the chip's absence diagnosed") {
    require_openocd();
    TempDir dir;
    tgt::OpenOcdSession ocd(dummy_options(dir), nullptr);
    dir.write("image.elf", "not really an image");
    const auto p = ocd.evaluate("program {image.elf} verify reset", milliseconds(30000));
    REQUIRE_FALSE(p.ok);
    CHECK(p.text == "** Unable to reset target **");
    try {
        ocd.fail("flashing", p.text);
        FAIL("fail() returned");
    } catch (const tgt::DeviceError& e) {
        CHECK(e.kind == tgt::DeviceErrorKind::target_not_responding);
        CHECK_THAT(e.what(), Catch::Contains("board dummy") && Catch::Contains("while flashing") &&
                                 Catch::Contains("Unable to reset target") && Catch::Contains("What to do"));
    }
}

TEST_CASE("no probe connected: a real board's config gives 'Error: open failed' and a clear DeviceError") {
    require_openocd();
    TempDir dir;
    tgt::OpenOcdOptions o;
    o.openocd = tgt::find_openocd();
    o.config_files = {"board/st_nucleo_f4.cfg"};
    o.workdir = dir.path();
    o.board = "nucleo-f401re";
    try {
        tgt::OpenOcdSession ocd(o, nullptr);
        // A machine with a NUCLEO-F4 plugged in would get here: nothing to assert then.
        WARN("an ST-LINK is connected to this machine: the no-probe case cannot be checked");
    } catch (const tgt::DeviceError& e) {
        CHECK(e.kind == tgt::DeviceErrorKind::no_probe);
        CHECK_THAT(e.what(), Catch::StartsWith("no debug probe found (board nucleo-f401re) while starting, OpenOCD "
                                               "exited with status 1: OpenOCD said \"Error: open failed\""));
        CHECK_THAT(e.what(), Catch::Contains("What to do: connect the board's debug USB port"));
    }
}

TEST_CASE("a missing board config is named, OpenOCD's own message included") {
    require_openocd();
    TempDir dir;
    tgt::OpenOcdOptions o = dummy_options(dir);
    o.config_files = {"board/no_such_board.cfg"};
    o.commands.clear();
    try {
        tgt::OpenOcdSession ocd(o, nullptr);
        FAIL("OpenOCD started without its config file");
    } catch (const tgt::DeviceError& e) {
        CHECK(e.kind == tgt::DeviceErrorKind::openocd_failed);
        CHECK_THAT(e.what(), Catch::Contains("board/no_such_board.cfg") && Catch::Contains("configuration file"));
    }
}

TEST_CASE("a cancelled wait stops OpenOCD and throws Cancelled") {
    require_openocd();
    TempDir dir;
    std::atomic<bool> cancel{false};
    tgt::OpenOcdSession ocd(dummy_options(dir), &cancel);
    cancel = true;
    CHECK_THROWS_AS(ocd.wait([] { return false; }, milliseconds(10000)), vigil::engine::util::Cancelled);
    CHECK_FALSE(ocd.running());
}

TEST_CASE("the Tcl RPC client gives up on a port nobody listens on") {
    // Port 1 is privileged and unused here: connection refused until the timeout.
    CHECK_THROWS_WITH(tgt::TclRpcClient::connect(1, milliseconds(300)),
                      Catch::Contains("cannot connect to OpenOCD's Tcl port 127.0.0.1:1"));
}

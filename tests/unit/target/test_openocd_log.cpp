// The OpenOCD log parser on real OpenOCD 0.12 output (Debian's openocd): each log below was
// printed by it on this kind of machine (no probe attached, the dummy adapter) or is its exact
// message text (strings of the binary) where a probe would be needed to provoke it.
#include <catch2/catch.hpp>

#include "vigil/engine/target/openocd_log.hpp"

namespace tgt = vigil::engine::target;
using tgt::DeviceErrorKind;

namespace {

// `openocd -f board/st_nucleo_f4.cfg -c "tcl_port 0" ...` with no ST-LINK plugged in.
const char* kNoProbe = R"(Open On-Chip Debugger 0.12.0
Licensed under GNU GPL v2
For bug reports, read
	http://openocd.org/doc/doxygen/bugs.html
Info : The selected transport took over low-level target control. The results might differ compared to plain JTAG/SWD
srst_only separate srst_nogate srst_open_drain connect_deassert_srst

Info : Listening on port 39251 for tcl connections
Info : telnet server disabled
Info : clock speed 2000 kHz
Error: open failed
)";

// `openocd -f interface/dummy.cfg -f target/stm32f4x.cfg`: an adapter that answers, no chip.
const char* kNoTarget = R"(Info : only one transport option; autoselect 'jtag'
Info : Listening on port 42495 for tcl connections
Info : telnet server disabled
Info : clock speed 2000 kHz
Info : TAP auto0.tap does not have valid IDCODE (idcode=0x0)
Warn : Unexpected idcode after end of chain: 21 0xfffff800
Error: double-check your JTAG setup (interface, speed, ...)
Error: Trying to use configured scan chain anyway...
Error: stm32f4x.cpu: IR capture error; saw 0x0f not 0x01
Warn : Bypassing JTAG setup events due to errors
Error: Invalid ACK (7) in DAP response
Error: JTAG-DP STICKY ERROR
)";

// A probe this user may not open (no udev rules): libusb's refusal, then "open failed".
const char* kNoAccess = R"(Info : Listening on port 6666 for tcl connections
Error: libusb_open() failed with LIBUSB_ERROR_ACCESS
Error: open failed
)";

// The program proc's messages (OpenOCD's startup.tcl) and verify_image's diff lines.
const char* kVerifyFailed = R"(** Programming Started **
Info : device id = 0x10006433
Info : flash size = 512 KiB
** Programming Finished **
** Verify Started **
Error: checksum mismatch - attempting binary compare
diff 0 address 0x08000000. Was 0xff instead of 0x00
** Verify Failed **
)";

const char* kWrongTarget = R"(Info : clock speed 2000 kHz
Info : STLINK V2J37M26 (API v2) VID:PID 0483:374B
Info : Target voltage: 3.255608
Warn : UNEXPECTED idcode: 0x2ba01477
Error: expected 1 of 1: 0x0bc11477
)";

}  // namespace

TEST_CASE("no probe connected: 'Error: open failed' says to plug the board in") {
    const auto d = tgt::diagnose_openocd_log(kNoProbe);
    REQUIRE(d);
    CHECK(d->kind == DeviceErrorKind::no_probe);
    CHECK(d->evidence == "Error: open failed");
    CHECK_THAT(d->advice, Catch::Contains("lsusb") && Catch::Contains("ST-LINK"));
    CHECK(tgt::to_string(d->kind) == std::string("no_probe"));
}

TEST_CASE("a probe without permission is an access problem, not a missing probe") {
    const auto d = tgt::diagnose_openocd_log(kNoAccess);
    REQUIRE(d);
    CHECK(d->kind == DeviceErrorKind::probe_access);
    CHECK_THAT(d->evidence, Catch::Contains("LIBUSB_ERROR_ACCESS"));
    CHECK_THAT(d->advice, Catch::Contains("udev") && Catch::Contains("60-openocd.rules"));
}

TEST_CASE("an adapter without an answering chip: the target does not respond") {
    const auto d = tgt::diagnose_openocd_log(kNoTarget);
    REQUIRE(d);
    CHECK(d->kind == DeviceErrorKind::target_not_responding);
    CHECK_THAT(d->advice, Catch::Contains("powered"));
}

TEST_CASE("verify failure, wrong target, programming failure, unable to reset") {
    auto d = tgt::diagnose_openocd_log(kVerifyFailed);
    REQUIRE(d);
    CHECK(d->kind == DeviceErrorKind::verify_failed);
    CHECK_THAT(d->advice, Catch::Contains("write-protected"));

    d = tgt::diagnose_openocd_log(kWrongTarget);
    REQUIRE(d);
    CHECK(d->kind == DeviceErrorKind::wrong_target);
    CHECK(d->evidence == "Warn : UNEXPECTED idcode: 0x2ba01477");
    CHECK_THAT(d->advice, Catch::Contains("--board"));

    d = tgt::diagnose_openocd_log("** Programming Started **\nError: error writing to flash at address 0x08000000 at offset 0x00000000\n** Programming Failed **\n");
    REQUIRE(d);
    CHECK(d->kind == DeviceErrorKind::flash_failed);

    d = tgt::diagnose_openocd_log("** Unable to reset target **\n");
    REQUIRE(d);
    CHECK(d->kind == DeviceErrorKind::target_not_responding);
}

TEST_CASE("a missing config file outranks everything after it: a KitProg message is not a config file") {
    auto d = tgt::diagnose_openocd_log("embedded:startup.tcl:28: Error: Can't find board/nope.cfg\nError: open failed\n");
    REQUIRE(d);
    CHECK(d->kind == DeviceErrorKind::openocd_failed);
    CHECK_THAT(d->summary, Catch::Contains("configuration file"));
    d = tgt::diagnose_openocd_log("Error: Can't find a KitProg device! Please check device connections and permissions.\n");
    REQUIRE(d);
    CHECK(d->kind == DeviceErrorKind::no_probe);
}

TEST_CASE("a healthy log has no diagnosis: a checksum mismatch that the binary compare clears is no failure") {
    CHECK_FALSE(tgt::diagnose_openocd_log("Info : Listening on port 6666 for tcl connections\n** Programming Finished **\n"
                                          "** Verify Started **\n** Verified OK **\n** Resetting Target **\n"));
    CHECK_FALSE(tgt::diagnose_openocd_log("Error: checksum mismatch - attempting binary compare\n** Verified OK **\n"));
}

TEST_CASE("the Tcl port OpenOCD chose, the error lines, the tail") {
    CHECK(tgt::tcl_port_from_log(kNoProbe) == uint16_t{39251});
    CHECK_FALSE(tgt::tcl_port_from_log("Info : Listening on port 3333 for gdb connections\n"));
    CHECK(tgt::openocd_error_lines(kNoTarget) ==
          "Error: double-check your JTAG setup (interface, speed, ...)\nError: Trying to use configured scan chain "
          "anyway...\nError: stm32f4x.cpu: IR capture error; saw 0x0f not 0x01\nError: Invalid ACK (7) in DAP "
          "response\nError: JTAG-DP STICKY ERROR\n");
    CHECK(tgt::log_tail("a\nb\nc\n\n", 2) == "b\nc\n");
}

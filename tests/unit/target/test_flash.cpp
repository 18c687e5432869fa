// `vigil target flash` in the engine, up to where hardware would be needed: refusals before
// OpenOCD starts (a QEMU board, an image outside the board's flash), and the whole path with
// the real OpenOCD on the dummy adapter, where programming fails for want of a chip.
#include <catch2/catch.hpp>

#include "target_test_support.hpp"
#include "vigil/engine/target/errors.hpp"
#include "vigil/engine/target/target_flash.hpp"
#include "vigil/engine/util/located_error.hpp"

using namespace target_test;
namespace tgt = vigil::engine::target;
using vigil::engine::util::ParameterError;

TEST_CASE("flashing a QEMU board or an unknown board is refused") {
    tgt::FlashRequest r;
    r.board = "qemu-m4";
    r.image = "whatever.elf";
    CHECK_THROWS_WITH(tgt::flash_image(r, {}, nullptr), Catch::Contains("is a QEMU machine"));
    r.board = "no-such-board";
    try {
        tgt::flash_image(r, {}, nullptr);
        FAIL("accepted");
    } catch (const ParameterError& e) {
        CHECK(e.parameter == "board");
        CHECK_THAT(e.what(), Catch::Contains("nucleo-f401re"));
    }
}

TEST_CASE("an image outside the board's flash is refused before OpenOCD starts") {
    TempDir dir;
    tgt::FlashRequest r;
    r.board = "nucleo-f401re";
    // 4 bytes at 0x00000000: an image for a board whose flash is at 0, not an STM32's.
    r.image = dir.write("other.hex", ":0400000001020304F2\n:00000001FF\n");
    try {
        tgt::flash_image(r, {}, nullptr);
        FAIL("accepted");
    } catch (const ParameterError& e) {
        CHECK(e.parameter == "image");
        CHECK_THAT(e.what(), Catch::Contains("writes 0x00000000-0x00000003, outside the flash of board nucleo-f401re "
                                             "(0x08000000-0x0807ffff)"));
    }
}

TEST_CASE("the whole flash path through the real OpenOCD: with no chip behind the adapter, a clear error") {
    require_openocd();
    TempDir dir;
    tgt::FlashRequest r;
    r.board = "dummy-board";
    r.catalog = dummy_catalog(dir);
    r.image = dir.write("my image {1}.bin", std::string(64, '\0'));  // a name OpenOCD's Tcl could not take as is
    std::vector<std::string> stages;
    try {
        tgt::flash_image(r, [&](const tgt::Progress& p) { stages.push_back(p.stage); }, nullptr);
        FAIL("flashing through the dummy adapter succeeded");
    } catch (const tgt::DeviceError& e) {
        CHECK(e.kind == tgt::DeviceErrorKind::target_not_responding);
        CHECK_THAT(e.what(), Catch::Contains("(board dummy-board) while flashing") &&
                                 Catch::Contains("Unable to reset target") && Catch::Contains("What to do"));
    }
    CHECK(stages == std::vector<std::string>{"connect", "flash"});
}

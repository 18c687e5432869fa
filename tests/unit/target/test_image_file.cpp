// Reading images before flashing: Intel HEX records (with the line of a bad one), ELF segments
// and symbols of a real Cortex-M build, and an ELF for another machine refused.
#include <catch2/catch.hpp>

#include "target_test_support.hpp"
#include "vigil/engine/target/image_file.hpp"
#include "vigil/engine/util/located_error.hpp"

using namespace target_test;
namespace tgt = vigil::engine::target;
using vigil::engine::util::LocatedError;
using vigil::engine::util::ParameterError;

TEST_CASE("Intel HEX: extended linear address, contiguous data, end of file") {
    TempDir dir;
    // 0x08000000: 4 bytes, then 4 more right after, then 2 at 0x08000100.
    const auto hex = dir.write("fw.hex",
                               ":020000040800F2\n"
                               ":0400000001020304F2\n"
                               ":0400040005060708DE\n"
                               ":02010000AABB98\n"
                               ":00000001FF\n");
    const auto c = tgt::read_image(hex, 0);
    CHECK(c.format == tgt::ImageFormat::hex);
    CHECK(c.bytes == 10);
    REQUIRE(c.ranges.size() == 2);
    CHECK(c.ranges[0].address == 0x08000000);
    CHECK(c.ranges[0].size == 8);
    CHECK(c.ranges[1].address == 0x08000100);
}

TEST_CASE("a bad HEX record is named by line and column: a truncated file is refused") {
    TempDir dir;
    const auto bad = dir.write("bad.hex", ":020000040800F2\n:0400000001020304F3\n:00000001FF\n");
    try {
        tgt::read_image(bad, 0);
        FAIL("accepted");
    } catch (const LocatedError& e) {
        CHECK(e.line == 2);
        CHECK_THAT(e.message, Catch::Contains("checksum"));
    }
    const auto cut = dir.write("cut.hex", ":0400000001020304F2\n");
    CHECK_THROWS_WITH(tgt::read_image(cut, 0), Catch::Contains("truncated"));
}

TEST_CASE("a .bin goes to the given address: unknown extensions are refused") {
    TempDir dir;
    const auto bin = dir.write("fw.bin", std::string(100, '\x5a'));
    const auto c = tgt::read_image(bin, 0x08000000);
    REQUIRE(c.ranges.size() == 1);
    CHECK(c.ranges[0].address == 0x08000000);
    CHECK(c.bytes == 100);
    CHECK_THROWS_AS(tgt::image_format("fw.s19"), ParameterError);
    CHECK(tgt::image_format("FW.ELF") == tgt::ImageFormat::elf);
}

TEST_CASE("an ELF for another machine is not a Cortex-M image") {
    TempDir dir;
    const auto host = dir.path() / "host.elf";  // this very test program: x86-64 (or another host)
    fs::copy_file("/proc/self/exe", host);
    CHECK_THROWS_WITH(tgt::read_image(host, 0), Catch::Contains("not ARM") || Catch::Contains("not a 32-bit"));
    CHECK_THROWS_WITH(tgt::read_image(dir.write("x.elf", "text"), 0), Catch::Contains("not an ELF file"));
}

#ifdef VIGIL_TARGETS_DIR
TEST_CASE("a real Cortex-M firmware: loadable segments in flash, symbols found") {
    const fs::path elf = fs::path(VIGIL_TARGETS_DIR) / "m4" / "hello.elf";
    REQUIRE(fs::exists(elf));
    const auto c = tgt::read_image(elf, 0);
    CHECK(c.format == tgt::ImageFormat::elf);
    REQUIRE_FALSE(c.ranges.empty());
    for (const auto& r : c.ranges) CHECK(r.address + r.size <= 4u * 1024 * 1024);  // mps2.ld's flash
    const auto main_address = tgt::elf_symbol(elf, "main");
    REQUIRE(main_address);
    CHECK(*main_address % 2 == 0);  // the Thumb bit is not part of the address
    CHECK(tgt::elf_function_at(elf, *main_address) == std::string("main"));
    CHECK_FALSE(tgt::elf_symbol(elf, "no_such_symbol"));
}
#endif

// Reading a library zip and deciding, before anything is built or flashed, whether it can run
// on a board; the linker script made from a board's catalog entry.
#include <catch2/catch.hpp>


#include <fstream>

#include "target_test_support.hpp"
#include "vigil/engine/boards/catalog.hpp"
#include "vigil/engine/packaging/zip_writer.hpp"
#include "vigil/engine/target/firmware_builder.hpp"
#include "vigil/engine/target/library_zip.hpp"
#include "vigil/engine/util/atomic_file.hpp"
#include "vigil/engine/util/located_error.hpp"

using namespace target_test;
namespace tgt = vigil::engine::target;
namespace boards = vigil::engine::boards;
using vigil::engine::util::LocatedError;
using vigil::engine::util::ParameterError;

namespace {

boards::Board board(const std::string& id) {
    auto b = boards::find_board(boards::default_catalog(), id);
    REQUIRE(b);
    return *b;
}

tgt::LibraryZip library(const std::string& core, const std::string& abi, const std::string& fpu) {
    tgt::LibraryZip lib;
    lib.path = "lib.zip";
    lib.core = core;
    lib.float_abi = abi;
    lib.fpu = fpu;
    return lib;
}

}  // namespace

TEST_CASE("a library for another core is refused, saying what to compile instead") {
    try {
        tgt::check_library_fits(library("cortex-m4", "hard", "fpv4-sp-d16"), board("qemu-m3"));
        FAIL("an M4 library was accepted for an M3 board");
    } catch (const ParameterError& e) {
        CHECK(e.parameter == "library");
        CHECK_THAT(e.what(), Catch::Contains("built for cortex-m4 (hard float, fpv4-sp-d16)") &&
                                 Catch::Contains("board qemu-m3 has a cortex-m3") &&
                                 Catch::Contains("vigil compile --core cortex-m3 --float-abi soft"));
    }
    CHECK_THROWS_AS(tgt::check_library_fits(library("cortex-m33", "hard", "fpv5-sp-d16"), board("nucleo-f401re")),
                    ParameterError);
    CHECK_THROWS_AS(tgt::check_library_fits(library("cortex-m3", "soft", ""), board("nucleo-f401re")), ParameterError);
}

TEST_CASE("the FPU must be the board's: soft float runs anywhere: M0 and M0+ are one instruction set") {
    CHECK(tgt::check_library_fits(library("cortex-m4", "hard", "fpv4-sp-d16"), board("nucleo-f401re")).empty());
    CHECK(tgt::check_library_fits(library("cortex-m4", "soft", ""), board("nucleo-f401re")).empty());
    CHECK(tgt::check_library_fits(library("cortex-m7", "hard", "fpv5-d16"), board("nucleo-h743zi")).empty());
    CHECK(tgt::check_library_fits(library("cortex-m7", "hard", "fpv5-sp-d16"), board("nucleo-h743zi")).empty());
    CHECK_THAT(tgt::check_library_fits(library("cortex-m0plus", "soft", ""), board("qemu-m0")),
               Catch::Contains("ARMv6-M"));
    // A board with the single-precision FPU cannot run double-precision FPU code.
    auto sp = board("nucleo-h743zi");
    sp.fpu = "fpv5-sp-d16";
    CHECK_THROWS_WITH(tgt::check_library_fits(library("cortex-m7", "hard", "fpv5-d16"), sp),
                      Catch::Contains("has a fpv5-sp-d16 FPU"));
    CHECK(tgt::library_target_for(board("nucleo-g071rb")) == std::pair<std::string, std::string>{"cortex-m0plus", "soft"});
    CHECK(tgt::library_target_for(board("qemu-m33")) == std::pair<std::string, std::string>{"cortex-m33", "hard"});
    CHECK(tgt::library_target_for(sp) == std::pair<std::string, std::string>{"cortex-m7", "soft"});
}

TEST_CASE("what is not a library zip is refused naming the file and what is missing") {
    TempDir dir;
    const auto not_zip = dir.write("notes.zip", "hello");
    CHECK_THROWS_WITH(tgt::read_library_zip(not_zip), Catch::Contains("notes.zip") && Catch::Contains("not a library zip"));
    const auto zip = dir.path() / "lib.zip";
    vigil::engine::util::write_file_atomically(
        zip, vigil::engine::packaging::write_zip({{"vigil-1-cortex-m4-hard/README.md", "hi", false}}));
    try {
        tgt::read_library_zip(zip);
        FAIL("accepted");
    } catch (const LocatedError& e) {
        CHECK(e.file == zip.string());
        CHECK_THAT(e.message, Catch::Contains("vigil-1-cortex-m4-hard/metadata.json is missing"));
    }
    CHECK_THROWS_WITH(tgt::read_library_zip(dir.path() / "absent.zip"), Catch::Contains("cannot read"));
}

TEST_CASE("the test firmware's linker script is the board's memory: the QEMU boards' equal probes/ld") {
    const std::string f4 = tgt::test_linker_script(board("nucleo-f401re"));
    CHECK_THAT(f4, Catch::Contains("ORIGIN = 0x08000000, LENGTH = 524288") &&
                       Catch::Contains("ORIGIN = 0x20000000, LENGTH = 98304") && Catch::Contains("__stack_size__ = 6144;") &&
                       Catch::Contains("INCLUDE sections.ld"));
    // The stack the probes/ld scripts of the QEMU machines reserve ("__stack_size__ = 1K;").
    const auto ld_stack = [](const char* script) {
        std::ifstream in(source_dir() / "probes" / "ld" / script);
        std::string line;
        while (std::getline(in, line))
            if (line.rfind("__stack_size__ = ", 0) == 0) return uint64_t(std::stoul(line.substr(17))) * 1024;
        FAIL("no __stack_size__ in " << script);
        return uint64_t{0};
    };
    CHECK(tgt::stack_size_for(board("qemu-m0")) == ld_stack("microbit.ld"));
    for (const char* id : {"qemu-m3", "qemu-m4", "qemu-m7"}) CHECK(tgt::stack_size_for(board(id)) == ld_stack("mps2.ld"));
    CHECK(tgt::stack_size_for(board("qemu-m33")) == ld_stack("mps2-an505.ld"));
    CHECK(tgt::cycle_counter_for(vigil::engine::project::Core::cortex_m0plus) == tgt::CycleCounter::systick);
    CHECK(tgt::cycle_counter_for(vigil::engine::project::Core::cortex_m3) == tgt::CycleCounter::dwt);
}

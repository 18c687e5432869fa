// Builds the target test firmware for one board and one library: the embedded
// probes/target_test/target_test.c and probes/startup/startup.c, linked against the zip's own
// libvigil.a with the flags the library was compiled with, placed by a linker script made from
// the board's catalog entry (flash and RAM), measured with arm-none-eabi-size.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "vigil/engine/boards/catalog.hpp"
#include "vigil/engine/target/library_zip.hpp"
#include "vigil/engine/util/cancel.hpp"

namespace vigil::engine::target {

enum class CycleCounter { dwt, systick };
const char* to_string(CycleCounter counter);

// DWT CYCCNT on ARMv7-M and ARMv8-M (M3, M4, M7, M33); SysTick on ARMv6-M (M0, M0+).
CycleCounter cycle_counter_for(project::Core core);

// The stack the test firmware reserves at the top of the board's RAM: RAM / 16, between 1 KiB
// and 64 KiB (the probes/ld scripts' 1 KiB on the 16 KiB microbit, 64 KiB on the MPS2 boards).
uint64_t stack_size_for(const boards::Board& board);

// The linker script for the board: its MEMORY (flash, RAM), the stack, then the shared
// section layout (probes/ld/sections.ld, included from the same folder).
std::string test_linker_script(const boards::Board& board);

struct FirmwareImage {
    std::filesystem::path elf;
    uint64_t text = 0, data = 0, bss = 0;  // arm-none-eabi-size -B
    uint64_t stack = 0;                    // reserved at the top of RAM (not in .bss)
    uint32_t mark_address = 0;             // vigil_test_mark, for the instruction counter
    CycleCounter counter = CycleCounter::dwt;
    std::string toolchain;                 // first line of `arm-none-eabi-gcc --version`

    uint64_t flash_bytes() const { return text + data; }
    uint64_t ram_bytes() const { return data + bss; }  // static RAM, without the stack
};

// Writes the sources, headers and libvigil.a into `dir` and links `dir`/vigil_target_test.elf.
// Throws packaging::ToolchainError (no arm-none-eabi-gcc), packaging::CompileError (the build
// failed; a library too big for the board's RAM or flash says so), util::Cancelled.
FirmwareImage build_test_firmware(const LibraryZip& library, const boards::Board& board,
                                  const std::filesystem::path& dir, util::CancelFlag cancel = nullptr);

}  // namespace vigil::engine::target

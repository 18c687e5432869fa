// What `vigil target test` and `vigil target flash` found, as one value each, with the JSON
// the CLI's --json prints (and the daemon's target/test and target/flash will return) and the
// text the CLI prints. Schema: docs/targets.md, "Flash and test".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/engine/boards/catalog.hpp"
#include "vigil/engine/target/agreement.hpp"
#include "vigil/engine/target/firmware_builder.hpp"
#include "vigil/engine/target/image_file.hpp"

namespace vigil::engine::target {

struct TestLibrary {
    std::string id, name, recipe_id, core, float_abi, fpu;
    std::string zip;  // path as given
    nlohmann::json ram_bytes, flash_bytes;  // metadata.json's figures (the library alone)
    std::optional<int64_t> benchmark;       // metadata.json's benchmark, if any
};

struct TestReport {
    boards::Board board;
    std::string runner;  // "qemu" or "openocd"
    std::vector<std::string> command;  // the QEMU or OpenOCD command line
    double run_seconds = 0;            // wall time of the run itself (QEMU or flash + run)
    TestLibrary library;
    std::string compatibility_note;  // e.g. an M0+ library on the M0 QEMU board
    FirmwareImage image;
    std::vector<SignalSource> learn_sources, detect_sources;
    FirmwareResult board_result;
    EmulatorRun emulator;
    Agreement agreement;
    // Per call, the empty-region overhead subtracted; empty vectors when not measured.
    std::vector<uint64_t> learn_cycles, detect_cycles;              // real boards (the counter ran)
    std::vector<uint64_t> learn_instructions, detect_instructions;  // QEMU with the icount plugin
    std::vector<std::string> notes;

    bool passed() const { return agreement.all(); }
};

nlohmann::json to_json(const TestReport& report);
std::string to_text(const TestReport& report);

struct FlashReport {
    boards::Board board;
    std::string image;  // path as given
    ImageContents contents;
    bool verified = false;
    double seconds = 0;
    std::vector<std::string> command;  // the OpenOCD command line
    std::string program_command;       // the Tcl command sent over RPC
};

nlohmann::json to_json(const FlashReport& report);
std::string to_text(const FlashReport& report);

}  // namespace vigil::engine::target

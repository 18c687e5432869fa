// `vigil target test` (and the daemon's coming target/test) as one engine call: a compiled
// library on a board -- real hardware through OpenOCD, or a QEMU machine from the catalog --
// fed the learn and detect signals, every result compared with the emulator, cycles (or, under
// QEMU, instructions) measured per call, the real image's flash and RAM measured.
//
// Steps, each reported through the progress callback: read the zip and refuse a library built
// for another core (before anything is built or flashed); check the tools; emulate; build the
// test firmware; flash and run it (OpenOCD: program ... verify, semihosting, reset run) or run
// it under QEMU; judge the run; compare. Everything happens in a private temporary folder that
// is removed afterwards: nothing is written anywhere else.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "vigil/engine/boards/catalog.hpp"
#include "vigil/engine/project/project.hpp"
#include "vigil/engine/target/progress.hpp"
#include "vigil/engine/target/report.hpp"
#include "vigil/engine/util/cancel.hpp"

namespace vigil::engine::target {

struct TestRequest {
    std::string board;                         // catalog id ("nucleo-f401re", "qemu-m4"), any case
    std::filesystem::path library;             // the zip `vigil compile` wrote
    std::vector<std::string> learn, detect;    // signal files, in order (at least one learn file)
    std::chrono::milliseconds timeout{120000}; // the firmware's run, after flashing
    std::optional<std::filesystem::path> catalog;  // a catalog folder; default boards::default_catalog()
    std::filesystem::path scratch_dir;         // parent of the temporary folder (default: system temp)
};

// The board of that id in the catalog; util::ParameterError("board") naming the known ids.
boards::Board resolve_board(const std::string& id, const std::optional<std::filesystem::path>& catalog);

// Throws util::ParameterError ("board", "library", "learn", "timeout"), util::LocatedError (a
// bad zip or signal file), packaging::ToolchainError (arm-none-eabi-gcc, qemu-system-arm or
// openocd missing), packaging::CompileError (the firmware does not build or fit the board),
// DeviceError (probe, flash, fault, hang...), util::Cancelled. A report is returned whether
// or not the board agrees with the emulator: TestReport::passed() says.
TestReport run_target_test(const TestRequest& request, const ProgressCallback& progress, util::CancelFlag cancel);

struct BenchmarkLibrary {
    std::filesystem::path zip;  // the library zip to test
    int64_t library_id = 0;     // its row in the project's store (vigil libraries)
    bool compiled = false;      // false: a library already in the store was reused
};

// `vigil target test --benchmark ID`: the library of that benchmark's best recipe for this
// board (its core; hard float when the board has the FPU vigil compiles for), from the
// project's store when one was compiled already, else compiled and stored as `vigil compile`
// does (packaging::compile_for_project). Throws what compile_for_project throws.
BenchmarkLibrary library_for_benchmark(project::Project& project, std::optional<int64_t> benchmark,
                                       const boards::Board& board, util::CancelFlag cancel);

}  // namespace vigil::engine::target

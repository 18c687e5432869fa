#include "vigil/engine/target/firmware_run.hpp"

#include <system_error>

#include "vigil/engine/target/errors.hpp"
#include "vigil/engine/target/openocd_log.hpp"
#include "vigil/engine/util/atomic_file.hpp"

namespace vigil::engine::target {

namespace fs = std::filesystem;

namespace {

std::string tail_of(const FirmwareRunFacts& f) {
    std::string out;
    if (!f.firmware_output.empty()) out += "\n--- firmware output ---\n" + log_tail(f.firmware_output, 10);
    if (!f.log.empty()) out += "--- log ---\n" + log_tail(f.log, 15);
    return out;
}

}  // namespace

FirmwareResult judge_firmware_run(const FirmwareRunFacts& f, const fs::path& workdir, uint32_t recipe_id, size_t learn,
                                  size_t detect) {
    const fs::path result = workdir / kResultFile;
    std::error_code ec;
    const uintmax_t size = fs::is_regular_file(result, ec) ? fs::file_size(result, ec) : 0;
    const std::string position = progress_text(ec ? 0 : static_cast<size_t>(size), learn, detect);

    // The fault handler reports through SYS_WRITE0, which QEMU sends to its stderr and
    // OpenOCD to its stdout: look in both.
    if (auto fault = find_fault(f.firmware_output + "\n" + f.log))
        throw DeviceError(DeviceErrorKind::fault,
                          "the test firmware took a processor fault " + f.where + ", " + position + " (\"" + *fault +
                              "\"). What to do: check that the library was compiled for this board's core and FPU "
                              "(metadata.json), and run `vigil emulate` on the same signals; a fault in the library on "
                              "valid input is a bug to report with this output." + tail_of(f));
    if (auto error = find_firmware_error(f.firmware_output))
        throw DeviceError(DeviceErrorKind::protocol, "the test firmware refused its job " + f.where + ": " + *error +
                                                         ". What to do: rebuild and rerun; this is a bug of vigil if it "
                                                         "persists." + tail_of(f));
    const auto done = find_completion(f.firmware_output);
    if (!done && f.timed_out) {
        const long long s = f.timeout.count() / 1000;
        throw DeviceError(DeviceErrorKind::timeout,
                          "the test firmware did not finish within " + std::to_string(s) + " s " + f.where +
                              ": it stopped " + position + " (the host stopped it). What to do: if the board is slow "
                              "or the signals many, give more time (--timeout); if not, the firmware hung -- power-cycle "
                              "the board and run again." + tail_of(f));
    }
    if (!done)
        throw DeviceError(DeviceErrorKind::no_completion,
                          "the test firmware ended without its completion line " + f.where +
                              (f.exit_code ? " (exit status " + std::to_string(*f.exit_code) + ")" : std::string()) +
                              ", " + position + ". A firmware that faults without a working fault handler ends like "
                              "this (e.g. a hard-float build on a core without FPU). What to do: check the library's "
                              "core and float ABI against the board." + tail_of(f));
    std::string bytes;
    try {
        bytes = util::read_file(result);
    } catch (const std::runtime_error&) {
        throw DeviceError(DeviceErrorKind::protocol, "the test firmware reported completion " + f.where +
                                                         " but wrote no " + std::string(kResultFile) + tail_of(f));
    }
    return decode_result(bytes, *done, recipe_id, learn, detect);
}

}  // namespace vigil::engine::target

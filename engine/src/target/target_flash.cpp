#include "vigil/engine/target/target_flash.hpp"

#include <cstdio>

#include "../packaging/temp_folder.hpp"
#include "vigil/engine/target/image_file.hpp"
#include "vigil/engine/target/openocd_session.hpp"
#include "vigil/engine/target/target_test.hpp"
#include "vigil/engine/target/tools.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::engine::target {

namespace fs = std::filesystem;
using util::ParameterError;

namespace {

using Clock = std::chrono::steady_clock;

std::string hex(uint64_t v) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%08llx", static_cast<unsigned long long>(v));
    return buf;
}

}  // namespace

FlashReport flash_image(const FlashRequest& req, const ProgressCallback& progress, util::CancelFlag cancel) {
    FlashReport r;
    r.board = resolve_board(req.board, req.catalog);
    if (r.board.kind == boards::BoardKind::qemu)
        throw ParameterError("board", r.board.id + " is a QEMU machine, not a board with flash: there is nothing to flash "
                                                   "(vigil target test runs the QEMU boards directly)");
    if (!r.board.openocd) throw ParameterError("board", "board " + r.board.id + " has no OpenOCD configuration in the catalog");
    r.image = req.image.string();
    r.contents = read_image(req.image, r.board.flash.address);
    const uint64_t begin = r.board.flash.address, end = begin + r.board.flash.size;
    for (const auto& range : r.contents.ranges)
        if (range.address < begin || range.address + range.size > end)
            throw ParameterError("image", req.image.string() + " writes " + hex(range.address) + "-" +
                                              hex(range.address + range.size - 1) + ", outside the flash of board " +
                                              r.board.id + " (" + hex(begin) + "-" + hex(end - 1) +
                                              "): was it built for this board?");
    const fs::path openocd = find_openocd();
    util::throw_if_cancelled(cancel);

    const fs::path scratch = req.scratch_dir.empty() ? fs::temp_directory_path() : req.scratch_dir;
    packaging::TempFolder work(scratch, "vigil-flash-");
    // OpenOCD's program command takes the name inside braces: a private copy with a plain name
    // makes any user file name safe.
    const std::string copy = std::string("image.") + to_string(r.contents.format);
    fs::copy_file(req.image, work.path() / copy);

    OpenOcdOptions o;
    o.openocd = openocd;
    o.config_files = r.board.openocd->files();
    o.workdir = work.path();
    o.board = r.board.id;
    r.command = {openocd.string()};
    for (const auto& f : o.config_files) r.command.insert(r.command.end(), {"-f", f});
    r.command.insert(r.command.end(), {"-c", "tcl_port 0", "-c", "gdb_port disabled", "-c", "telnet_port disabled"});
    r.program_command = "program {" + copy + "}";
    if (r.contents.format == ImageFormat::bin) r.program_command.append(" ").append(hex(r.board.flash.address));
    r.program_command += " verify reset";

    const auto start = Clock::now();
    if (progress) progress({"connect", "starting OpenOCD for " + r.board.id, std::nullopt});
    OpenOcdSession ocd(o, cancel);
    if (progress) progress({"flash", "flashing " + req.image.filename().string() + " and verifying it", std::nullopt});
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(req.timeout - (Clock::now() - start));
    const auto p = ocd.evaluate(r.program_command, std::max(left, std::chrono::milliseconds(1000)));
    if (!p.ok) ocd.fail("flashing", p.text);
    r.verified = ocd.log().find("** Verified OK **") != std::string::npos;
    if (!r.verified) ocd.fail("verifying the flash (OpenOCD did not report \"** Verified OK **\")");
    ocd.shutdown();
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return r;
}

}  // namespace vigil::engine::target

#include "vigil/engine/target/target_test.hpp"

#include <algorithm>
#include <cstdio>
#include <regex>

#include "../packaging/temp_folder.hpp"
#include "vigil/engine/packaging/library_store.hpp"
#include "vigil/engine/packaging/project_compile.hpp"
#include "vigil/engine/packaging/toolchain.hpp"
#include "vigil/engine/search/best_library.hpp"
#include "vigil/engine/target/errors.hpp"
#include "vigil/engine/target/firmware_run.hpp"
#include "vigil/engine/target/image_file.hpp"
#include "vigil/engine/target/library_zip.hpp"
#include "vigil/engine/target/openocd_log.hpp"
#include "vigil/engine/target/openocd_session.hpp"
#include "vigil/engine/target/qemu_runner.hpp"
#include "vigil/engine/target/tools.hpp"
#include "vigil/engine/util/atomic_file.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::engine::target {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using util::ParameterError;

namespace {

using Clock = std::chrono::steady_clock;

constexpr milliseconds kProgramTimeout{180000};  // erase + write + verify of a large flash
constexpr milliseconds kCommandTimeout{10000};

std::string hex(uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}

// Reports the run's progress from the size of result.bin (one report per finished call).
class RunProgress {
public:
    RunProgress(const ProgressCallback& cb, fs::path result, size_t learn, size_t detect)
        : cb_(cb), result_(std::move(result)), learn_(learn), total_(learn + detect) {}
    void operator()() {
        if (!cb_ || total_ == 0) return;
        std::error_code ec;
        const auto size = fs::file_size(result_, ec);
        if (ec) return;
        const size_t done = calls_done(static_cast<size_t>(size), learn_);
        if (done == last_) return;
        last_ = done;
        const std::string what = done <= learn_ ? std::to_string(done) + " of " + std::to_string(learn_) + " learn calls"
                                                : std::to_string(done - learn_) + " of " +
                                                      std::to_string(total_ - learn_) + " detect calls";
        cb_({"run", what + " done", double(done) / double(total_)});
    }

private:
    const ProgressCallback& cb_;
    fs::path result_;
    size_t learn_, total_;
    size_t last_ = 0;  // the "run" stage itself said 0
};

// Per-call counts with the empty region's cost taken off (never below zero).
std::vector<uint64_t> net(const std::vector<uint64_t>& raw, uint64_t overhead) {
    std::vector<uint64_t> out;
    for (uint64_t v : raw) out.push_back(v > overhead ? v - overhead : 0);
    return out;
}

void measure_cycles(TestReport& r) {
    if (!r.board_result.counter_running) {
        if (r.runner != "qemu")
            r.notes.push_back(std::string("the ") + to_string(r.image.counter) +
                              " cycle counter did not run on this board: no cycle counts");
        return;
    }
    std::vector<uint64_t> learn, detect;
    for (const auto& l : r.board_result.learn) learn.push_back(l.cycles);
    for (const auto& d : r.board_result.detect) detect.push_back(d.cycles);
    r.learn_cycles = net(learn, r.board_result.overhead);
    r.detect_cycles = net(detect, r.board_result.overhead);
    r.notes.push_back(std::string("cycles from the ") + to_string(r.image.counter) +
                      ", at the clock the board runs after reset; the latency assumes the catalog's clock_hz with the "
                      "same cycle count (flash wait states can change it)");
}

void measure_instructions(TestReport& r, const std::string& plugin_output, bool plugin_used) {
    if (!plugin_used) {
        r.notes.push_back("QEMU has no timing model and the instruction-counting plugin (libicount.so, probes/qemu-icount; "
                          "VIGIL_QEMU_ICOUNT) was not found: no instruction counts");
        return;
    }
    const auto marks = icount_marks(plugin_output);
    const size_t learn = r.learn_sources.size(), detect = r.detect_sources.size();
    if (marks.size() != 2 + 2 * (learn + detect)) {
        r.notes.push_back("the instruction counter reported " + std::to_string(marks.size()) + " marks, expected " +
                          std::to_string(2 + 2 * (learn + detect)) + ": no instruction counts");
        return;
    }
    const uint64_t overhead = marks[1] - marks[0];
    for (size_t k = 0; k < learn + detect; ++k) {
        const uint64_t v = marks[2 + 2 * k + 1] - marks[2 + 2 * k];
        (k < learn ? r.learn_instructions : r.detect_instructions).push_back(v > overhead ? v - overhead : 0);
    }
    r.notes.push_back("QEMU has no timing model: instructions executed per call (icount plugin), not cycles");
}

FirmwareResult run_on_qemu(TestReport& r, const fs::path& dir, const TestSignals& signals, const LibraryZip& lib,
                           const TestRequest& req, const ProgressCallback& progress, util::CancelFlag cancel) {
    QemuRunRequest q;
    q.qemu = find_qemu();
    q.machine = r.board.qemu.machine;
    q.cpu = r.board.qemu.cpu;
    q.elf = r.image.elf;
    q.workdir = dir;
    q.icount_plugin = find_icount_plugin();
    if (q.icount_plugin) q.mark_address = r.image.mark_address;
    q.timeout = req.timeout;
    r.command = qemu_command(q);
    if (progress) progress({"run", "running under QEMU (" + q.machine + ")", 0.0});
    RunProgress tick(progress, dir / kResultFile, signals.learn_count(), signals.detect_count());
    const RunOutcome out = run_qemu(q, std::ref(tick), cancel);
    r.run_seconds = out.seconds;
    FirmwareRunFacts facts;
    facts.where = "under QEMU (" + q.machine + ", board " + r.board.id + ")";
    facts.firmware_output = out.out;
    facts.exit_code = out.exit_code;
    facts.timed_out = out.timed_out;
    facts.timeout = req.timeout;
    facts.log = out.err;
    FirmwareResult result = judge_firmware_run(facts, dir, vigil_recipe_id(&lib.recipe), signals.learn_count(),
                                               signals.detect_count());
    if (out.exit_code && *out.exit_code != 0)
        throw DeviceError(DeviceErrorKind::emulator_failed, "QEMU exited with status " + std::to_string(*out.exit_code) +
                                                                " after the firmware completed:\n" + out.err);
    measure_instructions(r, out.err, q.icount_plugin.has_value());
    return result;
}

FirmwareResult run_on_board(TestReport& r, const fs::path& dir, const TestSignals& signals, const LibraryZip& lib,
                            const TestRequest& req, const ProgressCallback& progress, util::CancelFlag cancel) {
    OpenOcdOptions o;
    o.openocd = find_openocd();
    o.config_files = r.board.openocd->files();
    o.workdir = dir;
    o.board = r.board.id;
    r.command = {o.openocd.string()};
    for (const auto& f : o.config_files) r.command.insert(r.command.end(), {"-f", f});
    r.command.insert(r.command.end(), {"-c", "tcl_port 0", "-c", "gdb_port disabled", "-c", "telnet_port disabled"});

    const auto start = Clock::now();
    if (progress) progress({"connect", "starting OpenOCD for " + r.board.id + " (" + r.board.debug_probe.value_or("probe") + ")", std::nullopt});
    OpenOcdSession ocd(o, cancel);
    const std::string elf = r.image.elf.filename().string();
    if (progress) progress({"flash", "flashing " + elf + " and verifying it", std::nullopt});
    if (auto p = ocd.evaluate("program {" + elf + "} verify", kProgramTimeout); !p.ok) ocd.fail("flashing", p.text);
    if (ocd.log().find("** Verified OK **") == std::string::npos) ocd.fail("verifying the flash");
    if (auto s = ocd.evaluate("arm semihosting enable", kCommandTimeout); !s.ok) ocd.fail("enabling semihosting", s.text);
    if (progress) progress({"run", "running on " + r.board.id, 0.0});
    if (auto s = ocd.evaluate("reset run", kCommandTimeout); !s.ok) ocd.fail("starting the firmware", s.text);

    RunProgress tick(progress, dir / kResultFile, signals.learn_count(), signals.detect_count());
    const auto finished = [&] {
        const std::string& out = ocd.semihosting_output();
        return find_completion(out) || find_fault(out) || find_firmware_error(out);
    };
    const bool ended = ocd.wait(finished, req.timeout, std::ref(tick));
    // OpenOCD itself stopped (lost the target, the probe was unplugged...): its log says why.
    if (ended && !finished() && !ocd.running() && diagnose_openocd_log(ocd.log())) ocd.fail("running the firmware");
    FirmwareRunFacts facts;
    facts.where = "on board " + r.board.id;
    facts.timed_out = !ended;
    facts.timeout = req.timeout;
    if (!ended) {
        // Where did it hang? Halt it and ask for the program counter.
        try {
            ocd.evaluate("halt", kCommandTimeout);
            const auto pc = ocd.evaluate("reg pc", kCommandTimeout);
            std::smatch m;
            if (pc.ok && std::regex_search(pc.text, m, std::regex("0x[0-9a-fA-F]+"))) {
                const uint32_t address = static_cast<uint32_t>(std::stoul(m.str(), nullptr, 16));
                const auto function = elf_function_at(r.image.elf, address);
                facts.where += " (halted by the host at pc " + hex(address) + (function ? ", in " + *function : "") + ")";
            }
        } catch (const std::exception&) {
            // Best effort: the timeout is the error that matters.
        }
    } else {
        ocd.wait([] { return false; }, milliseconds(3000));  // OpenOCD exits on the firmware's exit
    }
    ocd.shutdown();
    facts.firmware_output = ocd.semihosting_output();
    facts.exit_code = ocd.process().exit_code();
    facts.log = ocd.log();
    r.run_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return judge_firmware_run(facts, dir, vigil_recipe_id(&lib.recipe), signals.learn_count(), signals.detect_count());
}

}  // namespace

boards::Board resolve_board(const std::string& id, const std::optional<fs::path>& catalog_dir) {
    const auto catalog = catalog_dir ? boards::load_catalog(*catalog_dir) : boards::default_catalog();
    if (auto b = boards::find_board(catalog, id)) return *b;
    std::string ids;
    for (const auto& b : catalog) ids += (ids.empty() ? "" : ", ") + b.id;
    throw ParameterError("board", "no board '" + id + "' in the catalog (known: " + ids + "; see vigil boards)");
}

TestReport run_target_test(const TestRequest& req, const ProgressCallback& progress, util::CancelFlag cancel) {
    if (req.learn.empty()) throw ParameterError("learn", "give at least one file of signals to learn");
    if (req.timeout.count() <= 0) throw ParameterError("timeout", "the time limit must be positive");
    TestReport r;
    r.board = resolve_board(req.board, req.catalog);
    if (r.board.kind == boards::BoardKind::board && !r.board.openocd)
        throw ParameterError("board", "board " + r.board.id + " has no OpenOCD configuration in the catalog");
    r.runner = r.board.kind == boards::BoardKind::qemu ? "qemu" : "openocd";

    if (progress) progress({"library", "reading " + req.library.string(), std::nullopt});
    const LibraryZip lib = read_library_zip(req.library);
    // Refused here, before anything is built or flashed.
    r.compatibility_note = check_library_fits(lib, r.board);
    r.library = {lib.id, lib.top, lib.recipe_id, lib.core, lib.float_abi, lib.fpu, req.library.string(),
                 lib.metadata.value("ram_bytes", nlohmann::json(nullptr)),
                 lib.metadata.value("flash_bytes", nlohmann::json(nullptr)), std::nullopt};
    if (auto b = lib.metadata.find("benchmark"); b != lib.metadata.end() && b->is_number_integer())
        r.library.benchmark = b->get<int64_t>();

    // Every program needed, before the work starts.
    packaging::find_toolchain();
    if (r.runner == "qemu") find_qemu();
    else find_openocd();

    const TestSignals signals = load_test_signals(req.learn, req.detect, lib.recipe);
    r.learn_sources = signals.learn_sources;
    r.detect_sources = signals.detect_sources;
    util::throw_if_cancelled(cancel);
    if (progress) progress({"emulate", "the emulator on " + std::to_string(signals.learn_count()) + " learn and " +
                                           std::to_string(signals.detect_count()) + " detect signals", std::nullopt});
    r.emulator = emulate(lib.recipe, signals);

    const fs::path scratch = req.scratch_dir.empty() ? fs::temp_directory_path() : req.scratch_dir;
    packaging::TempFolder work(scratch, "vigil-target-");
    if (progress) progress({"build", "building the test firmware for " + r.board.id, std::nullopt});
    r.image = build_test_firmware(lib, r.board, work.path(), cancel);
    util::write_file_atomically(work.path() / kJobFile,
                                encode_job(vigil_recipe_id(&lib.recipe), signals.floats, signals.learn, signals.detect));
    util::throw_if_cancelled(cancel);

    r.board_result = r.runner == "qemu" ? run_on_qemu(r, work.path(), signals, lib, req, progress, cancel)
                                        : run_on_board(r, work.path(), signals, lib, req, progress, cancel);
    if (r.runner != "qemu") measure_cycles(r);
    if (progress) progress({"compare", "comparing with the emulator", std::nullopt});
    r.agreement = compare(r.board_result, r.emulator, signals);
    return r;
}

BenchmarkLibrary library_for_benchmark(project::Project& project, std::optional<int64_t> benchmark,
                                       const boards::Board& board, util::CancelFlag cancel) {
    const auto best = search::best_library(project, benchmark);
    const auto [core, abi] = library_target_for(board);
    std::vector<uint8_t> encoded(VIGIL_RECIPE_ENCODED_SIZE);
    if (vigil_recipe_encode(&best.recipe, encoded.data()) != VIGIL_OK)
        throw std::runtime_error("benchmark " + std::to_string(best.benchmark) + ": its best recipe is not valid");
    packaging::LibraryStore store(project);
    const auto rows = store.list();
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
        if (it->core != core || it->float_abi != abi || it->recipe != encoded) continue;
        const fs::path zip = project.root() / it->archive_path;
        if (fs::is_regular_file(zip)) return {zip, it->id, false};
    }
    packaging::ProjectCompileRequest request;
    request.benchmark = best.benchmark;
    request.core = core;
    request.float_abi = abi;
    request.cancel = cancel;
    const auto compiled = packaging::compile_for_project(project, request);
    return {project.root() / compiled.record.archive_path, compiled.record.id, true};
}

}  // namespace vigil::engine::target

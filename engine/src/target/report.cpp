#include "vigil/engine/target/report.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <numeric>

namespace vigil::engine::target {

namespace {

using nlohmann::json;

json status_json(uint32_t s) { return emulation::status_text(static_cast<vigil_status>(s)); }

json float_json(uint32_t bits) {
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

json stats(const std::vector<uint64_t>& v) {
    if (v.empty()) return nullptr;
    const uint64_t sum = std::accumulate(v.begin(), v.end(), uint64_t{0});
    return {{"calls", v.size()},
            {"mean", double(sum) / double(v.size())},
            {"min", *std::min_element(v.begin(), v.end())},
            {"max", *std::max_element(v.begin(), v.end())}};
}

double mean(const std::vector<uint64_t>& v) {
    return v.empty() ? 0.0 : double(std::accumulate(v.begin(), v.end(), uint64_t{0})) / double(v.size());
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
}

std::string duration(double seconds) {
    char buf[32];
    if (seconds >= 1) std::snprintf(buf, sizeof buf, "%.2f s", seconds);
    else if (seconds >= 1e-3) std::snprintf(buf, sizeof buf, "%.2f ms", seconds * 1e3);
    else std::snprintf(buf, sizeof buf, "%.1f us", seconds * 1e6);
    return buf;
}

std::string mhz(uint64_t hz) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g MHz", double(hz) / 1e6);
    return buf;
}

std::string board_line(const boards::Board& b) {
    return b.id + " (" + b.name + ", " + std::string(project::to_string(b.core)) + (b.fpu ? " " + *b.fpu : "") + ", " +
           mhz(b.clock_hz) + ")";
}

json difference_json(const std::optional<Difference>& d) {
    if (!d) return nullptr;
    return {{"call", d->call},
            {"index", d->index},
            {"file", d->source.file.empty() ? json(nullptr) : json(d->source.file)},
            {"line", d->source.line ? json(d->source.line) : json(nullptr)},
            {"field", d->field},
            {"board", d->board},
            {"emulator", d->emulator}};
}

template <class T>
json at_or_null(const std::vector<T>& v, size_t i) {
    return i < v.size() ? json(v[i]) : json(nullptr);
}

}  // namespace

json to_json(const TestReport& r) {
    json out;
    out["verdict"] = r.passed() ? "agree" : "differ";
    out["board"] = {{"id", r.board.id},           {"name", r.board.name},
                    {"kind", boards::to_string(r.board.kind)}, {"mcu", r.board.mcu},
                    {"core", project::to_string(r.board.core)}, {"fpu", r.board.fpu ? json(*r.board.fpu) : json(nullptr)},
                    {"clock_hz", r.board.clock_hz}};
    out["runner"] = {{"kind", r.runner}, {"command", r.command}, {"seconds", r.run_seconds}};
    out["library"] = {{"id", r.library.id},
                      {"name", r.library.name},
                      {"recipe_id", r.library.recipe_id},
                      {"core", r.library.core},
                      {"float_abi", r.library.float_abi},
                      {"fpu", r.library.fpu.empty() ? json(nullptr) : json(r.library.fpu)},
                      {"zip", r.library.zip},
                      {"benchmark", r.library.benchmark ? json(*r.library.benchmark) : json(nullptr)},
                      {"ram_bytes", r.library.ram_bytes},
                      {"flash_bytes", r.library.flash_bytes},
                      {"compatibility", r.compatibility_note.empty() ? json(nullptr) : json(r.compatibility_note)}};
    out["image"] = {{"flash_bytes", r.image.flash_bytes()},
                    {"ram_bytes", r.image.ram_bytes()},
                    {"stack_bytes", r.image.stack},
                    {"text", r.image.text},
                    {"data", r.image.data},
                    {"bss", r.image.bss},
                    {"board_flash_bytes", r.board.flash.size},
                    {"board_ram_bytes", r.board.ram.size},
                    {"measured_with", "arm-none-eabi-size"},
                    {"toolchain", r.image.toolchain}};
    out["agreement"] = {{"matching", r.agreement.matching},
                        {"total", r.agreement.total},
                        {"first_difference", difference_json(r.agreement.first_difference)}};

    const bool cycles = !r.learn_cycles.empty() || !r.detect_cycles.empty();
    const bool instructions = !r.learn_instructions.empty() || !r.detect_instructions.empty();
    json timing;
    timing["counter"] = r.runner == "qemu" ? json(nullptr) : json(to_string(r.image.counter));
    timing["unit"] = cycles ? json("cycles") : instructions ? json("instructions") : json(nullptr);
    timing["cycles"] = cycles ? json{{"learn", stats(r.learn_cycles)}, {"detect", stats(r.detect_cycles)}} : json(nullptr);
    timing["instructions"] =
        instructions ? json{{"learn", stats(r.learn_instructions)}, {"detect", stats(r.detect_instructions)}} : json(nullptr);
    if (cycles && r.board.clock_hz > 0)
        timing["latency_us"] = {{"clock_hz", r.board.clock_hz},
                                {"learn", r.learn_cycles.empty() ? json(nullptr) : json(mean(r.learn_cycles) * 1e6 / double(r.board.clock_hz))},
                                {"detect", r.detect_cycles.empty() ? json(nullptr) : json(mean(r.detect_cycles) * 1e6 / double(r.board.clock_hz))}};
    else
        timing["latency_us"] = nullptr;
    out["timing"] = timing;

    out["init"] = {{"status", status_json(r.board_result.init_status)}, {"emulator_status", status_json(r.emulator.init)},
                   {"match", r.agreement.init_match}};
    json learn = json::array();
    for (size_t i = 0; i < r.learn_sources.size(); ++i) {
        learn.push_back({{"file", r.learn_sources[i].file},
                         {"line", r.learn_sources[i].line},
                         {"status", status_json(r.board_result.learn.at(i).status)},
                         {"emulator_status", status_json(r.emulator.learn.at(i))},
                         {"match", bool(r.agreement.learn_match.at(i))},
                         {"cycles", at_or_null(r.learn_cycles, i)},
                         {"instructions", at_or_null(r.learn_instructions, i)}});
    }
    out["learn"] = std::move(learn);
    json detect = json::array();
    for (size_t i = 0; i < r.detect_sources.size(); ++i) {
        const auto& b = r.board_result.detect.at(i);
        const auto& e = r.emulator.detect.at(i);
        const bool ok = b.status == VIGIL_OK;
        detect.push_back({{"file", r.detect_sources[i].file},
                          {"line", r.detect_sources[i].line},
                          {"status", status_json(b.status)},
                          {"similarity", ok ? json(b.similarity) : json(nullptr)},
                          {"exact", ok && b.exact_status == VIGIL_OK ? float_json(b.exact_bits) : json(nullptr)},
                          {"anomaly", ok ? json(b.similarity < VIGIL_SIMILARITY_THRESHOLD) : json(nullptr)},
                          {"emulator",
                           {{"status", status_json(e.status)},
                            {"similarity", e.status == VIGIL_OK ? json(e.similarity) : json(nullptr)},
                            {"exact", e.status == VIGIL_OK && e.exact_status == VIGIL_OK ? json(e.exact) : json(nullptr)}}},
                          {"match", bool(r.agreement.detect_match.at(i))},
                          {"cycles", at_or_null(r.detect_cycles, i)},
                          {"instructions", at_or_null(r.detect_instructions, i)}});
    }
    out["detect"] = std::move(detect);
    out["notes"] = r.notes;
    return out;
}

std::string to_text(const TestReport& r) {
    std::string t;
    const auto line = [&](const std::string& s) { t += s + "\n"; };
    line("board    " + board_line(r.board) + (r.runner == "qemu" ? ", run under QEMU" : ", through OpenOCD"));
    line("library  " + r.library.id + " (" + r.library.core + ", " + r.library.float_abi + " float) from " + r.library.zip);
    if (!r.compatibility_note.empty()) line("         " + r.compatibility_note);
    line("image    flash " + std::to_string(r.image.flash_bytes()) + " bytes (text " + std::to_string(r.image.text) +
         " + data " + std::to_string(r.image.data) + ") of " + std::to_string(r.board.flash.size) + ", RAM " +
         std::to_string(r.image.ram_bytes()) + " bytes (data " + std::to_string(r.image.data) + " + bss " +
         std::to_string(r.image.bss) + ") + " + std::to_string(r.image.stack) + " stack of " +
         std::to_string(r.board.ram.size));
    const auto timing = [&](const char* what, const std::vector<uint64_t>& cyc, const std::vector<uint64_t>& ins) {
        if (!cyc.empty()) {
            const double m = mean(cyc);
            std::string s = std::string(what) + "mean " + number(m) + " cycles (min " +
                            std::to_string(*std::min_element(cyc.begin(), cyc.end())) + ", max " +
                            std::to_string(*std::max_element(cyc.begin(), cyc.end())) + ")";
            if (r.board.clock_hz) s += " = " + duration(m / double(r.board.clock_hz)) + " at " + mhz(r.board.clock_hz);
            line(s);
        } else if (!ins.empty()) {
            line(std::string(what) + "mean " + number(mean(ins)) + " instructions (min " +
                 std::to_string(*std::min_element(ins.begin(), ins.end())) + ", max " +
                 std::to_string(*std::max_element(ins.begin(), ins.end())) + ")");
        }
    };
    timing("learn    ", r.learn_cycles, r.learn_instructions);
    timing("detect   ", r.detect_cycles, r.detect_instructions);
    for (const auto& n : r.notes) line("note     " + n);
    const auto& a = r.agreement;
    line("agreement " + std::to_string(a.matching) + " of " + std::to_string(a.total) + " calls (init, " +
         std::to_string(r.learn_sources.size()) + " learn, " + std::to_string(r.detect_sources.size()) +
         " detect): statuses, similarities and exact similarities against the emulator");
    if (const auto& d = a.first_difference) {
        std::string where = d->call;
        if (d->call != "init") where += " " + std::to_string(d->index + 1);
        if (!d->source.file.empty()) where += " (" + d->source.file + ":" + std::to_string(d->source.line) + ")";
        line("first difference: " + where + ": " + d->field + " on the board " + d->board + ", in the emulator " + d->emulator);
    }
    line(r.passed() ? "verdict  AGREE: the board computes what the emulator computes"
                    : "verdict  DIFFER: the board and the emulator disagree");
    return t;
}

json to_json(const FlashReport& r) {
    json ranges = json::array();
    for (const auto& x : r.contents.ranges) ranges.push_back({{"address", x.address}, {"bytes", x.size}});
    return {{"board", {{"id", r.board.id}, {"name", r.board.name}}},
            {"image", r.image},
            {"format", to_string(r.contents.format)},
            {"bytes", r.contents.bytes},
            {"ranges", std::move(ranges)},
            {"verified", r.verified},
            {"seconds", r.seconds},
            {"command", r.command},
            {"program", r.program_command}};
}

std::string to_text(const FlashReport& r) {
    char where[64];
    const uint64_t first = r.contents.ranges.empty() ? 0 : r.contents.ranges.front().address;
    std::snprintf(where, sizeof where, "0x%08llx", static_cast<unsigned long long>(first));
    return "flashed " + r.image + " (" + to_string(r.contents.format) + ", " + std::to_string(r.contents.bytes) +
           " bytes from " + where + ") to " + r.board.id + " (" + r.board.name + ")" +
           (r.verified ? ", verified" : ", NOT verified") + ", target reset and running (" + duration(r.seconds) + ")\n";
}

}  // namespace vigil::engine::target

#include "vigil/engine/boards/catalog.hpp"
#include "vigil/engine/packaging/embedded_files.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <set>

// engine/CMakeLists.txt sets it on this file only: the source tree's probes/boards.
#ifndef VIGIL_BOARDS_SOURCE_DIR
#error "VIGIL_BOARDS_SOURCE_DIR must name the source tree's probes/boards (engine/CMakeLists.txt)"
#endif

namespace vigil::engine::boards {

namespace fs = std::filesystem;

CatalogError::CatalogError(std::string file_, std::string field_, const std::string& message)
    : std::runtime_error(file_ + ": " + field_ + ": " + message), file(std::move(file_)), field(std::move(field_)) {}

namespace {

constexpr std::string_view kKindNames[] = {"board", "qemu"};
constexpr std::string_view kProbeNames[] = {"ST-LINK", "CMSIS-DAP", "J-Link"};
constexpr uint64_t kAddressSpace = uint64_t{1} << 32;  // Cortex-M addresses are 32-bit

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

template <typename Names>
std::string join(const Names& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

// The -mfpu values each core can have (the flags of /work/shared/notes and cores.cmake); an
// empty list means the core has no FPU. An M4, M7 or M33 may also be built without one.
std::vector<std::string_view> fpus_of(project::Core core) {
    switch (core) {
        case project::Core::cortex_m4: return {"fpv4-sp-d16"};
        case project::Core::cortex_m7: return {"fpv5-sp-d16", "fpv5-d16"};
        case project::Core::cortex_m33: return {"fpv5-sp-d16"};
        default: return {};
    }
}

// Reads one board file's JSON, failing with the file and the JSON path of the bad field.
class Reader {
public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const std::string& field, const std::string& message) const {
        throw CatalogError(file_, field, message);
    }

    // A typo must not be silently ignored: every key must be one we read.
    void only_keys(const nlohmann::json& obj, const std::string& prefix, const std::set<std::string>& allowed) const {
        for (auto it = obj.begin(); it != obj.end(); ++it)
            if (!allowed.count(it.key())) fail(prefix + it.key(), "unknown field (allowed: " + join(allowed) + ")");
    }

    const nlohmann::json& object(const nlohmann::json& obj, const std::string& key, const std::string& field,
                                 const std::string& what) const {
        if (!obj.contains(key)) fail(field, "missing (" + what + ")");
        if (!obj[key].is_object()) fail(field, "must be an object (" + what + "), got " + std::string(obj[key].type_name()));
        return obj[key];
    }

    // A required, non-empty text.
    std::string text(const nlohmann::json& obj, const std::string& key, const std::string& field) const {
        if (!obj.contains(key)) fail(field, "missing (a text is required)");
        auto t = nullable_text(obj, key, field);
        if (!t) fail(field, "must be a text, got null");
        return *t;
    }

    // An absent key or null gives nothing; otherwise a non-empty text.
    std::optional<std::string> nullable_text(const nlohmann::json& obj, const std::string& key,
                                             const std::string& field) const {
        if (!obj.contains(key) || obj[key].is_null()) return std::nullopt;
        if (!obj[key].is_string()) fail(field, "must be a text, got " + std::string(obj[key].type_name()));
        std::string t = obj[key].get<std::string>();
        if (t.empty()) fail(field, "must not be empty");
        return t;
    }

    // A key that must be written even when it has no value (null), so that "no FPU" or "no
    // probe" is a statement, not an omission.
    void require_key(const nlohmann::json& obj, const std::string& key, const std::string& field,
                     const std::string& what) const {
        if (!obj.contains(key)) fail(field, "missing (" + what + "; write null when there is none)");
    }

    // A required whole number in [min, max].
    uint64_t whole(const nlohmann::json& obj, const std::string& key, const std::string& field, uint64_t min,
                   uint64_t max) const {
        if (!obj.contains(key)) fail(field, "missing (a whole number is required)");
        const auto& v = obj[key];
        const bool non_negative = v.is_number_unsigned() || (v.is_number_integer() && v.get<int64_t>() >= 0);
        if (!non_negative || v.get<uint64_t>() < min || v.get<uint64_t>() > max)
            fail(field, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                            ", got " + v.dump());
        return v.get<uint64_t>();
    }

    MemoryRegion region(const nlohmann::json& obj, const std::string& key) const {
        const auto& r = object(obj, key, key, "\"address\" and \"size\" in bytes");
        only_keys(r, key + ".", {"address", "size"});
        MemoryRegion m;
        m.address = whole(r, "address", key + ".address", 0, kAddressSpace - 1);
        m.size = whole(r, "size", key + ".size", 1, kAddressSpace);
        if (m.address + m.size > kAddressSpace) fail(key + ".size", "the region ends beyond the 4 GiB address space");
        return m;
    }

    // A path relative to OpenOCD's scripts folder, as `openocd -f` takes it.
    std::string config_path(const nlohmann::json& obj, const std::string& key, const std::string& field) const {
        const std::string p = text(obj, key, field);
        const fs::path path(p);
        if (path.is_absolute() || std::find(path.begin(), path.end(), fs::path("..")) != path.end())
            fail(field, "must be relative to OpenOCD's scripts folder (like \"board/st_nucleo_f4.cfg\"), got '" + p + "'");
        if (path.extension() != ".cfg") fail(field, "must name a .cfg file, got '" + p + "'");
        return p;
    }

private:
    std::string file_;
};

bool valid_id(const std::string& id) {
    if (id.empty() || id.front() == '-') return false;
    return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

}  // namespace

std::string_view to_string(BoardKind kind) { return kKindNames[static_cast<int>(kind)]; }

const std::vector<std::string_view>& debug_probe_names() {
    static const std::vector<std::string_view> names(std::begin(kProbeNames), std::end(kProbeNames));
    return names;
}

std::vector<std::string> OpenOcdConfig::files() const {
    if (!board.empty()) return {board};
    return {interface, target};
}

nlohmann::json to_json(const Board& b) {
    auto opt = [](const std::optional<std::string>& s) { return s ? nlohmann::json(*s) : nlohmann::json(nullptr); };
    nlohmann::json openocd = nullptr;
    if (b.openocd) {
        openocd = nlohmann::json::object();
        if (!b.openocd->board.empty()) openocd["board"] = b.openocd->board;
        if (!b.openocd->interface.empty()) openocd["interface"] = b.openocd->interface;
        if (!b.openocd->target.empty()) openocd["target"] = b.openocd->target;
    }
    nlohmann::json qemu = {{"machine", b.qemu.machine}};
    if (b.qemu.cpu) qemu["cpu"] = *b.qemu.cpu;
    nlohmann::json j = {
        {"id", b.id},
        {"name", b.name},
        {"kind", std::string(to_string(b.kind))},
        {"mcu", b.mcu},
        {"core", std::string(project::to_string(b.core))},
        {"fpu", opt(b.fpu)},
        {"flash", {{"address", b.flash.address}, {"size", b.flash.size}}},
        {"ram", {{"address", b.ram.address}, {"size", b.ram.size}}},
        {"clock_hz", b.clock_hz},
        {"debug_probe", opt(b.debug_probe)},
        {"openocd", openocd},
        {"serial", {{"baud", b.serial.baud}, {"device", opt(b.serial.device)}}},
        {"qemu", qemu},
    };
    if (!b.notes.empty()) j["notes"] = b.notes;
    return j;
}

Board board_from_json(const nlohmann::json& j, const std::string& file) {
    Reader r(file);
    if (!j.is_object()) r.fail("(root)", "must be a JSON object");
    r.only_keys(j, "", {"id", "name", "kind", "mcu", "core", "fpu", "flash", "ram", "clock_hz", "debug_probe",
                        "openocd", "serial", "qemu", "notes"});
    Board b;

    b.id = r.text(j, "id", "id");
    if (!valid_id(b.id)) r.fail("id", "must be lowercase letters, digits and '-' (like \"nucleo-f401re\"), got '" + b.id + "'");
    if (!file.empty() && fs::path(file).stem().string() != b.id)
        r.fail("id", "must be the file's name without .json ('" + fs::path(file).stem().string() + "'), got '" + b.id + "'");
    b.name = r.text(j, "name", "name");
    b.mcu = r.text(j, "mcu", "mcu");

    const std::string kind = r.text(j, "kind", "kind");
    if (kind == "board") b.kind = BoardKind::board;
    else if (kind == "qemu") b.kind = BoardKind::qemu;
    else r.fail("kind", "must be \"board\" or \"qemu\", got '" + kind + "'");

    // The canonical spelling only ("cortex-m4", not "M4"): the catalog is data others read.
    const std::string core = r.text(j, "core", "core");
    const auto c = project::parse_core(core);
    if (!c || project::to_string(*c) != core)
        r.fail("core", "unknown core '" + core + "' (accepted: " + join(project::core_names()) + ")");
    b.core = *c;

    r.require_key(j, "fpu", "fpu", "the -mfpu of the core's FPU, like \"fpv4-sp-d16\"");
    b.fpu = r.nullable_text(j, "fpu", "fpu");
    if (b.fpu) {
        const auto allowed = fpus_of(b.core);
        if (allowed.empty()) r.fail("fpu", "a " + core + " has no FPU: must be null, got '" + *b.fpu + "'");
        if (std::find(allowed.begin(), allowed.end(), *b.fpu) == allowed.end())
            r.fail("fpu", "a " + core + " FPU is one of " + join(allowed) + " (or null), got '" + *b.fpu + "'");
    }

    b.flash = r.region(j, "flash");
    b.ram = r.region(j, "ram");
    b.clock_hz = r.whole(j, "clock_hz", "clock_hz", 1000, 10'000'000'000);

    r.require_key(j, "debug_probe", "debug_probe", "the probe on or for the board: " + join(kProbeNames));
    b.debug_probe = r.nullable_text(j, "debug_probe", "debug_probe");
    if (b.debug_probe && std::find(std::begin(kProbeNames), std::end(kProbeNames), *b.debug_probe) == std::end(kProbeNames))
        r.fail("debug_probe", "unknown probe '" + *b.debug_probe + "' (accepted: " + join(kProbeNames) + ", or null)");

    r.require_key(j, "openocd", "openocd", "{\"board\": ...} or {\"interface\": ..., \"target\": ...}");
    if (!j["openocd"].is_null()) {
        const auto& o = r.object(j, "openocd", "openocd", "{\"board\": ...} or {\"interface\": ..., \"target\": ...}");
        r.only_keys(o, "openocd.", {"board", "interface", "target"});
        OpenOcdConfig cfg;
        if (o.contains("board")) {
            if (o.contains("interface") || o.contains("target"))
                r.fail("openocd.board", "a board config already names the interface and target: give either "
                                        "\"board\" or \"interface\" and \"target\", not both");
            cfg.board = r.config_path(o, "board", "openocd.board");
        } else {
            if (!o.contains("interface") && !o.contains("target"))
                r.fail("openocd", "needs \"board\", or \"interface\" and \"target\"");
            if (!o.contains("interface")) r.fail("openocd.interface", "missing (the probe's config, like \"interface/stlink.cfg\")");
            if (!o.contains("target")) r.fail("openocd.target", "missing (the chip's config, like \"target/stm32f4x.cfg\")");
            cfg.interface = r.config_path(o, "interface", "openocd.interface");
            cfg.target = r.config_path(o, "target", "openocd.target");
        }
        b.openocd = cfg;
    }

    // A QEMU machine has no probe and no OpenOCD; a real board needs both to be flashed.
    if (b.kind == BoardKind::qemu) {
        if (b.debug_probe) r.fail("debug_probe", "must be null for a \"qemu\" board (QEMU's GDB stub is its probe)");
        if (b.openocd) r.fail("openocd", "must be null for a \"qemu\" board");
    } else {
        if (!b.debug_probe) r.fail("debug_probe", "a real board needs its probe (" + join(kProbeNames) + ")");
        if (!b.openocd) r.fail("openocd", "a real board needs its OpenOCD configuration");
    }

    const auto& serial = r.object(j, "serial", "serial", "\"baud\" and the typical \"device\"");
    r.only_keys(serial, "serial.", {"baud", "device"});
    b.serial.baud = static_cast<uint32_t>(r.whole(serial, "baud", "serial.baud", 50, 20'000'000));
    b.serial.device = r.nullable_text(serial, "device", "serial.device");

    const auto& qemu = r.object(j, "qemu", "qemu", "the \"machine\" that runs this core, like \"mps2-an386\"");
    r.only_keys(qemu, "qemu.", {"machine", "cpu"});
    b.qemu.machine = r.text(qemu, "machine", "qemu.machine");
    b.qemu.cpu = r.nullable_text(qemu, "cpu", "qemu.cpu");

    if (auto notes = r.nullable_text(j, "notes", "notes")) b.notes = *notes;
    return b;
}

std::vector<Board> load_catalog(const fs::path& dir) {
    if (!fs::is_directory(dir)) throw std::runtime_error(dir.string() + ": the board catalog folder does not exist");
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    if (files.empty()) throw std::runtime_error(dir.string() + ": no board file (*.json) in the board catalog folder");

    std::vector<Board> catalog;
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw CatalogError(path.string(), "(file)", "cannot be read");
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(in);
        } catch (const nlohmann::json::parse_error& e) {
            throw CatalogError(path.string(), "(json)", std::string("not valid JSON: ") + e.what());
        }
        catalog.push_back(board_from_json(j, path.string()));
    }
    std::sort(catalog.begin(), catalog.end(), [](const Board& a, const Board& b) { return a.id < b.id; });
    return catalog;
}

fs::path default_catalog_dir() {
    if (const char* env = std::getenv("VIGIL_BOARDS_DIR"); env && *env) {
        if (!fs::is_directory(env))
            throw std::runtime_error(std::string("VIGIL_BOARDS_DIR=") + env +
                                     " is not a folder (it should hold the board catalog's *.json files)");
        return env;
    }
    const fs::path baked = VIGIL_BOARDS_SOURCE_DIR;
    if (!fs::is_directory(baked))
        throw std::runtime_error("the board catalog is not found: " + baked.string() +
                                 " (probes/boards in the source tree this vigil was built from) does not exist; "
                                 "set VIGIL_BOARDS_DIR to a folder of board files");
    return baked;
}

std::vector<Board> default_catalog() {
    if (const char* env = std::getenv("VIGIL_BOARDS_DIR"); env && *env) return load_catalog(default_catalog_dir());
    std::vector<Board> catalog;
    for (const auto& f : packaging::embedded_files()) {
        if (!f.name.starts_with("boards/")) continue;
        const std::string name = "<embedded>/" + std::string(f.name);
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(f.content);
        } catch (const nlohmann::json::parse_error& e) {
            throw CatalogError(name, "(json)", std::string("not valid JSON: ") + e.what());
        }
        catalog.push_back(board_from_json(j, name));
    }
    if (catalog.empty()) throw std::logic_error("no board catalog embedded in this build");
    std::sort(catalog.begin(), catalog.end(), [](const Board& a, const Board& b) { return a.id < b.id; });
    return catalog;
}

std::optional<Board> find_board(const std::vector<Board>& catalog, std::string_view id) {
    const std::string wanted = lower(id);
    for (const auto& b : catalog)
        if (lower(b.id) == wanted) return b;
    return std::nullopt;
}

}  // namespace vigil::engine::boards

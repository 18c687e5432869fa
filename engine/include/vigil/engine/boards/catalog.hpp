// The board catalog: one JSON file per board in probes/boards/ (the format is in
// docs/targets.md, "The board catalog"). A board says which core to compile for, how much
// flash and RAM a library may use, how OpenOCD reaches it, which serial port it logs on and
// which QEMU machine stands in for it. Loading refuses a malformed file naming the file and
// the field (DESIGN.md, principle 8), so every later step can trust a Board.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/engine/project/settings.hpp"

namespace vigil::engine::boards {

// A refused board file: `field` is the JSON path ("flash.size"), `file` the file involved.
struct CatalogError : std::runtime_error {
    CatalogError(std::string file, std::string field, const std::string& message);
    std::string file;
    std::string field;
};

enum class BoardKind { board, qemu };  // a real board, or a QEMU machine used as one

struct MemoryRegion {
    uint64_t address = 0;  // the region fits below 4 GiB: address + size <= 2^32
    uint64_t size = 0;     // bytes, > 0
};

// How OpenOCD reaches the board: either one board-level config (`board`), or an interface
// config plus a target config. Paths are relative to OpenOCD's scripts folder
// ("board/st_nucleo_f4.cfg"), as given to `openocd -f`.
struct OpenOcdConfig {
    std::string board;
    std::string interface;
    std::string target;
    // The files to pass with -f, in order: {board} or {interface, target}.
    std::vector<std::string> files() const;
};

struct SerialPort {
    uint32_t baud = 115200;
    std::optional<std::string> device;  // typical host device ("/dev/ttyACM0"); none for QEMU
};

struct QemuMachine {
    std::string machine;             // qemu-system-arm -M
    std::optional<std::string> cpu;  // qemu-system-arm -cpu, when the machine's default is not it
};

struct Board {
    std::string id;    // the file's stem: lowercase letters, digits and '-'
    std::string name;  // as the vendor spells it ("NUCLEO-F401RE")
    BoardKind kind = BoardKind::board;
    std::string mcu;   // "STM32F401RET6"
    project::Core core = project::Core::cortex_m4;
    std::optional<std::string> fpu;  // -mfpu value ("fpv4-sp-d16"); none: soft float only
    MemoryRegion flash;
    MemoryRegion ram;  // the main SRAM a default linker script uses (other banks: see notes)
    uint64_t clock_hz = 0;                    // maximum core clock
    std::optional<std::string> debug_probe;   // "ST-LINK", "CMSIS-DAP", "J-Link"; none for QEMU
    std::optional<OpenOcdConfig> openocd;     // none for QEMU
    SerialPort serial;
    QemuMachine qemu;   // the machine that runs this board's core under QEMU
    std::string notes;  // free text: other memory banks, serial port wiring...
};

std::string_view to_string(BoardKind kind);
const std::vector<std::string_view>& debug_probe_names();

// The board as it is written in its file (same keys, same order of meaning).
nlohmann::json to_json(const Board& board);
// Throws CatalogError naming the field for a missing, mistyped, out-of-range or unknown key.
// `file` is used in messages and, when not empty, its stem must equal "id".
Board board_from_json(const nlohmann::json& json, const std::string& file);

// Every *.json file in `dir`, sorted by id. Throws CatalogError for a malformed file (naming it
// and the field) and std::runtime_error when `dir` is missing or holds no board.
std::vector<Board> load_catalog(const std::filesystem::path& dir);

// Where the catalog is: $VIGIL_BOARDS_DIR when set, else the source tree's probes/boards
// (baked in at build time). Throws std::runtime_error saying what to do when it is missing.
std::filesystem::path default_catalog_dir();

// The catalog `vigil boards` and the daemon's board/list show: VIGIL_BOARDS_DIR's files when
// that is set, else the catalog embedded in the engine at build time (probes/boards), so an
// installed binary needs no source tree.
std::vector<Board> default_catalog();

// The board with this id, ignoring case ("NUCLEO-F401RE" finds "nucleo-f401re").
std::optional<Board> find_board(const std::vector<Board>& catalog, std::string_view id);

}  // namespace vigil::engine::boards

// `vigil boards`: the board catalog (probes/boards), the boards and QEMU machines Vigil knows.
#include <algorithm>
#include <cstdio>
#include <string>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "vigil/engine/boards/catalog.hpp"

namespace vigil::cli {

namespace boards = vigil::engine::boards;

namespace {

// "512 KiB", "2 MiB", "36 KiB": sizes as datasheets give them.
std::string size_text(uint64_t bytes) {
    constexpr uint64_t KiB = 1024, MiB = 1024 * KiB;
    if (bytes >= MiB && bytes % MiB == 0) return std::to_string(bytes / MiB) + " MiB";
    if (bytes >= KiB && bytes % KiB == 0) return std::to_string(bytes / KiB) + " KiB";
    return std::to_string(bytes) + " B";
}

}  // namespace

int cmd_boards(const std::vector<std::string>& argv) {
    Args args("boards",
              {
                  {"--json", false, false, "print the boards as a JSON array (the catalog's own format)"},
                  {"--catalog", true, false, "the catalog folder (default: $VIGIL_BOARDS_DIR, else the source tree's probes/boards)", "DIR"},
              },
              argv);
    if (args.help_requested()) {
        std::fputs(args.usage("[--json] [--catalog DIR]").c_str(), stdout);
        return 0;
    }
    args.expect_positionals(0, 0, "");
    const auto catalog = args.value("--catalog") ? boards::load_catalog(*args.value("--catalog")) : boards::default_catalog();
    const char* env = std::getenv("VIGIL_BOARDS_DIR");
    const std::string source = args.value("--catalog") ? *args.value("--catalog")
                               : env && *env           ? std::string(env)
                                                       : std::string("the catalog built into vigil (probes/boards)");

    if (args.flag("--json")) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& b : catalog) list.push_back(boards::to_json(b));
        std::printf("%s\n", list.dump(2).c_str());
        return 0;
    }

    // One row per board; columns as wide as their widest cell.
    using Row = std::vector<std::string>;
    std::vector<Row> rows = {{"id", "name", "core", "flash", "RAM", "probe", "QEMU machine"}};
    for (const auto& b : catalog)
        rows.push_back({b.id, b.name, std::string(engine::project::to_string(b.core)), size_text(b.flash.size),
                        size_text(b.ram.size), b.debug_probe.value_or("-"), b.qemu.machine});
    std::vector<size_t> width(rows[0].size(), 0);
    for (const auto& row : rows)
        for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
    for (const auto& row : rows) {
        std::string line;
        for (size_t c = 0; c < row.size(); ++c) {
            std::string cell = row[c];
            if (c + 1 < row.size()) cell.resize(width[c] + 2, ' ');
            line += cell;
        }
        std::printf("%s\n", line.c_str());
    }
    std::printf("\n%zu boards from %s (vigil boards --json for every field)\n", catalog.size(), source.c_str());
    return 0;
}

}  // namespace vigil::cli

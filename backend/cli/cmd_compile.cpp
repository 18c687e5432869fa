// `vigil compile`: the library zip a firmware engineer drops into a project (docs/compile.md).
// Takes a recipe (from a file, or from a library already compiled), builds it for one core and
// float ABI with the real arm-none-eabi-gcc, archives the zip in the project store and writes
// it to --out. Nothing is written unless everything succeeded.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/project_dir.hpp"
#include "vigil/engine/packaging/project_compile.hpp"
#include "vigil/engine/util/located_error.hpp"
#include "vigil/engine/packaging/target.hpp"
#include "vigil/engine/project/project.hpp"
#include "vigil/engine/selection/recipe_json.hpp"

namespace vigil::cli {

namespace fs = std::filesystem;
namespace pkg = vigil::engine::packaging;
namespace proj = vigil::engine::project;
namespace sel = vigil::engine::selection;

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

vigil_recipe recipe_from_file(const Args& args, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) args.fail("--recipe: cannot read '" + path + "'");
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return sel::recipe_from_json_text(text.str());
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
}

}  // namespace

int cmd_compile(const std::vector<std::string>& argv) {
    Args args("compile",
              {
                  {"--project", true, false, "the project folder (default: ./vigil-project, like vigil bench)", "DIR"},
                  {"--benchmark", true, false, "compile the best library of this benchmark (default: the latest with a best library)", "ID"},
                  {"--library", true, false, "compile the recipe of this stored library again (e.g. for another core)", "ID"},
                  {"--recipe", true, false, "compile this recipe (the JSON form of docs/selection.md)", "FILE.json"},
                  {"--core", true, false, "target core: " + join(pkg::accepted_cores()) + " (default: the project's)", "CORE"},
                  {"--float-abi", true, false, "hard or soft (default: hard where the core has an FPU)", "ABI"},
                  {"--out", true, false, "where to write the zip (default: <project>/<library>-<core>-<abi>.zip)", "FILE"},
                  {"--json", false, false, "print the library's metadata.json and where it was written"},
              },
              argv);
    if (args.help_requested()) {
        std::fputs(args.usage("[--benchmark ID | --library ID | --recipe FILE.json] [options]").c_str(), stdout);
        return 0;
    }
    args.expect_positionals(0, 0, "");
    const int sources = int{args.value("--benchmark").has_value()} + int{args.value("--library").has_value()} +
                        int{args.value("--recipe").has_value()};
    if (sources > 1) args.fail("give at most one of --benchmark ID, --library ID or --recipe FILE.json");

    auto project = proj::Project::open(project_dir(args.value("--project")));
    pkg::ProjectCompileRequest request;
    if (auto file = args.value("--recipe")) request.recipe = recipe_from_file(args, *file);
    request.benchmark = args.integer("--benchmark", 1, INT64_MAX);
    request.library = args.integer("--library", 1, INT64_MAX);
    request.core = args.value("--core");
    request.float_abi = args.value("--float-abi");
    if (auto out = args.value("--out")) request.out = *out;

    pkg::ProjectCompileResult compiled;
    try {
        compiled = pkg::compile_for_project(project, request);
    } catch (const pkg::TargetError& e) {
        args.fail(std::string(e.parameter == "core" ? "--core: " : "--float-abi: ") + e.what());
    } catch (const vigil::engine::util::ParameterError& e) {
        args.fail("--" + e.parameter + ": " + e.what());
    }
    const pkg::CompiledLibrary& lib = compiled.library;
    const pkg::LibraryRecord& record = compiled.record;
    const fs::path& out = compiled.out;

    if (args.flag("--json")) {
        nlohmann::json j = {{"id", record.id}, {"library", lib.id}, {"zip", out.string()}, {"archive", record.archive_path},
                            {"sha256", lib.sha256}, {"metadata", lib.metadata}};
        std::printf("%s\n", j.dump(2).c_str());
    } else {
        std::printf("compiled %s for %s (%s float): RAM %s bytes, flash %s bytes, learns from %u signals\n",
                    lib.id.c_str(), lib.target.core.c_str(), lib.target.float_abi.c_str(),
                    lib.metadata["ram_bytes"].dump().c_str(), lib.metadata["flash_bytes"].dump().c_str(),
                    unsigned{lib.recipe.min_learn});
        std::printf("wrote %s (%zu bytes, sha256 %s)\nstored as library %lld (%s)\n", out.c_str(), lib.zip.size(),
                    lib.sha256.c_str(), static_cast<long long>(record.id), record.archive_path.c_str());
    }
    return 0;
}

}  // namespace vigil::cli

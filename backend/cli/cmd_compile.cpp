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
#include "vigil/engine/packaging/library_build.hpp"
#include "vigil/engine/packaging/library_store.hpp"
#include "vigil/engine/packaging/target.hpp"
#include "vigil/engine/packaging/toolchain.hpp"
#include "vigil/engine/project/benchmark_store.hpp"
#include "vigil/engine/project/project.hpp"
#include "vigil/engine/selection/recipe_json.hpp"
#include "vigil/engine/util/atomic_file.hpp"

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

// The bundled emulator: VIGIL_EMULATOR, else next to this program (build tree:
// backend/emulator/vigil-emulator; installed: vigil-emulator beside vigil).
fs::path find_emulator() {
    if (const char* env = std::getenv("VIGIL_EMULATOR"); env && *env) return env;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const fs::path& p : {self.parent_path() / "emulator" / "vigil-emulator", self.parent_path() / "vigil-emulator"})
            if (fs::exists(p)) return p;
    }
    throw std::runtime_error("the host emulator vigil-emulator was not found next to " + self.string() +
                             " (build the vigil_emulator target, or set VIGIL_EMULATOR)");
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
    pkg::LibraryStore libraries(project);

    pkg::CompileRequest request;
    std::optional<std::string> core_text = args.value("--core");
    std::optional<std::string> abi_text = args.value("--float-abi");
    if (auto file = args.value("--recipe")) {
        request.recipe = recipe_from_file(args, *file);
    } else if (args.value("--library")) {
        const int64_t id = *args.integer("--library", 1, INT64_MAX);
        auto row = libraries.find(id);
        if (!row) args.fail("--library: no library " + std::to_string(id) + " in " + project.root().string() + " (see vigil libraries)");
        if (row->recipe.size() != VIGIL_RECIPE_ENCODED_SIZE || vigil_recipe_decode(row->recipe.data(), &request.recipe) != VIGIL_OK)
            throw std::runtime_error("library " + std::to_string(id) + ": its stored recipe is corrupted");
        request.origin.benchmark_id = row->benchmark_id;
        request.origin.indicators = row->metadata.value("indicators", nlohmann::json(nullptr));
        // Same core and ABI as before unless asked otherwise.
        if (!core_text) {
            core_text = row->core;
            if (!abi_text) abi_text = row->float_abi;
        }
    } else {
        // --benchmark ID, or by default the project's latest benchmark with a best library.
        proj::BenchmarkStore benchmarks(project.store());
        std::optional<int64_t> id = args.integer("--benchmark", 1, INT64_MAX);
        if (!id) id = benchmarks.latest_with_best();
        if (!id)
            throw std::runtime_error(project.root().string() +
                                     " has no benchmark with a best library (run `vigil bench`, or give --recipe FILE.json)");
        const auto row = benchmarks.find(*id);
        if (!row) args.fail("--benchmark: no benchmark " + std::to_string(*id) + " in " + project.root().string());
        if (!row->result || !row->result->contains("best") || (*row->result)["best"].is_null())
            throw std::runtime_error("benchmark " + std::to_string(*id) + " has no best library (state " + row->state + ")");
        const auto& best = (*row->result)["best"];
        request.recipe = sel::recipe_from_json(best.at("recipe"));
        request.origin.benchmark_id = *id;
        request.origin.indicators = best.value("indicators", nlohmann::json(nullptr));
    }

    const std::string core = core_text.value_or(std::string(proj::to_string(project.settings().core)));
    try {
        request.target = abi_text ? pkg::resolve_target(core, *abi_text) : pkg::resolve_target(core);
    } catch (const pkg::TargetError& e) {
        args.fail(std::string(e.parameter == "core" ? "--core: " : "--float-abi: ") + e.what());
    }
    // Checked before compiling, so a bad --out cannot fail after the library was archived.
    if (auto out = args.value("--out")) {
        const fs::path parent = fs::absolute(*out).parent_path();
        if (!fs::is_directory(parent)) args.fail("--out: folder " + parent.string() + " does not exist");
        if (fs::is_directory(*out)) args.fail("--out: " + *out + " is a folder; give the zip's file name");
    }
    request.emulator = find_emulator();
    request.scratch_dir = project.data_dir();

    const pkg::CompiledLibrary lib = pkg::compile_library(request);
    const fs::path out = args.value("--out").value_or((project.root() / (lib.name + ".zip")).string());
    const pkg::LibraryRecord record = libraries.archive(lib);
    vigil::engine::util::write_file_atomically(out, lib.zip);

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

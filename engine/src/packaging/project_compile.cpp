#include "vigil/engine/packaging/project_compile.hpp"

#include <cstdlib>

#include "vigil/engine/packaging/toolchain.hpp"
#include "vigil/engine/search/best_library.hpp"
#include "vigil/engine/util/atomic_file.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::engine::packaging {

namespace fs = std::filesystem;
using util::ParameterError;

fs::path find_emulator() {
    if (const char* env = std::getenv("VIGIL_EMULATOR"); env && *env) return env;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const fs::path& p : {self.parent_path() / "emulator" / "vigil-emulator", self.parent_path() / "vigil-emulator"})
            if (fs::exists(p)) return p;
    }
    throw ToolchainError("the host emulator vigil-emulator was not found next to " + self.string() +
                             " (build the vigil_emulator target, or set VIGIL_EMULATOR)");
}

ProjectCompileResult compile_for_project(project::Project& project, const ProjectCompileRequest& req) {
    const int sources = int{req.benchmark.has_value()} + int{req.library.has_value()} + int{req.recipe.has_value()};
    if (sources > 1) throw ParameterError("benchmark", "give at most one of a benchmark, a library or a recipe");

    LibraryStore libraries(project);
    CompileRequest request;
    std::optional<std::string> core = req.core, abi = req.float_abi;
    if (req.recipe) {
        request.recipe = *req.recipe;
    } else if (req.library) {
        auto row = libraries.find(*req.library);
        if (!row)
            throw ParameterError("library", "no library " + std::to_string(*req.library) + " in " +
                                                project.root().string() + " (see vigil libraries)");
        if (vigil_recipe_decode_sized(row->recipe.data(), row->recipe.size(), &request.recipe) != VIGIL_OK)
            throw std::runtime_error("library " + std::to_string(*req.library) + ": its stored recipe is corrupted");
        request.origin.benchmark_id = row->benchmark_id;
        request.origin.indicators = row->metadata.value("indicators", nlohmann::json(nullptr));
        // Same core and ABI as before unless asked otherwise.
        if (!core) {
            core = row->core;
            if (!abi) abi = row->float_abi;
        }
    } else {
        const auto best = search::best_library(project, req.benchmark);
        request.recipe = best.recipe;
        request.origin.benchmark_id = best.benchmark;
        request.origin.indicators = best.indicators;
    }

    const std::string core_name = core.value_or(std::string(project::to_string(project.settings().core)));
    request.target = abi ? resolve_target(core_name, *abi) : resolve_target(core_name);
    // Checked before compiling, so a bad destination cannot fail after the library was archived.
    if (req.out) {
        const fs::path parent = fs::absolute(*req.out).parent_path();
        if (!fs::is_directory(parent)) throw ParameterError("out", "folder " + parent.string() + " does not exist");
        if (fs::is_directory(*req.out)) throw ParameterError("out", req.out->string() + " is a folder; give the zip's file name");
    }
    request.emulator = find_emulator();
    request.scratch_dir = project.data_dir();
    request.cancel = req.cancel;

    ProjectCompileResult result;
    result.library = compile_library(request);
    util::throw_if_cancelled(req.cancel);  // the last point where nothing was written yet
    result.out = req.out.value_or(project.root() / (result.library.name + ".zip"));
    result.record = libraries.archive(result.library);
    util::write_file_atomically(result.out, result.library.zip);
    return result;
}

}  // namespace vigil::engine::packaging

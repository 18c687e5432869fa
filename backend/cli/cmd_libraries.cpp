// `vigil libraries`: the libraries compiled in a project, to find and download one again.
#include <cstdio>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/project_dir.hpp"
#include "vigil/engine/packaging/library_store.hpp"
#include "vigil/engine/project/project.hpp"

namespace vigil::cli {

namespace pkg = vigil::engine::packaging;
namespace proj = vigil::engine::project;

int cmd_libraries(const std::vector<std::string>& argv) {
    Args args("libraries",
              {
                  {"--project", true, false, "the project folder (default: ./vigil-project, like vigil bench)", "DIR"},
                  {"--json", false, false, "print the list as JSON"},
              },
              argv);
    if (args.help_requested()) {
        std::fputs(args.usage("[--project DIR] [--json]").c_str(), stdout);
        return 0;
    }
    args.expect_positionals(0, 0, "");
    auto project = proj::Project::open(project_dir(args.value("--project")));
    const auto rows = pkg::LibraryStore(project).list();

    if (args.flag("--json")) {
        nlohmann::json list = nlohmann::json::array();
        pkg::LibraryStore store(project);
        for (const auto& r : rows) list.push_back(store.to_json(r));
        std::printf("%s\n", list.dump(2).c_str());
        return 0;
    }
    if (rows.empty()) {
        std::printf("no library compiled in %s yet (vigil compile)\n", project.root().c_str());
        return 0;
    }
    std::printf("%-4s %-20s %-14s %-4s %-9s %-14s %-9s %s\n", "id", "date", "core", "abi", "benchmark", "library",
                "recipe", "path / sha256");
    for (const auto& r : rows) {
        const std::string bench = r.benchmark_id ? std::to_string(*r.benchmark_id) : "-";
        std::printf("%-4lld %-20s %-14s %-4s %-9s %-14s %-9s %s\n     sha256 %s\n", static_cast<long long>(r.id),
                    r.created_at.c_str(), r.core.c_str(), r.float_abi.c_str(), bench.c_str(), r.library().c_str(),
                    r.recipe_id().c_str(), (project.root() / r.archive_path).c_str(), r.sha256.c_str());
    }
    return 0;
}

}  // namespace vigil::cli

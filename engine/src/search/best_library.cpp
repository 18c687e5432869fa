#include "vigil/engine/search/best_library.hpp"

#include <stdexcept>

#include "vigil/engine/project/benchmark_store.hpp"
#include "vigil/engine/selection/recipe_json.hpp"

namespace vigil::engine::search {

BestLibrary best_library(project::Project& project, std::optional<int64_t> benchmark) {
    project::BenchmarkStore store(project.store());
    if (!benchmark) benchmark = store.latest_with_best();
    if (!benchmark)
        throw std::runtime_error(project.root().string() +
                                 " has no benchmark with a best library yet (run a benchmark first)");
    const auto row = store.find(*benchmark);
    if (!row) throw std::runtime_error("no benchmark " + std::to_string(*benchmark) + " in " + project.root().string());
    if (!row->result || !row->result->contains("best") || (*row->result)["best"].is_null())
        throw std::runtime_error("benchmark " + std::to_string(*benchmark) + " has no best library (state " +
                                 row->state + ")");
    const auto& best = (*row->result)["best"];
    return {*benchmark, selection::recipe_from_json(best.at("recipe")), best.value("indicators", nlohmann::json(nullptr))};
}

}  // namespace vigil::engine::search

#include "vigil/engine/search/stats_json.hpp"

#include <stdexcept>

namespace vigil::engine::search {

nlohmann::json stats_to_json(const selection::EvaluationStats& stats) {
    nlohmann::json splits = nlohmann::json::array();
    for (const auto& s : stats.splits) {
        nlohmann::json groups = nlohmann::json::array();
        // Compact rows: [regular, regular_ok, abnormal, abnormal_ok, regular_margin, abnormal_margin]
        for (const auto& g : s.groups)
            groups.push_back({g.regular, g.regular_ok, g.abnormal, g.abnormal_ok, g.regular_margin, g.abnormal_margin});
        splits.push_back({{"split", s.split}, {"groups", std::move(groups)}});
    }
    return {{"splits", std::move(splits)}, {"failure", stats.failure}};
}

selection::EvaluationStats stats_from_json(const nlohmann::json& json) {
    try {
        selection::EvaluationStats stats;
        stats.failure = json.at("failure").get<std::string>();
        for (const auto& s : json.at("splits")) {
            selection::SplitStats split;
            split.split = s.at("split").get<uint32_t>();
            for (const auto& g : s.at("groups")) {
                if (!g.is_array() || g.size() != 6) throw std::invalid_argument("a group row needs 6 values");
                selection::GroupStats gs;
                gs.regular = g[0].get<uint32_t>();
                gs.regular_ok = g[1].get<uint32_t>();
                gs.abnormal = g[2].get<uint32_t>();
                gs.abnormal_ok = g[3].get<uint32_t>();
                gs.regular_margin = g[4].get<double>();
                gs.abnormal_margin = g[5].get<double>();
                split.groups.push_back(gs);
            }
            stats.splits.push_back(std::move(split));
        }
        return stats;
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("checkpointed statistics: ") + e.what());
    }
}

}  // namespace vigil::engine::search

#include "vigil/engine/search/inputs.hpp"

#include <filesystem>
#include <memory>
#include <stdexcept>

#include "vigil/engine/search/sha256.hpp"

namespace vigil::engine::search {

namespace fs = std::filesystem;

LoadedInputs load_inputs(const std::vector<InputGroup>& files, size_t axes, std::optional<double> rate_hz) {
    if (files.empty()) throw std::invalid_argument("a benchmark needs at least one --regular/--abnormal couple");
    LoadedInputs out;
    out.json = nlohmann::json::array();
    dataset::CheckOptions options;
    options.rate_hz = rate_hz;
    for (size_t g = 0; g < files.size(); ++g) {
        selection::SignalGroup group;
        group.name = "group " + std::to_string(g + 1);
        nlohmann::json entry;
        for (int abnormal = 0; abnormal < 2; ++abnormal) {
            const std::string& path = abnormal ? files[g].abnormal : files[g].regular;
            dataset::CheckReport report = dataset::check_file(path, axes, options);
            if (!report.errors.empty()) {
                out.blocking = out.reports.size();
                out.reports.push_back(std::move(report));
                out.groups.clear();
                return out;
            }
            auto data = std::make_shared<const dataset::Dataset>(std::move(report.dataset));
            report.dataset = {};
            (abnormal ? group.abnormal : group.regular) = selection::whole_file(path, data);
            entry[abnormal ? "abnormal" : "regular"] = {{"path", fs::absolute(path).lexically_normal().string()},
                                                         {"sha256", sha256_file(path)}};
            out.reports.push_back(std::move(report));
        }
        out.groups.push_back(std::move(group));
        out.json.push_back(std::move(entry));
    }
    selection::validate_groups(out.groups);
    return out;
}

std::vector<InputGroup> groups_of(const nlohmann::json& inputs) {
    std::vector<InputGroup> out;
    for (const auto& g : inputs)
        out.push_back({g.at("regular").at("path").get<std::string>(), g.at("abnormal").at("path").get<std::string>()});
    return out;
}

void verify_same_inputs(const nlohmann::json& recorded, const nlohmann::json& now, int64_t benchmark) {
    const std::string who = "benchmark " + std::to_string(benchmark);
    if (recorded.size() != now.size())
        throw std::runtime_error(who + " was made with " + std::to_string(recorded.size()) + " group(s) of files, not " +
                                 std::to_string(now.size()) + " (resume with the same --regular/--abnormal files, or none)");
    for (size_t g = 0; g < recorded.size(); ++g) {
        for (const char* role : {"regular", "abnormal"}) {
            const auto& r = recorded[g].at(role);
            const auto& n = now[g].at(role);
            if (r.at("path") != n.at("path"))
                throw std::runtime_error(who + " used " + r.at("path").get<std::string>() + " as --" + role + " of group " +
                                         std::to_string(g + 1) + ", not " + n.at("path").get<std::string>());
            if (r.at("sha256") != n.at("sha256"))
                throw std::runtime_error(n.at("path").get<std::string>() + ": the content changed since " + who +
                                         " started (sha256 " + r.at("sha256").get<std::string>().substr(0, 12) + "... then, " +
                                         n.at("sha256").get<std::string>().substr(0, 12) +
                                         "... now); start a new benchmark instead of resuming");
        }
    }
}

}  // namespace vigil::engine::search

// project/create, project/open, project/update: the user's project folder (vigil.json and the
// .vigil/ store). Opening a folder is also what lets this client name paths inside it.
#include "paths.hpp"
#include "server.hpp"
#include "vigil/engine/packaging/library_store.hpp"
#include "vigil/engine/project/benchmark_store.hpp"

namespace vigil::daemon {

namespace proj = vigil::engine::project;
namespace pkg = vigil::engine::packaging;
using nlohmann::json;

namespace {

// The settings as vigil.json spells them, defaults filled in for a new project.
proj::Settings settings_from(const json& given, const std::filesystem::path& folder) {
    json j = given;
    if (!j.contains("name")) j["name"] = folder.filename().string().empty() ? "vigil-project" : folder.filename().string();
    // Missing fields take the defaults of `vigil init` (axes: the sensor type's usual count).
    if (j.contains("sensor") && j["sensor"].is_object() && !j["sensor"].contains("axes") && j["sensor"]["type"].is_string())
        if (auto type = proj::parse_sensor_type(j["sensor"]["type"].get<std::string>()))
            j["sensor"]["axes"] = proj::default_axes(*type);
    json defaults = proj::to_json(proj::Settings{});
    // A board brings its own core: the default core would contradict it.
    if (j.contains("board") && !j["board"].is_null()) defaults.erase("core");
    for (auto& [key, value] : defaults.items())
        if (!j.contains(key)) j[key] = value;
    return proj::from_json(j, (folder / proj::Project::kSettingsFile).string());
}

json summary(proj::Project& project, Server& server) {
    json benchmarks = json::array();
    for (const auto& row : proj::BenchmarkStore(project.store()).list()) {
        json b = proj::benchmark_summary_json(row);
        b["live"] = server.benchmarks().is_running(project.root(), row.id);
        benchmarks.push_back(std::move(b));
    }
    json libraries = json::array();
    pkg::LibraryStore store(project);
    for (const auto& r : store.list()) libraries.push_back(store.to_json(r));
    return {{"folder", project.root().string()},
            {"settings", proj::to_json(project.settings())},
            {"benchmarks", std::move(benchmarks)},
            {"libraries", std::move(libraries)}};
}

}  // namespace

void bind_project_methods(Server& server) {
    server.bind("project/create", Runs::on_worker, [&server](const Call& call) {
        Params p(call.params);
        const auto folder = project_folder("folder", p.string("folder"), server.options().allowed_roots);
        const json settings = p.optional_object("settings").value_or(json::object());
        p.done();
        auto project = proj::Project::create(folder, settings_from(settings, folder));
        call.connection->allow_folder(project.root());
        return summary(project, server);
    });
    server.bind("project/open", Runs::on_worker, [&server](const Call& call) {
        Params p(call.params);
        const auto folder = project_folder("folder", p.string("folder"), server.options().allowed_roots);
        p.done();
        auto project = proj::Project::open(folder);
        call.connection->allow_folder(project.root());
        return summary(project, server);
    });
    server.bind("project/update", Runs::on_worker, [&server](const Call& call) {
        Params p(call.params);
        auto project = server.open_project(p, call);
        const json changes = p.object("settings");
        p.done();
        // A partial update: the fields given replace the current ones. A new board brings its
        // own core unless the change names one too.
        json merged = proj::to_json(project.settings());
        if (changes.contains("board") && !changes["board"].is_null() && !changes.contains("core")) merged.erase("core");
        for (auto& [key, value] : changes.items()) {
            if (value.is_null()) merged.erase(key);  // null removes an optional setting
            else if (value.is_object() && merged.contains(key) && merged[key].is_object()) merged[key].update(value);
            else merged[key] = value;
        }
        project.update(proj::from_json(merged, (project.root() / proj::Project::kSettingsFile).string()));
        return summary(project, server);
    });
}

}  // namespace vigil::daemon

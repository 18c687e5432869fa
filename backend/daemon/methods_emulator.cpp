// emulator/*: a library tried on the host, call by call, as the user would on the device:
// open (a benchmark's best or a compiled library), init, setSensitivity, learn, detect,
// saveKnowledge, loadKnowledge, close. The same engine session as `vigil emulate`.
#include "paths.hpp"
#include "server.hpp"
#include "vigil/engine/packaging/library_store.hpp"
#include "vigil/engine/search/best_library.hpp"
#include "vigil/engine/selection/recipe_json.hpp"
#include "vigil/engine/util/atomic_file.hpp"


namespace vigil::daemon {

namespace emu = vigil::engine::emulation;
namespace pkg = vigil::engine::packaging;
namespace sel = vigil::engine::selection;
using nlohmann::json;

namespace {

struct Session {
    std::shared_ptr<EmulatorEntry> entry;
    std::unique_lock<std::mutex> lock;
};

// The session named by `session`, locked; the client must have its project open.
Session session_of(Server& server, Params& p, const Call& call) {
    const std::string id = p.string("session");
    auto entry = server.emulators().find(id);
    if (!entry) throw invalid_params("session", "no emulator session '" + id + "' (open one with emulator/open)");
    opened_folder(*call.connection, "session", entry->folder.string());
    return {entry, std::unique_lock(entry->mutex)};
}

// The signals of a learn/detect call: a file (`path`) or numbers (`signals`), exactly one.
std::pair<engine::dataset::Dataset, std::string> signals_of(Params& p, const Call& call, const EmulatorEntry& entry) {
    const bool has_path = p.has("path"), has_signals = p.has("signals");
    if (has_path == has_signals) throw invalid_params("path", "give exactly one of 'path' (a signal file) and 'signals' (number[][])");
    if (has_path) {
        const auto path = confined_path(*call.connection, "path", p.string("path"), entry.folder).string();
        return {emu::load_signals(path, entry.session.recipe()), path};
    }
    return {emu::signals_from_rows(p.matrix("signals"), entry.session.recipe()), "signals"};
}

json session_state(const EmulatorEntry& e) {
    const auto& r = e.session.recipe();
    return {{"learnCount", e.session.learn_count()}, {"minLearn", r.min_learn},
            {"ready", e.session.learn_count() >= r.min_learn}, {"sensitivity", e.session.sensitivity()}};
}

}  // namespace

void bind_emulator_methods(Server& server) {
    server.bind("emulator/open", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        const auto benchmark = p.optional_integer("benchmark", 1, INT64_MAX);
        const auto library = p.optional_integer("library", 1, INT64_MAX);
        p.done();
        if (benchmark && library) throw invalid_params("library", "give at most one of 'benchmark' and 'library'");
        vigil_recipe recipe{};
        std::string origin;
        if (library) {
            const auto row = pkg::LibraryStore(project).find(*library);
            if (!row) throw invalid_params("library", "no library " + std::to_string(*library) + " in " + project.root().string());
            if (vigil_recipe_decode_sized(row->recipe.data(), row->recipe.size(), &recipe) != VIGIL_OK)
                throw std::runtime_error("library " + std::to_string(*library) + ": its stored recipe is corrupted");
            origin = "library " + std::to_string(*library);
        } else {
            const auto best = engine::search::best_library(project, benchmark);
            recipe = best.recipe;
            origin = "benchmark " + std::to_string(best.benchmark);
        }
        auto entry = std::make_shared<EmulatorEntry>(project.root(), origin, recipe);
        json out = session_state(*entry);
        out["session"] = server.emulators().open(entry);
        out["origin"] = origin;
        out["key"] = sel::recipe_key(recipe);
        out["summary"] = sel::recipe_summary(recipe);
        out["axes"] = recipe.axes;
        out["length"] = recipe.length;
        return out;
    });
    server.bind("emulator/init", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto s = session_of(server, p, call);
        p.done();
        s.entry->session.init();
        return session_state(*s.entry);
    });
    server.bind("emulator/setSensitivity", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto s = session_of(server, p, call);
        const double sensitivity = p.number("sensitivity", 0, 1e6);
        p.done();
        s.entry->session.set_sensitivity(sensitivity);
        return session_state(*s.entry);
    });
    server.bind("emulator/learn", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto s = session_of(server, p, call);
        auto [signals, source] = signals_of(p, call, *s.entry);
        p.done();
        json out = session_state(*s.entry);
        out["learned"] = s.entry->session.learn(signals, source);
        out.update(session_state(*s.entry));
        return out;
    });
    server.bind("emulator/detect", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto s = session_of(server, p, call);
        auto [signals, source] = signals_of(p, call, *s.entry);
        p.done();
        json results = json::array();
        size_t anomalies = 0;
        for (const auto& d : s.entry->session.detect(signals, source)) {
            anomalies += d.anomaly;
            results.push_back({{"line", d.line}, {"similarity", d.similarity}, {"exact", d.exact},
                               {"status", d.anomaly ? "anomaly" : "nominal"}});
        }
        const size_t total = results.size();
        return {{"source", source}, {"results", std::move(results)}, {"nominal", total - anomalies},
                {"anomalies", anomalies}};
    });
    server.bind("emulator/saveKnowledge", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto s = session_of(server, p, call);
        const auto path = confined_path(*call.connection, "path", p.string("path"), s.entry->folder);
        p.done();
        const std::string blob = s.entry->session.save_knowledge();
        vigil::engine::util::write_file_atomically(path, blob);
        return {{"path", path.string()}, {"bytes", blob.size()}};
    });
    server.bind("emulator/loadKnowledge", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto s = session_of(server, p, call);
        const auto path = confined_path(*call.connection, "path", p.string("path"), s.entry->folder);
        p.done();
        s.entry->session.load_knowledge(vigil::engine::util::read_file(path), path.string());
        return session_state(*s.entry);
    });
    server.bind("emulator/close", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto id = p.string("session");
        p.done();
        if (auto entry = server.emulators().find(id)) opened_folder(*call.connection, "session", entry->folder.string());
        if (!server.emulators().close(id)) throw invalid_params("session", "no emulator session '" + id + "'");
        return {{"session", id}, {"closed", true}};
    });
}

}  // namespace vigil::daemon

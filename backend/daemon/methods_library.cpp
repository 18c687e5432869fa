// library/compile, library/list, library/remove: compiled library zips in the project store.
// The compile is the engine's `vigil compile` (real arm-none-eabi-gcc), cancellable between
// compiler runs; a cancelled or failed compile archives and writes nothing.
#include "paths.hpp"
#include "server.hpp"
#include "vigil/engine/packaging/project_compile.hpp"

namespace vigil::daemon {

namespace pkg = vigil::engine::packaging;
using nlohmann::json;

void bind_library_methods(Server& server) {
    server.bind("library/compile", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        pkg::ProjectCompileRequest request;
        request.benchmark = p.optional_integer("benchmark", 1, INT64_MAX);
        request.library = p.optional_integer("library", 1, INT64_MAX);
        request.core = p.optional_string("core");
        request.float_abi = p.optional_string("floatAbi");
        if (auto out = p.optional_string("out")) request.out = confined_path(*call.connection, "out", *out, project.root());
        p.done();
        request.cancel = call.cancel.get();
        const auto compiled = pkg::compile_for_project(project, request);
        const auto& meta = compiled.library.metadata;
        return {{"path", compiled.out.string()},
                {"sha256", compiled.library.sha256},
                {"ram", meta.value("ram_bytes", json(nullptr))},
                {"flash", meta.value("flash_bytes", json(nullptr))},
                {"library", pkg::LibraryStore(project).to_json(compiled.record)},
                {"metadata", meta}};
    });
    server.bind("library/list", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        p.done();
        pkg::LibraryStore store(project);
        json list = json::array();
        for (const auto& r : store.list()) list.push_back(store.to_json(r));
        return {{"libraries", std::move(list)}};
    });
    server.bind("library/remove", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        const int64_t id = p.integer("library", 1, INT64_MAX);
        p.done();
        if (!pkg::LibraryStore(project).remove(id))
            throw invalid_params("library", "no library " + std::to_string(id) + " in " + project.root().string());
        return {{"library", id}, {"removed", true}};
    });
}

}  // namespace vigil::daemon

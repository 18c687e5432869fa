// library/compile, library/describe, library/list, library/remove: compiled library zips in the
// project store.
// The compile is the engine's `vigil compile` (real arm-none-eabi-gcc), cancellable between
// compiler runs; a cancelled or failed compile archives and writes nothing.
#include "paths.hpp"
#include "server.hpp"
#include "vigil/engine/packaging/library_store.hpp"
#include "vigil/engine/packaging/project_compile.hpp"
#include "vigil/engine/packaging/zip_reader.hpp"
#include "vigil/engine/search/sha256.hpp"
#include "vigil/engine/util/atomic_file.hpp"

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
    server.bind("library/describe", Runs::on_worker, [&server](const Call& call) -> json {
        Params p(call.params);
        auto project = server.open_project(p, call);
        const int64_t id = p.integer("library", 1, INT64_MAX);
        p.done();
        pkg::LibraryStore store(project);
        const auto record = store.find(id);
        if (!record) throw invalid_params("library", "no library " + std::to_string(id) + " in " + project.root().string());
        const std::string zip = vigil::engine::util::read_file(project.root() / record->archive_path);
        const auto entries = pkg::read_zip(zip);  // CRC-32 checked: a damaged zip is refused
        // Every entry sits under the zip's one top folder (vigil-xxxx-cortex-m4-hard/): paths
        // are given below it, as metadata.json's sha256 names them.
        auto below_top = [](const std::string& name) {
            const auto slash = name.find('/');
            return slash == std::string::npos ? name : name.substr(slash + 1);
        };
        json files = json::array();
        json example = nullptr;
        json metadata = nullptr;
        for (const auto& e : entries) {
            const std::string path = below_top(e.name);
            if (path.empty() || path.back() == '/') continue;  // a folder entry
            files.push_back({{"path", path}, {"bytes", e.content.size()}, {"sha256", vigil::engine::search::sha256_hex(e.content)}});
            if (path == "example/main.c") example = e.content;
            if (path == "metadata.json") metadata = json::parse(e.content);
        }
        if (metadata.is_null()) throw RpcError(ErrorCode::refused, record->archive_path + ": metadata.json is missing from the zip");
        return {{"library", store.to_json(*record)}, {"metadata", std::move(metadata)}, {"zipBytes", zip.size()},
                {"files", std::move(files)}, {"example", std::move(example)}};
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

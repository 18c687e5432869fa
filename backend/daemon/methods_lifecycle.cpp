// The Language Server Protocol's lifecycle (initialize, initialized, shutdown, exit) and
// OpenRPC's service discovery (rpc.discover). The gate itself (-32002 before initialize,
// -32600 after shutdown) is the dispatcher's.
#include "openrpc_document.hpp"
#include "params.hpp"
#include "server.hpp"

namespace vigil::daemon {

namespace {

// Major version of the protocol, from the OpenRPC document (info.x-protocolVersion): one place
// for the daemon, the document and the extension's generated types. A client refuses a daemon
// whose major differs.
int protocol_version() {
    static const int version = nlohmann::json::parse(openrpc_document_text())["info"].value("x-protocolVersion", 1);
    return version;
}

}  // namespace

void bind_lifecycle_methods(Server& server) {
    server.bind("initialize", Runs::inline_, [&server](const Call& call) -> nlohmann::json {
        // Lenient on purpose: LSP clients send more (processId, capabilities, trace...).
        Params p(call.params);
        if (auto info = p.optional_object("clientInfo"); info && !(*info)["name"].is_string())
            throw invalid_params("clientInfo.name", "must be a string");
        call.connection->lifecycle = Lifecycle::initialized;
        std::vector<std::string> methods = server.methods().method_names();
        return {{"serverInfo", {{"name", "vigild"}, {"version", VIGIL_VERSION}}},
                {"protocolVersion", protocol_version()},
                {"capabilities",
                 {{"methods", methods},
                  {"workDoneProgress", true},
                  {"cancelRequest", true},
                  {"transport", server.options().transport},
                  {"benchmarkJobs", server.options().benchmark_jobs}}}};
    });
    server.bind_notification("initialized", [](const nlohmann::json&, const ConnectionPtr&) {});
    server.bind("shutdown", Runs::inline_, [](const Call& call) -> nlohmann::json {
        Params(call.params).done();
        call.connection->lifecycle = Lifecycle::shutting_down;
        return nullptr;
    });
    server.bind_notification("exit", [](const nlohmann::json&, const ConnectionPtr& connection) {
        const bool clean = connection->lifecycle.load() == Lifecycle::shutting_down;
        connection->exit_code = clean ? 0 : 1;
        connection->lifecycle = Lifecycle::exited;
        connection->close();
    });
    server.bind("rpc.discover", Runs::inline_, [](const Call& call) -> nlohmann::json {
        Params(call.params).done();
        return nlohmann::json::parse(openrpc_document_text());
    });
}

}  // namespace vigil::daemon

// VigildServer (clangd's ClangdLSPServer): owns what outlives one request — the method table,
// the running benchmarks, the emulator sessions, the recordings — and binds each area's methods from its own
// file (methods_*.cpp). Handlers convert params, call the engine, convert results.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "benchmark_runs.hpp"
#include "emulator_sessions.hpp"
#include "method_table.hpp"
#include "params.hpp"
#include "recordings.hpp"
#include "vigil/engine/project/project.hpp"

namespace vigil::daemon {

struct ServerOptions {
    unsigned benchmark_jobs = 2;                       // threads of one benchmark
    std::vector<std::filesystem::path> allowed_roots;  // vigild --root: where projects may live
    std::string transport = "stdio";                   // reported in initialize's result
};

class Server {
public:
    explicit Server(ServerOptions options);

    const MethodTable& methods() const { return table_; }
    const ServerOptions& options() const { return options_; }
    BenchmarkRuns& benchmarks() { return benchmarks_; }
    EmulatorSessions& emulators() { return emulators_; }
    Recordings& recordings() { return recordings_; }

    // Binds a method; engine exceptions thrown by `handler` become JSON-RPC errors.
    void bind(const std::string& name, Runs runs, MethodHandler handler);
    void bind_notification(const std::string& name, NotificationHandler handler);

    // The project of a method's `folder` parameter (opened by this connection).
    engine::project::Project open_project(Params& params, const Call& call);

    // Stops running benchmarks (checkpointed, resumable) before the process ends.
    void shut_down();

private:
    ServerOptions options_;
    MethodTable table_;
    BenchmarkRuns benchmarks_;
    EmulatorSessions emulators_;
    Recordings recordings_;
};

// Each area binds its methods (one file each).
void bind_lifecycle_methods(Server& server);
void bind_project_methods(Server& server);
void bind_dataset_methods(Server& server);
void bind_benchmark_methods(Server& server);
void bind_emulator_methods(Server& server);
void bind_library_methods(Server& server);
void bind_board_methods(Server& server);
void bind_target_methods(Server& server);
void bind_record_methods(Server& server);

}  // namespace vigil::daemon

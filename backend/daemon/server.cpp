#include "server.hpp"

#include "engine_errors.hpp"
#include "paths.hpp"

namespace vigil::daemon {

Server::Server(ServerOptions options) : options_(std::move(options)), benchmarks_(options_.benchmark_jobs) {
    bind_lifecycle_methods(*this);
    bind_project_methods(*this);
    bind_dataset_methods(*this);
    bind_benchmark_methods(*this);
    bind_emulator_methods(*this);
    bind_library_methods(*this);
    bind_board_methods(*this);
    bind_target_methods(*this);
    bind_record_methods(*this);
}

void Server::bind(const std::string& name, Runs runs, MethodHandler handler) {
    table_.method(name, runs, [handler = std::move(handler)](const Call& call) -> nlohmann::json {
        try {
            return handler(call);
        } catch (...) {
            throw translate_current_exception();
        }
    });
}

void Server::bind_notification(const std::string& name, NotificationHandler handler) {
    table_.notification(name, std::move(handler));
}

engine::project::Project Server::open_project(Params& params, const Call& call) {
    const auto folder = opened_folder(*call.connection, params.name_of("folder"), params.string("folder"));
    return engine::project::Project::open(folder);
}

void Server::shut_down() {
    benchmarks_.stop_all();
    recordings_.stop_all();  // each file keeps every signal recorded, whole
}

}  // namespace vigil::daemon

// board/list: the board catalog (probes/boards/). Flash-and-test methods (target/*) will sit
// beside it.
#include "server.hpp"
#include "vigil/engine/boards/catalog.hpp"

namespace vigil::daemon {

namespace boards = vigil::engine::boards;
using nlohmann::json;

void bind_board_methods(Server& server) {
    server.bind("board/list", Runs::on_worker, [](const Call& call) -> json {
        Params(call.params).done();
        // The catalog is fixed for the daemon's life (built in, or VIGIL_BOARDS_DIR at start):
        // read and validated once. A failure is not cached, so it is reported on every call.
        static const json boards = [] {
            json list = json::array();
            for (const auto& b : boards::default_catalog()) list.push_back(boards::to_json(b));
            return json{{"boards", std::move(list)}};
        }();
        return boards;
    });
}

}  // namespace vigil::daemon

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
        json list = json::array();
        for (const auto& b : boards::default_catalog()) list.push_back(boards::to_json(b));
        return {{"boards", std::move(list)}};
    });
}

}  // namespace vigil::daemon

#include "cli/commands.hpp"

namespace vigil::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"init", "make a project folder: vigil.json settings and the .vigil/ store", cmd_init},
        {"check", "check a signal file: format errors, data warnings, statistics", cmd_check},
        {"synth", "generate example machine signals (a regular and an abnormal file)", cmd_synth},
    };
    return table;
}

}  // namespace vigil::cli

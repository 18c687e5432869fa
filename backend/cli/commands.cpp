#include "cli/commands.hpp"

namespace vigil::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"init", "make a project folder: vigil.json settings and the .vigil/ store", cmd_init},
        {"check", "check a signal file: format errors, data warnings, statistics", cmd_check},
        {"synth", "generate example machine signals (a regular and an abnormal file)", cmd_synth},
        {"compile", "compile a recipe into a library zip for a Cortex-M core (libvigil.a, headers, emulator)", cmd_compile},
        {"libraries", "list the libraries compiled in a project, to download one again", cmd_libraries},
        {"bench", "search the candidate libraries for the best one on groups of signals (resumable)", cmd_bench},
        {"record", "record signals from a board's serial port into a signal file, checking every line", cmd_record},
        {"emulate", "run a library on the host: learn, detect, sensitivity, knowledge; live from a serial port", cmd_emulate},
        {"boards", "list the board catalog: cores, memory, OpenOCD probes, the QEMU machine of each", cmd_boards},
        {"target", "test a library on a board or in QEMU against the emulator; flash an image (OpenOCD)", cmd_target},
    };
    return table;
}

}  // namespace vigil::cli

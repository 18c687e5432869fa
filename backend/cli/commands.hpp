// The table of `vigil` commands. Each command lives in its own cmd_<name>.cpp and only adapts
// arguments and output to the engine; the engine does the work.
#pragma once

#include <string>
#include <vector>

namespace vigil::cli {

using CommandFn = int (*)(const std::vector<std::string>& args);

struct Command {
    const char* name;
    const char* summary;
    CommandFn run;
};

const std::vector<Command>& commands();

// One declaration per command file.
int cmd_init(const std::vector<std::string>& args);
int cmd_check(const std::vector<std::string>& args);
int cmd_synth(const std::vector<std::string>& args);
int cmd_compile(const std::vector<std::string>& args);
int cmd_libraries(const std::vector<std::string>& args);
int cmd_bench(const std::vector<std::string>& args);
int cmd_record(const std::vector<std::string>& args);
int cmd_emulate(const std::vector<std::string>& args);
int cmd_boards(const std::vector<std::string>& args);
int cmd_target(const std::vector<std::string>& args);

}  // namespace vigil::cli

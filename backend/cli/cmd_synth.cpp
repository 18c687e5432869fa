#include "cli/commands.hpp"
#include "cli/args.hpp"

namespace vigil::cli {
int cmd_synth(const std::vector<std::string>&) { throw UsageError("vigil synth: being written"); }
}  // namespace vigil::cli

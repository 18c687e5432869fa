#include "cli/commands.hpp"
#include "cli/args.hpp"

namespace vigil::cli {
int cmd_check(const std::vector<std::string>&) { throw UsageError("vigil check: being written"); }
}  // namespace vigil::cli

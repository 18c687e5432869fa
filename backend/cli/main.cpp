// `vigil`: every step of the studio as a command, for CI and headless servers.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "cli/commands.hpp"

namespace {

void print_help() {
    std::printf("usage: vigil COMMAND [OPTIONS]\n\ncommands:\n");
    for (const auto& c : vigil::cli::commands()) std::printf("  %-10s %s\n", c.name, c.summary);
    std::printf("\n'vigil COMMAND --help' describes a command.\n");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        print_help();
        return vigil::cli::kExitUsage;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        print_help();
        return 0;
    }
    if (name == "--version") {
        std::printf("vigil %s\n", VIGIL_VERSION);
        return 0;
    }
    std::vector<std::string> args(argv + 2, argv + argc);
    for (const auto& c : vigil::cli::commands()) {
        if (name != c.name) continue;
        try {
            return c.run(args);
        } catch (const vigil::cli::UsageError& e) {
            std::fprintf(stderr, "%s\n", e.what());
            return vigil::cli::kExitUsage;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "vigil %s: %s\n", c.name, e.what());
            return 2;  // the input or the environment refused the work; the message says what and where
        }
    }
    std::fprintf(stderr, "vigil: unknown command '%s' (see 'vigil --help')\n", name.c_str());
    return vigil::cli::kExitUsage;
}

#include "emulator_args.hpp"

#include <cmath>
#include <cstdlib>

namespace vigil::emulator {

const char* const kEmulatorUsage =
    "usage: vigil-emulator [--library DIR] --learn FILE... [--sensitivity S] --detect FILE... [--json]\n"
    "\n"
    "Runs the library of DIR (default: the folder this program was unzipped into) on signal files:\n"
    "vigil_init, vigil_learn on every signal of the --learn files (in order), vigil_set_sensitivity,\n"
    "then vigil_detect on every signal of the --detect files. Prints one line per detected signal,\n"
    "FILE:LINE: nominal|anomaly similarity N (0..100; below 90 is an anomaly), like `vigil emulate`;\n"
    "--json prints the JSON document of `vigil emulate --json`.\n"
    "Signal files: one signal per line, the format `vigil check` accepts.\n";

EmulatorArgs parse_emulator_args(const std::vector<std::string>& argv) {
    EmulatorArgs a;
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& opt = argv[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= argv.size()) throw ArgsError(opt + " needs a value");
            return argv[++i];
        };
        if (opt == "--help" || opt == "-h") {
            a.help = true;
        } else if (opt == "--json") {
            a.json = true;
        } else if (opt == "--library") {
            if (!a.library_dir.empty()) throw ArgsError("--library given twice");
            a.library_dir = value();
        } else if (opt == "--learn") {
            a.learn.push_back(value());
        } else if (opt == "--detect") {
            a.detect.push_back(value());
        } else if (opt == "--sensitivity") {
            const std::string& text = value();
            char* end = nullptr;
            const float s = std::strtof(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0' || !std::isfinite(s) || s <= 0.0f || s > 100.0f)
                throw ArgsError("--sensitivity must be a number in (0, 100], got '" + text + "'");
            a.sensitivity = s;
        } else {
            throw ArgsError("unknown option '" + opt + "'");
        }
    }
    if (a.help) return a;
    if (a.learn.empty()) throw ArgsError("--learn FILE is required: the library learns normal signals first");
    if (a.detect.empty()) throw ArgsError("--detect FILE is required");
    return a;
}

}  // namespace vigil::emulator

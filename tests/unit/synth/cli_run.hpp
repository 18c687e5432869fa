// Running the real `vigil` binary (VIGIL_CLI_PATH) as a user or a script would, and reading a
// file back whole: shared by the synth tests (the process part: tests/unit/common).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "process_run.hpp"

namespace synth_test {

using test_support::Run;

inline Run run_vigil(const std::string& arguments) {
    return test_support::run(std::string("'") + VIGIL_CLI_PATH + "' " + arguments);
}

inline std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream o;
    o << in.rdbuf();
    return o.str();
}

}  // namespace synth_test

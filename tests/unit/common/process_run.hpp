// Running a shell command line as a process and keeping what it printed: shared by the tests
// that drive the real `vigil` binary (synth, boards).
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

namespace test_support {

struct Run {
    int exit_code;
    std::string output;  // stdout and stderr together
};

// Runs a shell command line; stderr is merged into the output.
inline Run run(const std::string& command_line) {
    FILE* pipe = ::popen((command_line + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    std::array<char, 4096> chunk;
    size_t n;
    while ((n = std::fread(chunk.data(), 1, chunk.size(), pipe)) > 0) output.append(chunk.data(), n);
    const int status = ::pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace test_support

// Starting the real `vigil` binary from tests: run to completion, or start and signal it.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace vigil::e2e {

struct Finished {
    int exit_code = -1;  // -1 when killed by a signal
    std::string out, err;
};

// Runs `vigil ARGS...` with stdout and stderr captured in files under `dir`.
Finished run(const std::vector<std::string>& args, const std::filesystem::path& dir);

class Started {
public:
    Started(const std::vector<std::string>& args, const std::filesystem::path& dir);
    void signal(int sig) const;
    Finished wait();

private:
    pid_t pid_ = -1;
    std::filesystem::path out_, err_;
};

std::string read_text(const std::filesystem::path& file);

}  // namespace vigil::e2e

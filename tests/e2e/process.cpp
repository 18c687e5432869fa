#include "process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace vigil::e2e {

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

Started::Started(const std::vector<std::string>& args, const std::filesystem::path& dir) {
    static std::atomic<int> counter{0};
    const int n = counter++;
    out_ = dir / ("out" + std::to_string(n) + ".txt");
    err_ = dir / ("err" + std::to_string(n) + ".txt");
    std::vector<std::string> all{VIGIL_BIN};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        const int o = open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int e = open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(o, 1);
        dup2(e, 2);
        if (chdir(dir.c_str()) != 0) _exit(126);
        execv(argv[0], argv.data());
        _exit(127);
    }
}

void Started::signal(int sig) const { ::kill(pid_, sig); }

Finished Started::wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    Finished f;
    f.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    f.out = read_text(out_);
    f.err = read_text(err_);
    return f;
}

Finished run(const std::vector<std::string>& args, const std::filesystem::path& dir) {
    return Started(args, dir).wait();
}

}  // namespace vigil::e2e

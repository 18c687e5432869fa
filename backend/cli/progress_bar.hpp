// The live terminal bar of `vigil bench`: candidates evaluated / total, speed per job, the best
// so far with its indicators, elapsed time and estimate. Redrawn in place at most 10 times a
// second; only used when stderr is a terminal.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include "vigil/engine/search/progress.hpp"

namespace vigil::cli {

class ProgressBar {
public:
    explicit ProgressBar(std::FILE* out) : out_(out) {}
    void update(const vigil::engine::search::ProgressEvent& event);

    // The line for an event, without control characters (exposed for tests).
    static std::string render(const vigil::engine::search::ProgressEvent& event, size_t width);

private:
    std::FILE* out_;
    std::chrono::steady_clock::time_point last_{};
    bool drawn_ = false;
};

}  // namespace vigil::cli

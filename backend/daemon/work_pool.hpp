// A fixed set of worker threads for requests that must not run on the I/O thread. Long jobs
// that outlive a request (benchmarks) have threads of their own (benchmark_runs.hpp).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace vigil::daemon {

class WorkPool {
public:
    explicit WorkPool(unsigned threads);
    ~WorkPool();  // finishes the queued work, then joins
    WorkPool(const WorkPool&) = delete;
    WorkPool& operator=(const WorkPool&) = delete;

    void post(std::function<void()> job);
    // Blocks until the queue is empty and no job runs (tests and the fuzzer).
    void wait_idle();

private:
    void run();

    std::mutex mutex_;
    std::condition_variable ready_;
    std::condition_variable idle_;
    size_t busy_ = 0;  // jobs running now
    std::deque<std::function<void()>> queue_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace vigil::daemon

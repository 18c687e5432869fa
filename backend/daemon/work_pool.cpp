#include "work_pool.hpp"

#include "log.hpp"

namespace vigil::daemon {

WorkPool::WorkPool(unsigned threads) {
    for (unsigned i = 0; i < std::max(1u, threads); ++i) threads_.emplace_back([this] { run(); });
}

WorkPool::~WorkPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
}

void WorkPool::post(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(job));
    }
    ready_.notify_one();
}

void WorkPool::wait_idle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return busy_ == 0 && queue_.empty(); });
}

void WorkPool::run() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;
            job = std::move(queue_.front());
            queue_.pop_front();
            ++busy_;
        }
        try {
            job();
        } catch (const std::exception& e) {
            // Jobs answer their own errors; this is a last resort so a worker never dies.
            log::error(std::string("uncaught in a worker: ") + e.what());
        }
        job = nullptr;  // destroyed before counting as idle: it may answer a request
        std::lock_guard lock(mutex_);
        --busy_;
        if (busy_ == 0 && queue_.empty()) idle_.notify_all();
    }
}

}  // namespace vigil::daemon

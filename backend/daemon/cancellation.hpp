// Cancellation of one request (clangd's support/Cancellation, reduced to what we need): a shared
// flag that $/cancelRequest sets and long work polls where it can stop. A cancelled request is
// answered -32800 at once by the dispatcher; the work stops at its next check and its result,
// if any, is dropped, so nothing is written after the reply.
#pragma once

#include <atomic>
#include <memory>
#include <stdexcept>

namespace vigil::daemon {

using CancelFlag = std::shared_ptr<std::atomic<bool>>;

inline CancelFlag make_cancel_flag() { return std::make_shared<std::atomic<bool>>(false); }

// Thrown by work that noticed its flag; the dispatcher answers -32800.
struct Cancelled : std::runtime_error {
    Cancelled() : std::runtime_error("request cancelled") {}
};

inline void throw_if_cancelled(const CancelFlag& flag) {
    if (flag && flag->load()) throw Cancelled();
}

}  // namespace vigil::daemon

// Cooperative cancellation for long engine work (a compile, a check): the caller owns a flag,
// the work polls it where stopping leaves nothing half-done and throws Cancelled. The daemon
// sets the flag on $/cancelRequest; the CLI passes none.
#pragma once

#include <atomic>
#include <stdexcept>

namespace vigil::engine::util {

using CancelFlag = const std::atomic<bool>*;  // null: not cancellable

struct Cancelled : std::runtime_error {
    Cancelled() : std::runtime_error("cancelled") {}
};

inline void throw_if_cancelled(CancelFlag flag) {
    if (flag && flag->load()) throw Cancelled();
}

}  // namespace vigil::engine::util

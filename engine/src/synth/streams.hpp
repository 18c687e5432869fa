// Purposes of the independent random streams derived from the seed (see stream_seed): the
// machine is shared by both files, each signal of each file has its own stream, so signal i
// can be made alone and in any order with the same result.
#pragma once

#include <cstdint>

namespace vigil::engine::synth {

inline constexpr uint64_t kStreamMachine = 0x6d616368696e65ull;   // "machine"
inline constexpr uint64_t kStreamRegular = 0x726567756c6172ull;   // "regular"
inline constexpr uint64_t kStreamAbnormal = 0x61626e6f726dull;    // "abnorm"

}  // namespace vigil::engine::synth

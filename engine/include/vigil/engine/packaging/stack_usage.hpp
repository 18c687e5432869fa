// The deepest stack each entry point of a linked Cortex-M program can use, from its own code:
// `vigil compile` links a program that calls every vigil_* function (libgcc and newlib helpers
// included) and reads it back with arm-none-eabi-objdump. For each function, its frame is
// every stack-pointer decrement in its body (push, vpush, stmdb sp!, sub sp, #N, str ...
// [sp, #-N]!: a bound even when a path pushes less); its callees are the targets of bl/blx and
// of branches that leave the function (tail calls, including into another function's middle),
// and for an indirect call (blx/bx through a register) every function whose address the
// program stores in data (the model family's ops table). Depth = frame + deepest callee.
// A recursive call or a stack pointer moved by a register (a variable-length array) cannot be
// bounded: stack_usage throws StackUsageError naming the function.
//
// The result is an upper bound of what stack painting measures (tests/bench/runtime/run
// compares both); for the runtime's straight-line call graph the two are equal or within a few
// words (soft-float helpers on paths a given signal does not take).
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace vigil::engine::packaging {

struct StackUsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// disassembly: `objdump -d --no-show-raw-insn` of the program; data_dump: `objdump -s` of its
// data sections (.rodata, .data), where function addresses (Thumb bit set) mark indirect-call
// targets. Returns the depth in bytes of each root (a root not in the program throws).
std::map<std::string, uint32_t> stack_usage(const std::string& disassembly, const std::string& data_dump,
                                            const std::vector<std::string>& roots);

}  // namespace vigil::engine::packaging

// The stack bound of `vigil compile` (stack_usage.hpp) on hand-written objdump output: frames
// from every kind of stack-pointer decrement, calls, tail calls, indirect calls through stored
// function addresses, and refusals (recursion, a stack pointer moved by a register).
#include <catch2/catch.hpp>

#include "vigil/engine/packaging/stack_usage.hpp"

namespace pkg = vigil::engine::packaging;

namespace {

const char* kProgram = R"(
api_probe.elf:     file format elf32-littlearm


Disassembly of section .text:

00008000 <vigil_detect>:
    8000:	push	{r4, lr}
    8002:	sub	sp, #8
    8004:	bl	8020 <features>
    8008:	blx	r3
    800a:	add	sp, #8
    800c:	pop	{r4, pc}

0000800e <vigil_init>:
    800e:	b.w	8040 <layout+0x4>

00008020 <features>:
    8020:	stmdb	sp!, {r4, r5, r6, r7, r8, lr}
    8024:	vpush	{d8-d9}
    8028:	sub.w	sp, sp, #256	@ 0x100
    802c:	bl	8060 <leaf>
    8030:	beq.n	8034 <features+0x14>
    8034:	bx	lr

0000803c <layout>:
    803c:	str.w	lr, [sp, #-4]!
    8040:	ldr.w	pc, [sp], #4

00008050 <score>:
    8050:	push	{r3, r4, r5, lr}
    8052:	bl	8060 <leaf>
    8056:	pop	{r3, r4, r5, pc}

00008060 <leaf>:
    8060:	bx	lr

00008070 <unused_target>:
    8070:	push	{r4, r5, r6, r7, r8, r9, sl, fp, lr}
    8074:	pop	{r4, r5, r6, r7, r8, r9, sl, fp, pc}
)";

// .rodata holds the address of `score` with the Thumb bit (0x8051), as an ops table would.
const char* kData = R"(
api_probe.elf:     file format elf32-littlearm

Contents of section .rodata:
 9000 00000000 51800000 0000             ....Q.....
)";

}  // namespace

TEST_CASE("stack_usage adds frames along the deepest call chain", "[stack]") {
    const auto s = pkg::stack_usage(kProgram, kData, {"vigil_detect", "vigil_init", "leaf"});
    // features: 6 regs (24) + d8-d9 (16) + 256 = 296; detect: push 8 + sub 8, then max(features 296,
    // indirect -> score 16 + leaf 0)
    CHECK(s.at("vigil_detect") == 16 + 296);
    CHECK(s.at("vigil_init") == 4);  // a tail call into layout's middle counts layout's frame
    CHECK(s.at("leaf") == 0);
}

TEST_CASE("indirect calls reach only functions whose address is stored in data", "[stack]") {
    const std::string no_table = "Contents of section .rodata:\n 9000 00000000 00000000\n";
    const auto s = pkg::stack_usage(kProgram, no_table, {"vigil_detect"});
    CHECK(s.at("vigil_detect") == 16 + 296);
    // with unused_target's address stored, it becomes a possible target (36 bytes < 296: same)
    const std::string table = "Contents of section .rodata:\n 9000 71800000 00000000\n";
    CHECK(pkg::stack_usage(kProgram, table, {"vigil_detect"}).at("vigil_detect") == 16 + 296);
}

TEST_CASE("stack_usage refuses what it cannot bound", "[stack]") {
    const std::string recursive = "00001000 <f>:\n    1000:\tpush\t{lr}\n    1002:\tbl\t1010 <g>\n\n"
                                  "00001010 <g>:\n    1010:\tbl\t1000 <f>\n";
    CHECK_THROWS_AS(pkg::stack_usage(recursive, "", {"f"}), pkg::StackUsageError);
    const std::string vla = "00001000 <f>:\n    1000:\tpush\t{r7, lr}\n    1002:\tsub.w\tsp, sp, r3\n";
    CHECK_THROWS_WITH(pkg::stack_usage(vla, "", {"f"}), Catch::Contains("register"));
    CHECK_THROWS_AS(pkg::stack_usage(kProgram, kData, {"missing"}), pkg::StackUsageError);
}

/* QEMU TCG plugin: exact count of guest instructions executed, for the runtime benchmark.
 *
 * Debian's QEMU 7.2 exports the plugin API but ships no qemu-plugin.h, so the few v1 API
 * declarations this file uses are written out below (from QEMU 7.2's include/qemu/qemu-plugin.h;
 * the ABI is plain C and stable within API version 1).
 *
 * Counting: every translated block gets an inline "add n_insns" to one counter (fast: no
 * callback per block). Regions: with `mark=0xADDR`, each execution of the instruction at ADDR
 * (the entry of a marker function the firmware calls between operations) prints
 * `icount-mark <k> <count so far>`, so the caller subtracts consecutive marks. At exit the
 * plugin prints `icount-total <count>`. With `profile=on` it also prints, at exit, one line
 * `icount-block 0xADDR <instructions executed in the block starting there>` per translated
 * block (a callback per block execution: slower, for finding what dominates; map addresses to
 * functions with arm-none-eabi-nm). QEMU has no timing model: these are instructions, not
 * cycles. Single vCPU machines only (the counters are not per vCPU). */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the subset of QEMU's plugin API (version 1) used here ---- */
typedef uint64_t qemu_plugin_id_t;
typedef struct qemu_info_t qemu_info_t; /* only passed through */
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_CB_R_REGS, QEMU_PLUGIN_CB_RW_REGS };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, enum qemu_plugin_op op,
                                              void *ptr, uint64_t imm);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, qemu_plugin_vcpu_udata_cb_t cb,
                                          enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn, qemu_plugin_vcpu_udata_cb_t cb,
                                            enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *userdata);
void qemu_plugin_outs(const char *string);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

static uint64_t executed;   /* instructions executed so far (inline adds, whole blocks) */
static uint64_t mark_addr;  /* 0: no marker */
static uint64_t mark_count; /* markers hit so far */

/* profile=on: one record per translated block (a block re-translated after a TB flush gets a
 * second record; the report adds records of the same address). */
typedef struct block_record {
    uint64_t vaddr;
    uint64_t insns;
    uint64_t executed; /* instructions, i.e. executions x insns */
    struct block_record *next;
} block_record;
static int profiling;
static block_record *blocks;

static void on_block(unsigned int vcpu, void *userdata)
{
    (void)vcpu;
    block_record *b = userdata;
    b->executed += b->insns;
}

static void on_mark(unsigned int vcpu, void *userdata)
{
    (void)vcpu;
    (void)userdata;
    /* The inline add of the marker's block already ran, so `executed` includes the marker's
     * whole block (a constant few instructions, identical for every mark: it cancels out). */
    char line[96];
    snprintf(line, sizeof line, "icount-mark %" PRIu64 " %" PRIu64 "\n", mark_count++, executed);
    qemu_plugin_outs(line);
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    size_t n = qemu_plugin_tb_n_insns(tb);
    qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &executed, n);
    if (profiling) {
        block_record *b = calloc(1, sizeof *b);
        if (b != NULL) { /* out of memory: the block is missing from the profile, not the total */
            b->vaddr = qemu_plugin_tb_vaddr(tb);
            b->insns = n;
            b->next = blocks;
            blocks = b;
            qemu_plugin_register_vcpu_tb_exec_cb(tb, on_block, QEMU_PLUGIN_CB_NO_REGS, b);
        }
    }
    if (mark_addr != 0) {
        for (size_t i = 0; i < n; i++) {
            struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
            if (qemu_plugin_insn_vaddr(insn) == mark_addr) {
                qemu_plugin_register_vcpu_insn_exec_cb(insn, on_mark, QEMU_PLUGIN_CB_NO_REGS, NULL);
            }
        }
    }
}

static void report_at_exit(qemu_plugin_id_t id, void *userdata)
{
    (void)id;
    (void)userdata;
    char line[96];
    for (block_record *b = blocks; b != NULL; b = b->next) {
        if (b->executed != 0u) {
            snprintf(line, sizeof line, "icount-block 0x%" PRIx64 " %" PRIu64 "\n", b->vaddr, b->executed);
            qemu_plugin_outs(line);
        }
    }
    snprintf(line, sizeof line, "icount-total %" PRIu64 "\n", executed);
    qemu_plugin_outs(line);
}

__attribute__((visibility("default"))) int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
                                                               int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], "mark=", 5) == 0) {
            char *end = NULL;
            mark_addr = strtoull(argv[i] + 5, &end, 0);
            if (end == argv[i] + 5 || *end != '\0' || mark_addr == 0) {
                fprintf(stderr, "icount: bad argument '%s' (expected mark=0xADDRESS)\n", argv[i]);
                return -1;
            }
        } else if (strcmp(argv[i], "profile=on") == 0) {
            profiling = 1;
        } else {
            fprintf(stderr, "icount: unknown argument '%s' (known: mark=0xADDRESS, profile=on)\n", argv[i]);
            return -1;
        }
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
    qemu_plugin_register_atexit_cb(id, report_at_exit, NULL);
    return 0;
}

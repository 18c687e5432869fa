/* Minimal Cortex-M startup shared by every core and QEMU machine (Debian ships no CMSIS).
 *
 * Reset: copy .data from flash, zero .bss, enable the FPU when the build uses one, open the
 * semihosting handles, run constructors, then exit(main()). Every fault lands in one handler
 * that reports through semihosting and exits non-zero, because QEMU otherwise lets a faulting
 * binary end with status 0 and no output (see docs/targets.md). */
#include <stdint.h>
#include <stdlib.h>

extern uint32_t __data_load__, __data_start__, __data_end__;
extern uint32_t __bss_start__, __bss_end__;
extern uint32_t __stack_top__;

extern void initialise_monitor_handles(void);
extern void __libc_init_array(void);
extern int main(void);

void Reset_Handler(void);
void Fault_Handler(void);
/* A firmware that uses SysTick defines SysTick_Handler (the target test firmware counts
 * cycles with it on ARMv6-M); everywhere else a SysTick exception is unexpected and reports
 * like a fault. */
void SysTick_Handler(void) __attribute__((weak, alias("Fault_Handler")));

/* newlib's __libc_init_array calls _init/_fini, which crti.o would provide; -nostartfiles
 * drops it and we have nothing to run there. */
void _init(void) {}
void _fini(void) {}

/* Semihosting: BKPT 0xAB with the operation in r0 and its argument in r1 (Thumb encoding,
 * valid on ARMv6-M as well as ARMv7-M/ARMv8-M). */
static void semihost(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
}

#define SEMIHOST_SYS_WRITE0 0x04u
#define SEMIHOST_SYS_EXIT 0x18u
#define ADP_STOPPED_RUNTIME_ERROR_UNKNOWN 0x20023u

void Fault_Handler(void)
{
    /* Plain integer code only: this must also run when the fault is a missing FPU. */
    semihost(SEMIHOST_SYS_WRITE0, "VIGIL-FAULT: processor fault (HardFault/MemManage/BusFault/UsageFault)\n");
    semihost(SEMIHOST_SYS_EXIT, (const void *)ADP_STOPPED_RUNTIME_ERROR_UNKNOWN);
    for (;;) {
    }
}

void Reset_Handler(void)
{
    uint32_t *src = &__data_load__;
    for (uint32_t *dst = &__data_start__; dst < &__data_end__;) {
        *dst++ = *src++;
    }
    for (uint32_t *dst = &__bss_start__; dst < &__bss_end__;) {
        *dst++ = 0u;
    }
#if defined(__ARM_FP)
    /* CPACR (0xE000ED88): full access to CP10 and CP11, then barriers so the next
     * instruction already sees the enabled FPU. */
    *(volatile uint32_t *)0xE000ED88u |= (0xFu << 20);
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
    initialise_monitor_handles();
    __libc_init_array();
    exit(main());
}

/* Vector table: initial SP, reset, then NMI and the fault vectors (HardFault, MemManage,
 * BusFault, UsageFault, SecureFault on M33) all routed to the reporting handler. */
typedef void (*vector_entry)(void);
__attribute__((section(".isr_vector"), used)) const vector_entry vigil_vector_table[16] = {
    (vector_entry)&__stack_top__,
    Reset_Handler,
    Fault_Handler, /* NMI */
    Fault_Handler, /* HardFault */
    Fault_Handler, /* MemManage */
    Fault_Handler, /* BusFault */
    Fault_Handler, /* UsageFault */
    Fault_Handler, /* SecureFault (ARMv8-M) */
    0, 0, 0,
    Fault_Handler, /* SVCall: nothing here uses it */
    Fault_Handler, /* DebugMonitor */
    0,
    Fault_Handler, /* PendSV */
    SysTick_Handler, /* SysTick: Fault_Handler unless the firmware defines it */
};

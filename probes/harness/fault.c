/* A firmware that faults on purpose: the runner must reject it. Proves the fault handler
 * reports and that a fault can never pass as success. */
#include <stdio.h>

int main(void)
{
    printf("about to fault\n");
    /* UDF is permanently undefined on every Thumb core (an unmapped load is not: QEMU's
     * microbit reads unassigned memory as zero without faulting). */
    __asm__ volatile("udf #0" ::: "memory");
    printf("VIGIL-HARNESS-DONE 0 00000000\n"); /* never reached */
    return 0;
}

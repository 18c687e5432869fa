/* Firmware entry: QEMU runs the harness in a fresh directory holding job.bin (probes/run-qemu),
 * and semihosting opens those paths on the host. */
#include "harness.h"

int main(void)
{
    return vigil_harness_run("job.bin", "result.bin");
}

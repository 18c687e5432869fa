/* Host entry of the very same harness: vigil_harness_host JOB.bin RESULT.bin */
#include <stdio.h>

#include "harness.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s JOB.bin RESULT.bin\n", argc > 0 ? argv[0] : "vigil_harness_host");
        return 2;
    }
    return vigil_harness_run(argv[1], argv[2]);
}

/* A firmware that never finishes (an endless loop after its first line): the host-side
 * timeout of `vigil target test` must stop it and say so (tests/unit/target). */
#include <stdio.h>

int main(void)
{
    printf("VIGIL-TEST-START hang\n");
    for (volatile unsigned spin = 0;; spin++) {
    }
    return 0;
}

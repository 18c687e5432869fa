/* A firmware that exits 0 without the completion line, as a faulting binary on a core
 * without FPU does under QEMU: the runner must reject it too. */
int main(void)
{
    return 0;
}

/* The region marker of steps.c (same idea as probes/harness/harness_mark.c): an empty function
 * in its own translation unit, so calls to it stay real calls the plugin can see. */
void steps_mark(void);
void steps_mark(void) { __asm__ volatile("" ::: "memory"); }

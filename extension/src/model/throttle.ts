// At most one call per interval, the last one never lost. The Benchmarks view needs it: VS Code
// debounces a tree's change events (200 ms of quiet before it asks again), and `$/progress`
// comes every 100 ms, so a view refreshed on each value would keep its first percentage until
// the benchmark ends.

export interface Throttled {
    (): void;
    /** Drops a pending call (on dispose). */
    cancel(): void;
}

export function throttle(fn: () => void, intervalMs: number, now: () => number = Date.now): Throttled {
    let last = Number.NEGATIVE_INFINITY;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
        timer = undefined;
        last = now();
        fn();
    };
    const call = (() => {
        if (timer) return; // a call is already due: it will see the latest state
        const wait = last + intervalMs - now();
        if (wait <= 0) run();
        else timer = setTimeout(run, wait);
    }) as Throttled;
    call.cancel = () => {
        if (timer) clearTimeout(timer);
        timer = undefined;
    };
    return call;
}

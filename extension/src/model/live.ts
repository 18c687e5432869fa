// The history a live benchmark chart is drawn from: every `$/progress` value of a benchmark, kept
// in order, thinned when it grows (a long benchmark reports ten times a second for hours).
// Values are the daemon's; thinning only drops some of them.

/**
 * Appends `value`; past `cap` values, every second one between the first and the newest is
 * dropped (the `begin`, the latest and the shape of the curve stay).
 */
export function appendCapped<T>(list: T[], value: T, cap: number): void {
    list.push(value);
    if (list.length <= Math.max(cap, 3)) return;
    const first = list[0];
    const last = list[list.length - 1];
    const kept: T[] = first === undefined ? [] : [first];
    for (let i = 1; i < list.length - 1; i += 2) {
        const v = list[i];
        if (v !== undefined) kept.push(v);
    }
    if (last !== undefined) kept.push(last);
    list.splice(0, list.length, ...kept);
}

/** The key of a benchmark's history: the daemon's folder and the id. */
export function historyKey(folder: string, benchmark: number): string {
    return `${folder}\u0000${String(benchmark)}`;
}

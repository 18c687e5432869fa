// How figures read in the UI (labels, tooltips, CodeLenses). Presentation only: every figure
// comes from the daemon; these functions never derive a new one.

/** 0.9742 -> "97.4 %" (a ratio in 0..1, as the engine's balanced accuracy). */
export function formatRatio(ratio: number, digits = 1): string {
    return `${(ratio * 100).toFixed(digits)} %`;
}

/** 42 -> "42 %" (a percentage already in 0..100). */
export function formatPercentage(percentage: number): string {
    return `${Math.round(percentage)} %`;
}

/** Bytes in the engine's kB (1024 bytes, as `max_ram_kb`): 2150 -> "2.1 kB", 900 -> "900 B". */
export function formatBytes(bytes: number | null | undefined): string {
    if (bytes == null || !Number.isFinite(bytes)) return '?';
    if (Math.abs(bytes) < 1024) return `${Math.round(bytes)} B`;
    const kb = bytes / 1024;
    if (Math.abs(kb) < 1024) return `${trimNumber(kb, kb < 10 ? 2 : 1)} kB`;
    return `${trimNumber(kb / 1024, 2)} MB`;
}

/** Seconds -> "0.4 s", "42 s", "3 min 05 s", "2 h 07 min". */
export function formatDuration(seconds: number | null | undefined): string {
    if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '?';
    if (seconds < 10) return `${trimNumber(seconds, 1)} s`;
    const whole = Math.round(seconds);
    if (whole < 60) return `${whole} s`;
    const minutes = Math.floor(whole / 60);
    if (minutes < 60) return `${minutes} min ${String(whole % 60).padStart(2, '0')} s`;
    return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** 1234567 -> "1,234,567" (fixed grouping, not the locale's: tests and screenshots agree). */
export function formatCount(n: number): string {
    const [int = '0', frac] = String(Math.round(n * 100) / 100).split('.');
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return frac ? `${grouped}.${frac}` : grouped;
}

/** The number with at most `digits` decimals, without trailing zeros: 2.10 -> "2.1". */
export function trimNumber(n: number, digits: number): string {
    return String(Number(n.toFixed(digits)));
}

/** "a", "a and b", "a, b and c" */
export function joinWords(items: readonly string[]): string {
    if (items.length <= 1) return items.join('');
    return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** "1 signal", "3 signals" */
export function plural(n: number, one: string, many = `${one}s`): string {
    return `${formatCount(n)} ${n === 1 ? one : many}`;
}

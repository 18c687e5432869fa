// A benchmark's `$/progress` values as the UI shows them: the notification's message and
// increments (window.withProgress wants increments, the daemon sends percentages), the status
// bar's short text. Every figure is the daemon's.
import type { BestSoFar, BenchmarkProgressValue } from '../protocol.generated';
import { formatBytes, formatDuration, formatPercentage, formatRatio } from './format';

/** Turns the daemon's absolute percentages into window.withProgress increments. */
export class ProgressIncrements {
    private reported = 0;

    /** The increment to report for a new percentage (0 when it did not move or went back). */
    next(percentage: number | undefined): number {
        if (percentage == null || !Number.isFinite(percentage)) return 0;
        const clamped = Math.min(100, Math.max(0, percentage));
        const increment = clamped - this.reported;
        if (increment <= 0) return 0;
        this.reported = clamped;
        return increment;
    }

    get total(): number {
        return this.reported;
    }
}

export function bestSummary(best: BestSoFar | null | undefined): string | undefined {
    if (!best) return undefined;
    return `best ${formatRatio(best.balancedAccuracy)} balanced accuracy, confidence ${Math.round(best.confidence)}, ${formatBytes(best.ramBytes)} RAM`;
}

/** The line under the notification's title: the daemon's message, the best so far, the time left. */
export function progressMessage(value: BenchmarkProgressValue): string {
    const parts = [value.message];
    if (value.kind !== 'end') {
        const best = bestSummary(value.best);
        if (best) parts.push(best);
        if (value.etaS != null) parts.push(`about ${formatDuration(value.etaS)} left`);
    }
    return parts.join(' — ');
}

/** The title of the progress notification. */
export function progressTitle(value: BenchmarkProgressValue, folderName?: string): string {
    const title = value.kind === 'begin' ? value.title : `Benchmark ${value.benchmark}`;
    return folderName ? `${title} (${folderName})` : title;
}

/** Short text for the status bar: "benchmark 3 42 %". */
export function shortStatus(value: BenchmarkProgressValue): string {
    if (value.kind === 'end') return `benchmark ${value.benchmark} ${value.state}`;
    return `benchmark ${value.benchmark} ${formatPercentage(value.percentage)}`;
}

/** The sentence shown when a benchmark ends (the daemon's message starts with the state: not twice). */
export function endMessage(value: BenchmarkProgressValue): string {
    if (value.kind !== 'end') return progressMessage(value);
    const rest = value.message.startsWith(`${value.state}: `) ? value.message.slice(value.state.length + 2) : value.message;
    switch (value.state) {
        case 'finished':
            return `Benchmark ${value.benchmark} finished: ${rest}.`;
        case 'stopped':
            return `Benchmark ${value.benchmark} stopped (checkpointed: resume it any time): ${rest}.`;
        case 'failed':
            return `Benchmark ${value.benchmark} failed: ${rest}`;
    }
}

/** A fresh, unique progress token (LSP's ProgressToken: the client chooses it). */
export function makeToken(prefix: string, counter: number, random: () => number = Math.random): string {
    return `${prefix}-${counter}-${Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0')}`;
}

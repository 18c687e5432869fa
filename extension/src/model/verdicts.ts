// Per-line verdicts of a signal file, from an emulator detect (emulator/detect) or a benchmark's
// result (benchmark/result `similarities`, split 0), and the sentences shown for them (hover,
// CodeLens). The similarities and the threshold are the engine's; nothing is recomputed here.
import type { BenchmarkResult, EmulatorDetectResult } from '../protocol.generated';
import { formatCount, formatRatio, trimNumber } from './format';

export type VerdictStatus = 'anomaly' | 'nominal';

export interface LineVerdict {
    /** The file's 1-based line. */
    readonly line: number;
    /** 0..100, what vigil_detect returns (a benchmark gives the unrounded value). */
    readonly similarity: number;
    readonly exact?: number;
    readonly status: VerdictStatus;
    /** Benchmark only: the line is in the group's abnormal file. */
    readonly abnormalFile?: boolean;
}

export type VerdictOrigin =
    | { readonly kind: 'benchmark'; readonly benchmark: number; readonly balancedAccuracy: number | null; readonly folder: string }
    | { readonly kind: 'emulator'; readonly library: string; readonly folder: string };

export interface FileVerdicts {
    /** Absolute path of the signal file, as the daemon resolved it. */
    readonly file: string;
    readonly origin: VerdictOrigin;
    /** Sorted by line. */
    readonly lines: readonly LineVerdict[];
    /** Benchmark only: the lines the library learned (split 0), not detected. */
    readonly learned: readonly number[];
    /** The similarity below which a signal is an anomaly (the result's `threshold`; 90). */
    readonly threshold: number;
}

/** The runtime's decision threshold when the daemon does not restate it (DESIGN.md: 90). */
export const defaultThreshold = 90;

function byLine(a: LineVerdict, b: LineVerdict): number {
    return a.line - b.line;
}

/** Verdicts of one emulator/detect on a file (`source` is the resolved path). */
export function verdictsFromDetection(result: EmulatorDetectResult, origin: Extract<VerdictOrigin, { kind: 'emulator' }>): FileVerdicts {
    const lines = result.results.map((d) => ({ line: d.line, similarity: d.similarity, exact: d.exact, status: d.status }));
    return { file: result.source, origin, lines: lines.sort(byLine), learned: [], threshold: defaultThreshold };
}

/**
 * Verdicts of a benchmark's best library on every file of the benchmark (split 0): each signal's
 * similarity and status as the engine gives them (docs/bench.md).
 */
export function verdictsFromBenchmark(result: BenchmarkResult, folder: string): FileVerdicts[] {
    const sims = result.similarities;
    if (!sims) return [];
    const origin: VerdictOrigin = {
        kind: 'benchmark',
        benchmark: result.benchmark,
        balancedAccuracy: result.best ? result.best.indicators.balanced_accuracy : null,
        folder,
    };
    const files = new Map<string, { lines: LineVerdict[]; learned: number[] }>();
    const entry = (file: string) => {
        let e = files.get(file);
        if (!e) files.set(file, (e = { lines: [], learned: [] }));
        return e;
    };
    for (const s of sims.signals)
        entry(s.file).lines.push({
            line: s.line,
            similarity: s.similarity,
            // The engine's verdict (similarity below the threshold, as vigil_detect decides).
            status: s.status,
            abnormalFile: s.abnormal,
        });
    for (const l of sims.learned) entry(l.file).learned.push(...l.lines);
    return [...files].map(([file, e]) => ({
        file,
        origin,
        lines: e.lines.sort(byLine),
        learned: [...new Set(e.learned)].sort((a, b) => a - b),
        threshold: sims.threshold,
    }));
}

export interface VerdictCounts {
    readonly detected: number;
    readonly anomalies: number;
    readonly nominal: number;
    readonly learned: number;
}

export function countVerdicts(v: FileVerdicts): VerdictCounts {
    const anomalies = v.lines.filter((l) => l.status === 'anomaly').length;
    return { detected: v.lines.length, anomalies, nominal: v.lines.length - anomalies, learned: v.learned.length };
}

export function originLabel(origin: VerdictOrigin): string {
    return origin.kind === 'benchmark' ? `benchmark ${origin.benchmark}` : `emulator (${origin.library})`;
}

/**
 * The CodeLens at the top of a signal file:
 * "benchmark 3: 97.4 % balanced accuracy — 12 of 400 lines below 90 %".
 */
export function summaryText(v: FileVerdicts): string {
    const c = countVerdicts(v);
    const below = `${formatCount(c.anomalies)} of ${formatCount(c.detected)} ${c.detected === 1 ? 'line' : 'lines'} below ${trimNumber(v.threshold, 1)} %`;
    if (v.origin.kind === 'benchmark') {
        const accuracy = v.origin.balancedAccuracy == null ? 'no best library' : `${formatRatio(v.origin.balancedAccuracy)} balanced accuracy`;
        return `${originLabel(v.origin)}: ${accuracy} — ${below}`;
    }
    return `${originLabel(v.origin)}: ${below}`;
}

/** A finer line for the CodeLens tooltip. */
export function summaryDetail(v: FileVerdicts): string {
    const c = countVerdicts(v);
    const parts = [`${formatCount(c.anomalies)} anomalies, ${formatCount(c.nominal)} nominal`];
    if (c.learned) parts.push(`${formatCount(c.learned)} lines learned (split 0), not detected`);
    const rest = v.origin.kind === 'benchmark' ? ' Lines of the held-out part and of other splits are not shown.' : '';
    return `${parts.join('; ')}.${rest}`;
}

/** Markdown for the hover on a line with a verdict (or a learned line). */
export function hoverMarkdown(v: FileVerdicts, line: number): string | undefined {
    const verdict = findLine(v, line);
    const head = `**Vigil** · ${originLabel(v.origin)} · line ${line}`;
    if (!verdict) {
        if (v.learned.includes(line)) return `${head}\n\nLearned by the library (split 0): not detected.`;
        return undefined;
    }
    const similarity = verdict.exact != null ? `${verdict.similarity} (${trimNumber(verdict.exact, 2)})` : trimNumber(verdict.similarity, 2);
    const status = verdict.status === 'anomaly' ? '**anomaly**' : 'nominal';
    const lines = [head, '', `similarity ${similarity} / 100 → ${status} (threshold ${trimNumber(v.threshold, 1)})`];
    if (verdict.abnormalFile != null) {
        const expected: VerdictStatus = verdict.abnormalFile ? 'anomaly' : 'nominal';
        lines.push('', `${verdict.abnormalFile ? 'abnormal' : 'regular'} file: ${verdict.status === expected ? 'as expected' : `expected ${expected}`}`);
    }
    return lines.join('\n');
}

/** Binary search of a line's verdict. */
export function findLine(v: FileVerdicts, line: number): LineVerdict | undefined {
    let lo = 0;
    let hi = v.lines.length - 1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const l = v.lines[mid];
        if (!l) return undefined;
        if (l.line === line) return l;
        if (l.line < line) lo = mid + 1;
        else hi = mid - 1;
    }
    return undefined;
}

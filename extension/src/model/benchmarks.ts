// How a benchmark of benchmark/list (or project/open) reads in the Benchmarks view, and which
// actions it offers. The states are the daemon's (docs/bench.md): `running` without `live` is a
// benchmark whose daemon died, resumable like a stopped or failed one.
import type { BenchmarkSummary, LibraryRecord, BenchmarkProgressValue } from '../protocol.generated';
import { formatBytes, formatDuration, formatPercentage, formatRatio, joinWords, plural } from './format';

export type BenchmarkAction = 'stop' | 'resume' | 'results' | 'compile';

export function benchmarkActions(b: BenchmarkSummary): BenchmarkAction[] {
    const out: BenchmarkAction[] = [];
    if (b.live) out.push('stop');
    else if (b.state !== 'finished') out.push('resume');
    if (!b.live && (b.state === 'finished' || b.state === 'stopped')) out.push('results');
    if (!b.live && b.best) out.push('compile');
    return out;
}

/** The tree item's contextValue: `benchmark` plus one word per action (matched by `when` clauses). */
export function benchmarkContext(b: BenchmarkSummary): string {
    return ['benchmark', ...benchmarkActions(b)].join(' ');
}

export function benchmarkLabel(b: BenchmarkSummary): string {
    return `Benchmark ${b.id}`;
}

export function benchmarkDescription(b: BenchmarkSummary, progress?: BenchmarkProgressValue): string {
    if (b.live) {
        if (progress && progress.kind !== 'end') return `running ${formatPercentage(progress.percentage)}`;
        return 'running';
    }
    const state = b.state === 'running' ? 'interrupted' : b.state;
    const accuracy = b.best?.indicators ? `${formatRatio(b.best.indicators.balanced_accuracy)} · ${formatBytes(b.best.indicators.ram_bytes)} RAM` : undefined;
    return accuracy ? `${state} · ${accuracy}` : state;
}

export function benchmarkTooltip(b: BenchmarkSummary, progress?: BenchmarkProgressValue): string {
    const lines = [`Benchmark ${b.id} — ${b.live ? 'running' : b.state === 'running' ? 'interrupted (resume it)' : b.state}`, `created ${b.created_at}, seed ${b.seed}`];
    const files = b.inputs.map((g) => `${baseName(g.regular.path)} / ${baseName(g.abnormal.path)}`);
    if (files.length) lines.push(`${plural(files.length, 'group')}: ${joinWords(files)}`);
    if (progress) lines.push(progress.message);
    if (b.best) {
        lines.push(`best: ${b.best.summary}`);
        const i = b.best.indicators;
        if (i) lines.push(`${formatRatio(i.balanced_accuracy)} balanced accuracy, confidence ${Math.round(i.confidence)}, ${formatBytes(i.ram_bytes)} RAM, ${formatBytes(i.flash_bytes)} flash`);
    }
    if (b.elapsed_s != null) lines.push(`took ${formatDuration(b.elapsed_s)}${b.jobs != null ? ` on ${plural(b.jobs, 'thread')}` : ''}`);
    return lines.join('\n');
}

export function libraryLabel(l: LibraryRecord): string {
    return `Library ${l.id} · ${l.core}`;
}

export function libraryDescription(l: LibraryRecord): string {
    return `${l.float_abi} float · ${formatBytes(l.ram_bytes)} RAM · ${formatBytes(l.flash_bytes)} flash`;
}

export function libraryTooltip(l: LibraryRecord): string {
    return [
        `${l.library} for ${l.core} (${l.float_abi} float ABI)`,
        l.recipe_summary,
        l.benchmark != null ? `from benchmark ${l.benchmark}` : 'from a recipe',
        `created ${l.created_at}`,
        l.path,
        `sha256 ${l.sha256}`,
    ].join('\n');
}

export function baseName(path: string): string {
    return path.split(/[\\/]/).pop() ?? path;
}

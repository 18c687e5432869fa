// The status-bar item's text and Markdown tooltip: the daemon's state and the running
// benchmarks' percentages, with command links (rust-analyzer's updateStatusBarItem).
import { formatPercentage } from './format';

export type DaemonState = 'stopped' | 'starting' | 'running' | 'failed';

export interface RunningBenchmark {
    readonly folder: string;
    readonly folderName: string;
    readonly benchmark: number;
    readonly percentage: number | undefined;
    readonly message: string | undefined;
}

export interface StatusInput {
    readonly state: DaemonState;
    /** "vigild 0.1.0 over stdio" once running. */
    readonly server?: string;
    /** Why it failed or stopped. */
    readonly problem?: string;
    readonly benchmarks: readonly RunningBenchmark[];
}

export interface StatusView {
    readonly text: string;
    readonly tooltip: string;
    readonly severity: 'normal' | 'warning' | 'error';
}

/** A `command:` link with JSON arguments, for a trusted Markdown tooltip. */
export function commandLink(title: string, command: string, args?: readonly unknown[]): string {
    const query = args && args.length ? `?${encodeURIComponent(JSON.stringify(args))}` : '';
    return `[${title}](command:${command}${query})`;
}

function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export function statusView(input: StatusInput): StatusView {
    const links: string[] = [];
    const lines: string[] = [];
    let text: string;
    let severity: StatusView['severity'] = 'normal';
    switch (input.state) {
        case 'starting':
            text = '$(loading~spin) Vigil';
            lines.push('Starting the Vigil daemon…');
            break;
        case 'running':
            text = '$(pulse) Vigil';
            lines.push(`**Vigil** — ${escapeMarkdown(input.server ?? 'daemon running')}`);
            links.push(commandLink('Restart daemon', 'vigil.restartServer'), commandLink('Stop daemon', 'vigil.stopServer'));
            break;
        case 'stopped':
            text = '$(circle-slash) Vigil';
            severity = 'warning';
            lines.push(`**Vigil** — daemon stopped${input.problem ? `: ${escapeMarkdown(input.problem)}` : ''}`);
            links.push(commandLink('Start daemon', 'vigil.restartServer'));
            break;
        case 'failed':
            text = '$(error) Vigil';
            severity = 'error';
            lines.push(`**Vigil** — the daemon is not running${input.problem ? `: ${escapeMarkdown(input.problem)}` : ''}`);
            links.push(commandLink('Restart daemon', 'vigil.restartServer'), commandLink('Settings', 'workbench.action.openSettings', ['vigil.server']));
            break;
    }
    const running = input.benchmarks;
    if (running.length === 1 && running[0]) {
        const b = running[0];
        text = `$(sync~spin) Vigil: benchmark ${b.benchmark}${b.percentage != null ? ` ${formatPercentage(b.percentage)}` : ''}`;
    } else if (running.length > 1) {
        text = `$(sync~spin) Vigil: ${running.length} benchmarks`;
    }
    for (const b of running) {
        const pct = b.percentage != null ? ` — ${formatPercentage(b.percentage)}` : '';
        lines.push(
            '',
            `Benchmark ${b.benchmark} in ${escapeMarkdown(b.folderName)}${pct}${b.message ? `  \n${escapeMarkdown(b.message)}` : ''}`,
            commandLink('Stop', 'vigil.benchmark.stop', [{ folder: b.folder, benchmark: b.benchmark }]),
        );
    }
    links.push(commandLink('Show log', 'vigil.showLog'));
    lines.push('', links.join(' · '));
    return { text, tooltip: lines.join('\n'), severity };
}

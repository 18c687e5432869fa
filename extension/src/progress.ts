// Work-done progress both ways. A benchmark's `$/progress` (the token the extension gave
// benchmark/start, benchmark/resume or benchmark/watch) becomes a window.withProgress
// notification whose Cancel sends benchmark/stop; the latest values feed the status bar and
// the Benchmarks view. Other long requests (a compile) get a notification whose Cancel sends
// `$/cancelRequest` (vscode-jsonrpc does it when the request's token is cancelled).
import * as vscode from 'vscode';

import type { Client } from './client';
import type { Ctx } from './ctx';
import { errorText, isCancelled } from './model/errors';
import { makeToken, ProgressIncrements, progressMessage, progressTitle, shortStatus } from './model/progress';
import type { RunningBenchmark } from './model/status';
import { daemonFolder, type Project } from './projects';
import * as proto from './protocol.generated';

export interface BenchmarkRun {
    readonly project: Project;
    readonly token: string;
    benchmark: number | undefined;
    latest: proto.BenchmarkProgressValue | undefined;
}

export interface BenchmarkEnded {
    readonly project: Project;
    readonly value: Extract<proto.BenchmarkProgressValue, { kind: 'end' }>;
}

export interface BenchmarkReported {
    readonly project: Project;
    readonly value: proto.BenchmarkProgressValue;
}

interface LiveRun extends BenchmarkRun {
    finish?: () => void;
    readonly increments: ProgressIncrements;
    report?: (value: proto.BenchmarkProgressValue) => void;
    readonly subscription: vscode.Disposable;
}

export class BenchmarkMonitor implements vscode.Disposable {
    private readonly runs = new Map<string, LiveRun>();
    private counter = 0;
    private readonly changed = new vscode.EventEmitter<void>();
    private readonly ended = new vscode.EventEmitter<BenchmarkEnded>();
    private readonly reported = new vscode.EventEmitter<BenchmarkReported>();
    /** Fires on every progress value (status bar, Benchmarks view). */
    readonly onDidChange = this.changed.event;
    /** Fires when a followed benchmark ends (finished, stopped or failed). */
    readonly onDidEnd = this.ended.event;
    /** Fires with every `$/progress` value of a followed benchmark, `end` included (the live chart). */
    readonly onDidReport = this.reported.event;
    private readonly disposables: vscode.Disposable[] = [this.changed, this.ended, this.reported];

    constructor(private readonly ctx: Ctx) {
        this.disposables.push(
            ctx.onDidChangeState((s) => {
                if (s.kind !== 'running') this.dropAll();
            }),
        );
    }

    newToken(): string {
        return makeToken('vigil-benchmark', ++this.counter);
    }

    /**
     * Follows the `$/progress` of `token` (call it before sending the request that names the
     * token: the daemon may send `begin` before its answer). Returns the run, to be dropped with
     * `untrack` if the request fails.
     */
    track(client: Client, project: Project, token: string): BenchmarkRun {
        const run: LiveRun = {
            project,
            token,
            benchmark: undefined,
            latest: undefined,
            increments: new ProgressIncrements(),
            subscription: client.onProgress(token, (value) => {
                this.onValue(run, value);
            }),
        };
        this.runs.set(token, run);
        return run;
    }

    untrack(run: BenchmarkRun): void {
        const live = this.runs.get(run.token);
        if (!live) return;
        live.subscription.dispose();
        live.finish?.();
        this.runs.delete(run.token);
        this.changed.fire();
    }

    private onValue(run: LiveRun, value: proto.BenchmarkProgressValue): void {
        run.benchmark = value.benchmark;
        run.latest = value;
        if (!run.finish && value.kind !== 'end') this.openNotification(run, value);
        run.report?.(value);
        this.reported.fire({ project: run.project, value });
        if (value.kind === 'end') {
            this.untrack(run);
            this.ended.fire({ project: run.project, value });
            return;
        }
        this.changed.fire();
    }

    private openNotification(run: LiveRun, first: proto.BenchmarkProgressValue): void {
        let finish: () => void = () => undefined;
        const done = new Promise<void>((resolve) => (finish = resolve));
        run.finish = finish;
        void vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: progressTitle(first, run.project.name), cancellable: true },
            (progress, cancel) => {
                run.report = (value) => {
                    progress.report({ message: progressMessage(value), increment: run.increments.next(value.kind === 'end' ? 100 : value.percentage) });
                };
                run.report(first);
                cancel.onCancellationRequested(() => void this.stop(run.project, first.benchmark));
                return done;
            },
        );
    }

    /** benchmark/stop: the benchmark checkpoints and ends `stopped` (its `end` follows). */
    async stop(project: Project, benchmark: number): Promise<void> {
        try {
            const r = await this.ctx.requireClient().request(proto.benchmarkStop, { folder: daemonFolder(project), benchmark });
            if (!r.stopping) void vscode.window.showInformationMessage(`Benchmark ${benchmark} is not running here (${r.state ?? 'unknown state'}).`);
        } catch (e) {
            void vscode.window.showErrorMessage(`Could not stop benchmark ${benchmark}: ${errorText(e)}`);
        }
    }

    /** Follows a benchmark another client (or an earlier window) started: benchmark/watch. */
    async follow(project: Project, benchmark: number): Promise<void> {
        if (this.isFollowed(project, benchmark)) return;
        const client = this.ctx.requireClient();
        const token = this.newToken();
        const run = this.track(client, project, token);
        try {
            const watched = await client.request(proto.benchmarkWatch, { folder: daemonFolder(project), benchmark, workDoneToken: token });
            if (!watched.live) this.untrack(run);
        } catch (e) {
            this.untrack(run);
            throw e;
        }
    }

    isFollowed(project: Project, benchmark: number): boolean {
        return [...this.runs.values()].some((r) => r.project.uri.toString() === project.uri.toString() && r.benchmark === benchmark);
    }

    /** The latest value of a followed benchmark. */
    latest(project: Project, benchmark: number): proto.BenchmarkProgressValue | undefined {
        return [...this.runs.values()].find((r) => r.project.uri.toString() === project.uri.toString() && r.benchmark === benchmark)?.latest;
    }

    /** Followed benchmarks that have begun, for the status bar. */
    running(): RunningBenchmark[] {
        const out: RunningBenchmark[] = [];
        for (const r of this.runs.values()) {
            if (r.benchmark === undefined || !r.latest || r.latest.kind === 'end') continue;
            out.push({
                folder: daemonFolder(r.project),
                folderName: r.project.name,
                benchmark: r.benchmark,
                percentage: r.latest.percentage,
                message: `${shortStatus(r.latest)}: ${r.latest.message}`,
            });
        }
        return out;
    }

    private dropAll(): void {
        for (const run of [...this.runs.values()]) this.untrack(run);
    }

    dispose(): void {
        this.dropAll();
        for (const d of this.disposables) d.dispose();
    }
}

/**
 * Runs a request under a cancellable notification; Cancel sends `$/cancelRequest`. Resolves
 * undefined when cancelled; other errors are thrown.
 */
export async function withCancellableRequest<T>(title: string, task: (token: vscode.CancellationToken) => Promise<T>): Promise<T | undefined> {
    try {
        return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => task(token));
    } catch (e) {
        if (isCancelled(e)) return undefined;
        throw e;
    }
}

// Benchmark live chart: the best-so-far balanced accuracy, confidence and RAM over time, and the
// candidates per second, drawn from the benchmark's `$/progress` values as they come; a Stop
// button (benchmark/stop). Every value of every followed benchmark is kept from activation on
// (LiveHistories), so a chart opened late, or rebuilt after being hidden, has the whole run.
// Once the benchmark has a stored result, its `evolution` is sent as well.
import * as vscode from 'vscode';

import type { App } from '../app';
import { errorText } from '../model/errors';
import { appendCapped, historyKey } from '../model/live';
import { daemonFolder, type Project } from '../projects';
import * as proto from '../protocol.generated';
import { createWebviewPanel, Panel, PanelRegistry, revivePanels } from './host';
import type { BenchmarkLiveFromView, BenchmarkLiveToView, PanelKey } from './messages';
import { openProject } from './project-wait';

type Key = Extract<PanelKey, { kind: 'benchmark-live' }>;

/** At most this many values per benchmark are kept (thinned beyond). */
const historyCap = 4000;

export class LiveHistories implements vscode.Disposable {
    private readonly values = new Map<string, proto.BenchmarkProgressValue[]>();
    private readonly subscription: vscode.Disposable;

    constructor(app: App) {
        this.subscription = app.monitor.onDidReport(({ project, value }) => {
            const key = historyKey(daemonFolder(project), value.benchmark);
            let list = this.values.get(key);
            // A `begin` starts a new session of the benchmark (a resume): its times restart at 0.
            if (!list || value.kind === 'begin') this.values.set(key, (list = []));
            appendCapped(list, value, historyCap);
        });
    }

    get(folder: string, benchmark: number): readonly proto.BenchmarkProgressValue[] {
        return this.values.get(historyKey(folder, benchmark)) ?? [];
    }

    dispose(): void {
        this.subscription.dispose();
    }
}

class LiveChart {
    readonly host: Panel<BenchmarkLiveToView, BenchmarkLiveFromView>;
    private result: proto.BenchmarkResult | undefined;
    private readonly subscription: vscode.Disposable;

    constructor(
        private readonly app: App,
        private readonly histories: LiveHistories,
        panel: vscode.WebviewPanel,
        private readonly key: Key,
        private project: Project | undefined,
    ) {
        this.host = new Panel<BenchmarkLiveToView, BenchmarkLiveFromView>(panel, app.ctx, 'benchmark-live');
        const args = { folder: key.folder, benchmark: key.benchmark };
        this.host
            .on('ready', () => {
                this.sendInit();
            })
            .on('stop', async () => {
                this.project ??= await openProject(this.app, key.folder);
                if (this.project) await this.app.monitor.stop(this.project, key.benchmark);
            })
            .on('openResults', () => vscode.commands.executeCommand('vigil.benchmark.openResults', args))
            .on('compile', () => vscode.commands.executeCommand('vigil.library.compile', args));
        this.subscription = app.monitor.onDidReport(({ project, value }) => {
            if (value.benchmark !== key.benchmark || daemonFolder(project) !== key.folder) return;
            this.host.post({ type: 'progress', value });
            if (value.kind === 'end' && value.state !== 'failed') void this.loadResult(true);
        });
        this.host.onDidDispose(() => {
            this.subscription.dispose();
        });
    }

    get panel(): vscode.WebviewPanel {
        return this.host.panel;
    }

    get onDidDispose(): vscode.Event<void> {
        return this.host.onDidDispose;
    }

    reveal(preserveFocus?: boolean): void {
        this.host.reveal(preserveFocus);
    }

    private isLive(): boolean {
        const summary = this.project?.summary?.benchmarks.find((b) => b.id === this.key.benchmark);
        const latest = this.histories.get(this.key.folder, this.key.benchmark).at(-1);
        if (latest) return latest.kind !== 'end';
        return summary?.live ?? false;
    }

    private sendInit(): void {
        this.host.post({
            type: 'init',
            key: this.key,
            project: this.project?.summary?.settings.name ?? this.project?.name ?? this.key.folder,
            benchmark: this.key.benchmark,
            values: this.histories.get(this.key.folder, this.key.benchmark),
            live: this.isLive(),
            result: this.result,
        });
    }

    /** The stored result, when the benchmark has one (not while it runs). */
    async loadResult(resend: boolean): Promise<void> {
        try {
            this.project ??= await openProject(this.app, this.key.folder);
            if (this.isLive()) return;
            const client = this.app.ctx.requireClient();
            this.result = await client.request(proto.benchmarkResult, { folder: this.key.folder, benchmark: this.key.benchmark });
        } catch (e) {
            // A running or failed benchmark has no result: the progress values are all there is.
            this.app.ctx.log.info(`live chart of benchmark ${String(this.key.benchmark)}: no stored result (${errorText(e)})`);
        }
        if (resend) this.sendInit();
    }
}

export class BenchmarkLivePanels implements vscode.Disposable {
    private readonly registry = new PanelRegistry<LiveChart>();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(
        private readonly app: App,
        private readonly histories: LiveHistories,
    ) {
        this.disposables.push(
            revivePanels(this.registry, 'benchmark-live', (panel, key) => new LiveChart(this.app, this.histories, panel, key, undefined), (chart) => chart.loadResult(true)),
        );
    }

    /** Opens (or reveals) the live chart of a benchmark. */
    async show(project: Project, benchmark: number, options: { preserveFocus?: boolean } = {}): Promise<void> {
        const key: Key = { kind: 'benchmark-live', folder: daemonFolder(project), benchmark };
        let created: LiveChart | undefined;
        this.registry.showOrCreate(
            key,
            () => {
                const panel = createWebviewPanel(this.app.ctx, 'benchmark-live', `Benchmark ${String(benchmark)} — live`, options);
                created = new LiveChart(this.app, this.histories, panel, key, project);
                return created;
            },
            options.preserveFocus,
        );
        if (created) await created.loadResult(true);
    }

    dispose(): void {
        for (const p of this.registry.all()) p.host.dispose();
        for (const d of this.disposables) d.dispose();
    }
}

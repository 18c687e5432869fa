// The Benchmarks view: each project's benchmarks (newest first) with their state, the best
// library's figures, and a running one's percentage; the context menu offers what the state
// allows (model/benchmarks.ts).
import * as vscode from 'vscode';

import { benchmarkActions, benchmarkContext, benchmarkDescription, benchmarkLabel, benchmarkTooltip } from '../model/benchmarks';
import { throttle } from '../model/throttle';
import type { BenchmarkMonitor } from '../progress';
import { daemonFolder, type Project, type Projects } from '../projects';
import type * as proto from '../protocol.generated';
import { MessageItem, ProjectItem, RefreshableTree, rootChildren, unavailable } from './tree';

export class BenchmarkItem extends vscode.TreeItem {
    /** For commands: the daemon's folder and the benchmark id. */
    readonly folder: string;
    readonly benchmark: number;

    constructor(
        readonly project: Project,
        readonly summary: proto.BenchmarkSummary,
        progress: proto.BenchmarkProgressValue | undefined,
    ) {
        super(benchmarkLabel(summary), vscode.TreeItemCollapsibleState.None);
        this.folder = daemonFolder(project);
        this.benchmark = summary.id;
        this.description = benchmarkDescription(summary, progress);
        this.tooltip = benchmarkTooltip(summary, progress);
        this.contextValue = benchmarkContext(summary);
        this.iconPath = new vscode.ThemeIcon(
            summary.live ? 'sync~spin' : summary.state === 'finished' ? 'pass' : summary.state === 'failed' ? 'error' : 'debug-pause',
        );
        if (summary.live) this.command = { title: 'Show Live Chart', command: 'vigil.benchmark.showLive', arguments: [{ folder: this.folder, benchmark: summary.id }] };
        else if (benchmarkActions(summary).includes('results'))
            this.command = { title: 'Open Results', command: 'vigil.benchmark.openResults', arguments: [{ folder: this.folder, benchmark: summary.id }] };
    }
}

export class BenchmarksView extends RefreshableTree {
    private readonly disposables: vscode.Disposable[];

    constructor(
        private readonly projects: Projects,
        private readonly monitor: BenchmarkMonitor,
    ) {
        super();
        // Progress comes every 100 ms: twice a second is enough for a percentage, and slow
        // enough for VS Code's tree debounce to let each refresh through (model/throttle.ts).
        const progressed = throttle(() => {
            this.refresh();
        }, 500);
        this.disposables = [
            {
                dispose: () => {
                    progressed.cancel();
                },
            },
            projects.onDidChange(() => {
                this.refresh();
            }),
            monitor.onDidChange(progressed),
            // A benchmark that ends changes the project's list: project/open again.
            monitor.onDidEnd((e) => void projects.refresh(e.project.uri)),
        ];
    }

    getChildren(item?: vscode.TreeItem): vscode.ProviderResult<vscode.TreeItem[]> {
        if (!item) return rootChildren(this.projects.list(), (p) => this.rows(p));
        if (item instanceof ProjectItem) return this.rows(item.project);
        return [];
    }

    private rows(p: Project): vscode.TreeItem[] {
        const missing = unavailable(p, this.projects.daemonAvailable);
        if (missing) return missing;
        const benchmarks = [...(p.summary?.benchmarks ?? [])].reverse();
        if (!benchmarks.length)
            return [new MessageItem('No benchmark yet: start one', 'play', { title: 'Start Benchmark', command: 'vigil.benchmark.start', arguments: [{ folder: daemonFolder(p) }] })];
        return benchmarks.map((b) => new BenchmarkItem(p, b, this.monitor.latest(p, b.id)));
    }

    override dispose(): void {
        super.dispose();
        for (const d of this.disposables) d.dispose();
    }
}

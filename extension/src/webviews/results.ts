// Results of a benchmark (benchmark/result, docs/bench.md): the best library and its indicators,
// the similarity scatter of split 0 (regular blue, abnormal red, the 90 threshold dashed), the
// top candidates, the learning curve with the recommended minimum of learn calls, and the
// held-out check with its warning. One panel per benchmark. Opening it also puts the verdicts in
// the signal files (decorations, hover, CodeLens).
import * as vscode from 'vscode';

import type { App } from '../app';
import { errorText } from '../model/errors';
import { projectRelative } from '../model/paths';
import { verdictsFromBenchmark } from '../model/verdicts';
import { daemonFolder, workspacePath, type Project } from '../projects';
import * as proto from '../protocol.generated';
import { createWebviewPanel, Panel, PanelRegistry, revivePanels } from './host';
import type { PanelKey, ResultFile, ResultsFromView, ResultsToView } from './messages';
import { openProject } from './project-wait';

type Key = Extract<PanelKey, { kind: 'results' }>;

class ResultsView {
    readonly host: Panel<ResultsToView, ResultsFromView>;
    private last: ResultsToView;

    constructor(
        private readonly app: App,
        panel: vscode.WebviewPanel,
        private readonly key: Key,
        private project: Project | undefined,
    ) {
        this.host = new Panel<ResultsToView, ResultsFromView>(panel, app.ctx, 'results');
        this.last = { type: 'loading', what: `benchmark ${String(key.benchmark)}` };
        const args = { folder: key.folder, benchmark: key.benchmark };
        this.host
            .on('ready', () => {
                this.host.post(this.last);
            })
            .on('refresh', () => this.load())
            .on('compile', () => vscode.commands.executeCommand('vigil.library.compile', args))
            .on('emulator', () => vscode.commands.executeCommand('vigil.emulator.open', args))
            .on('openFile', async (m) => {
                const file = this.project ? workspacePath(this.project, m.file) : m.file;
                const line = Math.max(0, (m.line ?? 1) - 1);
                await vscode.window.showTextDocument(vscode.Uri.file(file), {
                    preview: true,
                    viewColumn: vscode.ViewColumn.Beside,
                    selection: new vscode.Range(line, 0, line, 0),
                });
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

    private send(m: ResultsToView): void {
        this.last = m;
        this.host.post(m);
    }

    async load(): Promise<void> {
        this.send({ type: 'loading', what: `benchmark ${String(this.key.benchmark)}` });
        try {
            this.project ??= await openProject(this.app, this.key.folder);
            const project = this.project;
            if (!project) throw new Error(`the project ${this.key.folder} is not open in the Vigil daemon`);
            const result = await this.app.ctx.requireClient().request(proto.benchmarkResult, { folder: this.key.folder, benchmark: this.key.benchmark });
            showVerdicts(this.app, project, result);
            const files: ResultFile[] = [];
            for (const s of result.similarities?.signals ?? [])
                if (!files.some((f) => f.file === s.file)) files.push({ file: s.file, relative: projectRelative(this.key.folder, s.file) });
            this.send({ type: 'result', key: this.key, project: project.summary?.settings.name ?? project.name, result, files });
        } catch (e) {
            this.send({ type: 'error', message: `Benchmark ${String(this.key.benchmark)}: ${errorText(e)}` });
        }
    }
}

/** The verdicts of a result in its signal files (split 0's similarities). */
export function showVerdicts(app: App, project: Project, result: proto.BenchmarkResult): void {
    const folder = daemonFolder(project);
    app.verdicts.set(verdictsFromBenchmark(result, folder).map((v) => ({ ...v, file: workspacePath(project, v.file) })));
}

export class ResultsPanels implements vscode.Disposable {
    private readonly registry = new PanelRegistry<ResultsView>();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly app: App) {
        this.disposables.push(
            revivePanels(this.registry, 'results', (panel, key) => new ResultsView(this.app, panel, key, undefined), (view) => view.load()),
        );
    }

    /** Opens (or reveals and reloads) the results of a benchmark. */
    async show(project: Project, benchmark: number): Promise<void> {
        const key: Key = { kind: 'results', folder: daemonFolder(project), benchmark };
        const view = this.registry.showOrCreate(key, () => {
            const panel = createWebviewPanel(this.app.ctx, 'results', `Benchmark ${String(benchmark)} — results`);
            return new ResultsView(this.app, panel, key, project);
        });
        await view.load();
    }

    dispose(): void {
        for (const p of this.registry.all()) p.host.dispose();
        for (const d of this.disposables) d.dispose();
    }
}

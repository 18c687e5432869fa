// Board test: a library on a board through OpenOCD, or on the board's QEMU machine
// (target/test). The panel runs the request itself, shows each step as the daemon reports it
// (TaskProgress) with a Cancel button ($/cancelRequest), then the report: agreement with the
// emulator (n of n), the real image's flash and RAM, cycles and latency per call (instructions
// under QEMU), the first difference, every detection on both sides. One panel per (library,
// board); after a reload it offers to run again (a test talks to hardware: never re-run unasked).
import * as vscode from 'vscode';

import type { App } from '../app';
import { errorText, isCancelled } from '../model/errors';
import { daemonFolder, type Project } from '../projects';
import * as proto from '../protocol.generated';
import { createWebviewPanel, Panel, PanelRegistry, revivePanels } from './host';
import type { BoardTestFromView, BoardTestToView, PanelKey } from './messages';
import { openProject } from './project-wait';

type Key = Extract<PanelKey, { kind: 'board-test' }>;

export interface BoardTestRequest {
    readonly library: number;
    readonly board: string;
    readonly boardName: string;
    readonly learn: readonly string[];
    readonly detect: readonly string[];
}

class BoardTestView {
    readonly host: Panel<BoardTestToView, BoardTestFromView>;
    private last: BoardTestToView;
    private request: BoardTestRequest | undefined;
    private running: vscode.CancellationTokenSource | undefined;

    constructor(
        private readonly app: App,
        panel: vscode.WebviewPanel,
        private readonly key: Key,
        private project: Project | undefined,
    ) {
        this.host = new Panel<BoardTestToView, BoardTestFromView>(panel, app.ctx, 'board-test');
        this.last = { type: 'idle', key, text: `Library ${String(key.library)} on ${key.board}: not run in this window yet.` };
        this.host
            .on('ready', () => {
                this.host.post(this.last);
            })
            .on('cancel', () => {
                this.running?.cancel();
            })
            .on('runAgain', async () => {
                if (this.request) await this.run(this.request);
                else await vscode.commands.executeCommand('vigil.library.testOnBoard', { folder: key.folder, library: key.library });
            })
            .on('copyReport', async () => {
                if (this.last.type !== 'report') return;
                await vscode.env.clipboard.writeText(JSON.stringify(this.last.report, null, 2));
                void vscode.window.showInformationMessage('Copied the board test report (JSON).');
            });
        this.host.onDidDispose(() => this.running?.cancel());
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

    private send(m: BoardTestToView): void {
        this.last = m;
        this.host.post(m);
    }

    async restore(): Promise<void> {
        this.project ??= await openProject(this.app, this.key.folder);
        this.send({ type: 'idle', key: this.key, text: `Library ${String(this.key.library)} on ${this.key.board}: run the test again to see its results (a test is never re-run unasked).` });
    }

    async run(request: BoardTestRequest): Promise<proto.TargetTestReport | undefined> {
        if (this.running) {
            this.reveal();
            return undefined;
        }
        const project = this.project ?? (await openProject(this.app, this.key.folder));
        if (!project) throw new Error(`the project in ${this.key.folder} is not open`);
        this.project = project;
        this.request = request;
        const client = this.app.ctx.requireClient();
        const token = `vigil-target-test-${String(Date.now())}`;
        const title = `Library ${String(request.library)} on ${request.boardName}`;
        const steps: string[] = [];
        let percentage: number | undefined;
        this.send({ type: 'running', key: this.key, title, steps, percentage });
        const subscription = client.onTaskProgress(token, (v) => {
            if (v.kind === 'end') return;
            if (steps[steps.length - 1] !== v.message) steps.push(v.message);
            if (v.percentage != null) percentage = v.percentage;
            this.send({ type: 'running', key: this.key, title, steps: [...steps], percentage });
        });
        const cancel = new vscode.CancellationTokenSource();
        this.running = cancel;
        try {
            const report = await client.request(
                proto.targetTest,
                { folder: daemonFolder(project), board: request.board, library: request.library, learn: [...request.learn], detect: [...request.detect], workDoneToken: token },
                cancel.token,
            );
            // The files were picked project-relative: shown as picked.
            this.send({ type: 'report', key: this.key, project: project.summary?.settings.name ?? project.name, report, learn: request.learn, detect: request.detect });
            return report;
        } catch (e) {
            this.send(isCancelled(e) ? { type: 'idle', key: this.key, text: `${title}: cancelled.` } : { type: 'error', message: `${title}: ${errorText(e)}` });
            throw e;
        } finally {
            subscription.dispose();
            cancel.dispose();
            this.running = undefined;
        }
    }
}

export class BoardTestPanels implements vscode.Disposable {
    private readonly registry = new PanelRegistry<BoardTestView>();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly app: App) {
        this.disposables.push(
            revivePanels(this.registry, 'board-test', (panel, key) => new BoardTestView(this.app, panel, key, undefined), (view) => view.restore()),
        );
    }

    /** Runs target/test in the panel of (library, board), opening it if needed. */
    async run(project: Project, request: BoardTestRequest): Promise<proto.TargetTestReport | undefined> {
        const key: Key = { kind: 'board-test', folder: daemonFolder(project), library: request.library, board: request.board };
        const view = this.registry.showOrCreate(key, () => {
            const panel = createWebviewPanel(this.app.ctx, 'board-test', `Library ${String(request.library)} on ${request.boardName}`);
            return new BoardTestView(this.app, panel, key, project);
        });
        return view.run(request);
    }

    dispose(): void {
        for (const p of this.registry.all()) p.host.dispose();
        for (const d of this.disposables) d.dispose();
    }
}

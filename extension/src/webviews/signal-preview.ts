// Signal preview: a signal file as the daemon summarises it (dataset/plot): per axis, the mean
// line, the min–max band and the ±1 std band across the file's signals, and the mean amplitude
// spectrum. One panel per file.
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { App } from '../app';
import { errorText } from '../model/errors';
import { projectRelative } from '../model/paths';
import { daemonFolder, workspacePath, type Project } from '../projects';
import * as proto from '../protocol.generated';
import { createWebviewPanel, Panel, PanelRegistry, revivePanels } from './host';
import type { PanelKey, SignalPreviewFromView, SignalPreviewToView } from './messages';
import { openProject } from './project-wait';

type Key = Extract<PanelKey, { kind: 'signal-preview' }>;

class SignalPreview {
    readonly host: Panel<SignalPreviewToView, SignalPreviewFromView>;
    private last: SignalPreviewToView;

    constructor(
        private readonly app: App,
        panel: vscode.WebviewPanel,
        private readonly key: Key,
        private project: Project | undefined,
    ) {
        this.host = new Panel<SignalPreviewToView, SignalPreviewFromView>(panel, app.ctx, 'signal-preview');
        this.last = { type: 'loading', what: key.path };
        this.host
            .on('ready', () => {
                this.host.post(this.last);
            })
            .on('refresh', () => this.load())
            .on('openFile', async () => {
                await vscode.window.showTextDocument(this.fileUri(), { preview: true, viewColumn: vscode.ViewColumn.Beside });
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

    private fileUri(): vscode.Uri {
        const abs = path.resolve(this.key.folder, this.key.path);
        return vscode.Uri.file(this.project ? workspacePath(this.project, abs) : abs);
    }

    private send(m: SignalPreviewToView): void {
        this.last = m;
        this.host.post(m);
    }

    async load(): Promise<void> {
        this.send({ type: 'loading', what: this.key.path });
        try {
            this.project ??= await openProject(this.app, this.key.folder);
            const settings = this.project?.summary?.settings;
            if (!settings) throw new Error(`the project ${this.key.folder} is not open in the Vigil daemon`);
            const client = this.app.ctx.requireClient();
            const plot = await client.request(proto.datasetPlot, {
                folder: this.key.folder,
                path: this.key.path,
                axes: settings.sensor.axes,
                ...(settings.sampling_rate_hz != null ? { rate: settings.sampling_rate_hz } : {}),
            });
            this.send({ type: 'plot', key: this.key, relative: this.key.path, plot });
        } catch (e) {
            this.send({ type: 'error', message: `${this.key.path}: ${errorText(e)}` });
        }
    }
}

export class SignalPreviewPanels implements vscode.Disposable {
    private readonly registry = new PanelRegistry<SignalPreview>();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly app: App) {
        this.disposables.push(
            revivePanels(this.registry, 'signal-preview', (panel, key) => new SignalPreview(this.app, panel, key, undefined), (preview) => preview.load()),
        );
    }

    /** Opens (or reveals) the preview of a signal file of a project. */
    async show(project: Project, file: vscode.Uri): Promise<void> {
        const key: Key = { kind: 'signal-preview', folder: daemonFolder(project), path: projectRelative(project.uri.fsPath, file.fsPath) };
        let created: SignalPreview | undefined;
        this.registry.showOrCreate(key, () => {
            const panel = createWebviewPanel(this.app.ctx, 'signal-preview', `Signals: ${path.basename(file.fsPath)}`);
            created = new SignalPreview(this.app, panel, key, project);
            return created;
        });
        if (created) await created.load();
    }

    dispose(): void {
        for (const p of this.registry.all()) p.host.dispose();
        for (const d of this.disposables) d.dispose();
    }
}

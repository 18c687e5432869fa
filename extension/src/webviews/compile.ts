// Compile view: a compiled library — its target, RAM and flash, the compile flags to match
// (metadata.json's `flags`), the example program (example/main.c) and the zip's contents with
// their sizes, all from the daemon (library/compile's answer and library/describe, which reads
// the archived zip). One panel per library.
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { App } from '../app';
import { errorText } from '../model/errors';
import { daemonFolder, workspacePath, type Project } from '../projects';
import * as proto from '../protocol.generated';
import { createWebviewPanel, Panel, PanelRegistry, revivePanels } from './host';
import type { CompileFromView, CompileToView, LibraryMessage, PanelKey } from './messages';
import { openProject } from './project-wait';

type Key = Extract<PanelKey, { kind: 'compile' }>;

class CompileView {
    readonly host: Panel<CompileToView, CompileFromView>;
    private last: CompileToView;

    constructor(
        private readonly app: App,
        panel: vscode.WebviewPanel,
        private readonly key: Key,
        private project: Project | undefined,
    ) {
        this.host = new Panel<CompileToView, CompileFromView>(panel, app.ctx, 'compile');
        this.last = { type: 'loading', what: `library ${String(key.library)}` };
        this.host
            .on('ready', () => {
                this.host.post(this.last);
            })
            .on('reveal', async () => {
                if (this.last.type !== 'library') return;
                await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(this.localPath(this.last.zipPath)));
            })
            .on('copy', async (m) => {
                if (this.last.type !== 'library') return;
                const l = this.last;
                const text = m.what === 'path' ? l.zipPath : m.what === 'flags' ? l.metadata.flags.join(' ') : (l.snippet ?? '');
                await vscode.env.clipboard.writeText(text);
                void vscode.window.showInformationMessage(m.what === 'path' ? 'Copied the zip\'s path.' : m.what === 'flags' ? 'Copied the compile flags.' : 'Copied example/main.c.');
            })
            .on('openSnippet', async () => {
                if (this.last.type !== 'library' || this.last.snippet === undefined) return;
                const doc = await vscode.workspace.openTextDocument({ language: 'c', content: this.last.snippet });
                await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
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

    private localPath(daemonPath: string): string {
        return this.project ? workspacePath(this.project, daemonPath) : daemonPath;
    }

    private send(m: CompileToView): void {
        this.last = m;
        this.host.post(m);
    }

    /** What library/compile answered, with the zip it wrote. */
    async showCompiled(compiled: proto.LibraryCompileResult): Promise<void> {
        const message = await this.describe(compiled.library, compiled.metadata, compiled.path);
        this.send(message);
    }

    /** A library of the project's store: its archived zip. */
    async showStored(): Promise<void> {
        this.send({ type: 'loading', what: `library ${String(this.key.library)}` });
        try {
            this.project ??= await openProject(this.app, this.key.folder);
            const record = this.project?.summary?.libraries.find((l) => l.id === this.key.library);
            if (!record) throw new Error(`library ${String(this.key.library)} is not in the project (removed?)`);
            this.send(await this.describe(record, undefined, record.path));
        } catch (e) {
            this.send({ type: 'error', message: `Library ${String(this.key.library)}: ${errorText(e)}` });
        }
    }

    private async describe(record: proto.LibraryRecord, metadata: proto.LibraryMetadata | undefined, zipPath: string): Promise<CompileToView> {
        let described: proto.LibraryDescription | undefined;
        let zipProblem: string | undefined;
        try {
            described = await this.app.ctx.requireClient().request(proto.libraryDescribe, { folder: this.key.folder, library: record.id });
        } catch (e) {
            zipProblem = `${path.basename(zipPath)} could not be read: ${errorText(e)}`;
        }
        const meta = metadata ?? described?.metadata;
        if (!meta) return { type: 'error', message: `Library ${String(record.id)}: ${zipProblem ?? 'no metadata'}` };
        const message: LibraryMessage = {
            type: 'library',
            key: this.key,
            project: this.project?.summary?.settings.name ?? this.project?.name ?? path.basename(this.key.folder),
            record,
            metadata: meta,
            zipPath,
            zipBytes: described?.zipBytes,
            entries: described?.files ?? [],
            snippet: described?.example ?? undefined,
            zipProblem: zipProblem ?? (described && described.example === null ? 'example/main.c is not in the zip' : undefined),
        };
        return message;
    }
}

export class CompilePanels implements vscode.Disposable {
    private readonly registry = new PanelRegistry<CompileView>();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly app: App) {
        this.disposables.push(
            // The daemon is asked after the panel is back (VS Code waits for a deserializer before it
            // shows the page, and the daemon may still be starting).
            revivePanels(this.registry, 'compile', (panel, key) => new CompileView(this.app, panel, key, undefined), (view) => {
                void view.showStored();
                return Promise.resolve();
            }),
        );
    }

    private open(project: Project, record: proto.LibraryRecord): { view: CompileView; created: boolean } {
        const key: Key = { kind: 'compile', folder: daemonFolder(project), library: record.id };
        let created = false;
        const view = this.registry.showOrCreate(key, () => {
            created = true;
            const panel = createWebviewPanel(this.app.ctx, 'compile', `Library ${String(record.id)} — ${record.core}`);
            return new CompileView(this.app, panel, key, project);
        });
        return { view, created };
    }

    /** After library/compile: the daemon's answer. */
    async showCompiled(project: Project, compiled: proto.LibraryCompileResult): Promise<void> {
        await this.open(project, compiled.library).view.showCompiled(compiled);
    }

    /** A library of the Libraries view. */
    async showStored(project: Project, record: proto.LibraryRecord): Promise<void> {
        const { view, created } = this.open(project, record);
        if (created) await view.showStored();
    }

    dispose(): void {
        for (const p of this.registry.all()) p.host.dispose();
        for (const d of this.disposables) d.dispose();
    }
}

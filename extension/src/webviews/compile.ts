// Compile view: a compiled library — its target, RAM and flash, the compile flags to match
// (metadata.json's `flags`), the example program (example/main.c of the zip) and the zip's
// contents with their sizes. After library/compile it shows the daemon's answer; for a library
// of the Libraries view it reads metadata.json from the archived zip. One panel per library.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { App } from '../app';
import { errorText } from '../model/errors';
import { findEntry, listZip, readZipEntry, topFolder } from '../model/zip';
import { daemonFolder, workspacePath, type Project } from '../projects';
import type * as proto from '../protocol.generated';
import { createWebviewPanel, Panel, PanelRegistry, revivePanels } from './host';
import type { CompileFromView, CompileToView, LibraryMessage, PanelKey, ZipEntryView } from './messages';
import { openProject } from './project-wait';

type Key = Extract<PanelKey, { kind: 'compile' }>;

interface ZipContents {
    readonly bytes: number;
    readonly entries: ZipEntryView[];
    readonly snippet: string | undefined;
    readonly metadata: proto.LibraryMetadata | undefined;
}

/** The listing, example/main.c and metadata.json of a library zip. */
export async function readLibraryZip(file: string): Promise<ZipContents> {
    const buf = await readFile(file);
    const entries = listZip(buf);
    const top = topFolder(entries.map((e) => e.name));
    const text = (relative: string) => {
        const e = findEntry(entries, relative);
        return e ? readZipEntry(buf, e).toString('utf8') : undefined;
    };
    const metadataText = text('metadata.json');
    return {
        bytes: buf.length,
        entries: entries.filter((e) => !e.name.endsWith('/')).map((e) => ({ path: e.name.slice(top.length), bytes: e.size, compressedBytes: e.compressedSize })),
        snippet: text('example/main.c'),
        metadata: metadataText ? (JSON.parse(metadataText) as proto.LibraryMetadata) : undefined,
    };
}

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
        let zip: ZipContents | undefined;
        let zipProblem: string | undefined;
        try {
            zip = await readLibraryZip(this.localPath(zipPath));
        } catch (e) {
            zipProblem = `${path.basename(zipPath)} could not be read: ${errorText(e)}`;
        }
        const meta = metadata ?? zip?.metadata;
        if (!meta) return { type: 'error', message: `Library ${String(record.id)}: no metadata (${zipProblem ?? 'metadata.json is missing from the zip'})` };
        const message: LibraryMessage = {
            type: 'library',
            key: this.key,
            project: this.project?.summary?.settings.name ?? this.project?.name ?? path.basename(this.key.folder),
            record,
            metadata: meta,
            zipPath,
            zipBytes: zip?.bytes,
            entries: zip?.entries ?? [],
            snippet: zip?.snippet,
            zipProblem: zipProblem ?? (zip && zip.snippet === undefined ? 'example/main.c is not in the zip' : undefined),
        };
        return message;
    }
}

export class CompilePanels implements vscode.Disposable {
    private readonly registry = new PanelRegistry<CompileView>();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly app: App) {
        this.disposables.push(
            revivePanels(this.registry, 'compile', (panel, key) => new CompileView(this.app, panel, key, undefined), (view) => view.showStored()),
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

// The Vigil projects of the workspace: every folder holding a vigil.json, opened in the daemon
// with project/open (which also lets this client name paths inside it) each time a daemon
// starts, and refreshed when vigil.json changes or work ends. Views and commands read the
// summaries (settings, benchmarks, libraries) from here.
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { Ctx } from './ctx';
import type { CheckDiagnostics } from './diagnostics';
import { errorText } from './model/errors';
import { isInside, rebasePath } from './model/paths';
import * as proto from './protocol.generated';

export interface Project {
    /** The folder as VS Code knows it (the key). */
    readonly uri: vscode.Uri;
    /** The folder's name. */
    readonly name: string;
    /** The summary of the last project/open, while the daemon runs and vigil.json is valid. */
    readonly summary?: proto.ProjectSummary;
    /** Why the project could not be opened (a bad vigil.json...). */
    readonly error?: string;
}

/** The folder spelling the daemon wants in later calls (its resolved path). */
export function daemonFolder(p: Project): string {
    return p.summary?.folder ?? p.uri.fsPath;
}

/**
 * A path the daemon returned (symlinks resolved) as VS Code spells it in the workspace, so that
 * diagnostics and decorations land on the editor's document.
 */
export function workspacePath(p: Project, daemonPath: string): string {
    return p.summary ? rebasePath(p.summary.folder, p.uri.fsPath, daemonPath) : daemonPath;
}

export class Projects implements vscode.Disposable {
    private readonly projects = new Map<string, Project>();
    private readonly changed = new vscode.EventEmitter<Project | undefined>();
    /** Fires with the project that changed, or undefined when the list changed. */
    readonly onDidChange = this.changed.event;
    private readonly disposables: vscode.Disposable[] = [this.changed];

    constructor(
        private readonly ctx: Ctx,
        private readonly diagnostics: CheckDiagnostics,
    ) {
        const watcher = vscode.workspace.createFileSystemWatcher('**/vigil.json');
        this.disposables.push(
            watcher,
            watcher.onDidCreate((uri) => void this.add(vscode.Uri.file(path.dirname(uri.fsPath)))),
            watcher.onDidChange((uri) => void this.refresh(vscode.Uri.file(path.dirname(uri.fsPath)))),
            watcher.onDidDelete((uri) => {
                this.remove(vscode.Uri.file(path.dirname(uri.fsPath)));
            }),
            vscode.workspace.onDidChangeWorkspaceFolders(() => void this.discover()),
            ctx.onDidChangeState((s) => {
                if (s.kind === 'running') void this.openAll();
                else if (s.kind !== 'starting') this.forgetSummaries();
            }),
        );
        void vscode.commands.executeCommand('setContext', 'vigil.hasProject', false);
    }

    /** Whether summaries can come (the daemon runs or is starting). */
    get daemonAvailable(): boolean {
        return this.ctx.state.kind === 'running' || this.ctx.state.kind === 'starting';
    }

    list(): Project[] {
        return [...this.projects.values()].sort((a, b) => a.name.localeCompare(b.name));
    }

    get(folder: vscode.Uri | string): Project | undefined {
        const key = typeof folder === 'string' ? vscode.Uri.file(folder).toString() : folder.toString();
        const direct = this.projects.get(key);
        if (direct) return direct;
        // The daemon's spelling (symlinks resolved) of a folder.
        const fsPath = typeof folder === 'string' ? folder : folder.fsPath;
        return this.list().find((p) => p.summary?.folder === fsPath);
    }

    /** The project whose folder holds `uri` (the deepest one). */
    containing(uri: vscode.Uri): Project | undefined {
        let best: Project | undefined;
        for (const p of this.projects.values()) {
            if (!isInside(p.uri.fsPath, uri.fsPath)) continue;
            if (!best || p.uri.fsPath.length > best.uri.fsPath.length) best = p;
        }
        return best;
    }

    /** Finds every vigil.json of the workspace (not in .vigil/ or node_modules/). */
    async discover(): Promise<void> {
        const files = await vscode.workspace.findFiles('**/vigil.json', '{**/node_modules/**,**/.vigil/**}', 200);
        const found = new Set(files.map((f) => vscode.Uri.file(path.dirname(f.fsPath)).toString()));
        for (const key of [...this.projects.keys()]) if (!found.has(key)) this.projects.delete(key);
        for (const f of files) {
            const uri = vscode.Uri.file(path.dirname(f.fsPath));
            if (!this.projects.has(uri.toString())) this.projects.set(uri.toString(), { uri, name: path.basename(uri.fsPath) });
        }
        this.listChanged();
        if (this.ctx.client) await this.openAll();
    }

    private listChanged(): void {
        void vscode.commands.executeCommand('setContext', 'vigil.hasProject', this.projects.size > 0);
        this.changed.fire(undefined);
    }

    private async add(uri: vscode.Uri): Promise<void> {
        if (!this.projects.has(uri.toString())) {
            this.projects.set(uri.toString(), { uri, name: path.basename(uri.fsPath) });
            this.listChanged();
        }
        await this.refresh(uri);
    }

    /** Records a project the daemon just created (project/create's summary). */
    created(uri: vscode.Uri, summary: proto.ProjectSummary): void {
        this.projects.set(uri.toString(), { uri, name: path.basename(uri.fsPath), summary });
        this.listChanged();
    }

    /** Records what project/update answered (the settings as vigil.json now holds them). */
    updated(uri: vscode.Uri, summary: proto.ProjectSummary): void {
        const existing = this.projects.get(uri.toString());
        if (!existing) return;
        const next = { uri, name: existing.name, summary };
        this.projects.set(uri.toString(), next);
        this.changed.fire(next);
    }

    private remove(uri: vscode.Uri): void {
        if (this.projects.delete(uri.toString())) this.listChanged();
    }

    private forgetSummaries(): void {
        for (const [key, p] of this.projects) this.projects.set(key, { uri: p.uri, name: p.name });
        this.changed.fire(undefined);
    }

    private async openAll(): Promise<void> {
        await Promise.all(this.list().map((p) => this.refresh(p.uri)));
    }

    /** project/open again: the settings, benchmarks and libraries as the daemon sees them now. */
    async refresh(folder?: vscode.Uri): Promise<void> {
        if (!folder) {
            await this.openAll();
            return;
        }
        const existing = this.projects.get(folder.toString());
        if (!existing) return;
        const client = this.ctx.client;
        if (!client) return;
        const settingsFile = vscode.Uri.joinPath(folder, 'vigil.json');
        let next: Project;
        try {
            const summary = await client.request(proto.projectOpen, { folder: folder.fsPath });
            next = { uri: folder, name: existing.name, summary };
            this.diagnostics.clearSettings(settingsFile);
        } catch (e) {
            next = { uri: folder, name: existing.name, error: errorText(e) };
            this.diagnostics.setSettingsError(settingsFile, e);
            this.ctx.log.warn(`project/open ${folder.fsPath}: ${errorText(e)}`);
        }
        if (!this.projects.has(folder.toString())) return;
        this.projects.set(folder.toString(), next);
        this.changed.fire(next);
    }

    /**
     * The project a command works on: the one given (a tree item, a URI), else the one of the
     * active editor, else the only one, else a pick. Undefined when the user cancels or there is
     * none (then New Project is offered).
     */
    async pick(hint?: unknown, placeHolder = 'Which Vigil project?'): Promise<Project | undefined> {
        const fromHint = this.fromHint(hint);
        if (fromHint) return fromHint;
        const usable = this.list();
        if (usable.length === 0) {
            const choice = await vscode.window.showInformationMessage('There is no Vigil project in this workspace.', 'New Project…');
            if (choice) await vscode.commands.executeCommand('vigil.newProject');
            return undefined;
        }
        const active = vscode.window.activeTextEditor?.document.uri;
        const current = active ? this.containing(active) : undefined;
        if (current) return current;
        if (usable.length === 1) return usable[0];
        const picked = await vscode.window.showQuickPick(
            usable.map((p) => ({ label: p.summary?.settings.name ?? p.name, description: p.uri.fsPath, project: p })),
            { placeHolder, ignoreFocusOut: true },
        );
        return picked?.project;
    }

    private fromHint(hint: unknown): Project | undefined {
        if (hint instanceof vscode.Uri) return this.get(hint) ?? this.containing(hint);
        if (typeof hint === 'string') return this.get(hint);
        if (typeof hint === 'object' && hint !== null) {
            const h = hint as { folder?: unknown; project?: unknown; resourceUri?: unknown };
            if (typeof h.folder === 'string') return this.get(h.folder);
            if (typeof h.project === 'object' && h.project !== null && 'uri' in h.project) return this.get((h.project as Project).uri);
            if (h.resourceUri instanceof vscode.Uri) return this.containing(h.resourceUri);
        }
        return undefined;
    }

    dispose(): void {
        for (const d of this.disposables) d.dispose();
    }
}

// The Signals view: each project's signal files (.csv, .txt outside .vigil/), grouped by role
// (regular, abnormal, other), with the status of their last dataset/check in this session.
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { CheckDiagnostics } from '../diagnostics';
import { plural } from '../model/format';
import { projectRelative, rebasePath } from '../model/paths';
import { excludedFolders, isSignalFileName, roleOf, type KnownInputs, type SignalRole } from '../model/signals';
import type { Project, Projects } from '../projects';
import { MessageItem, ProjectItem, RefreshableTree, rootChildren, unavailable } from './tree';

export interface SignalFile {
    readonly uri: vscode.Uri;
    readonly project: Project;
    /** Project-relative, POSIX separators. */
    readonly relative: string;
    readonly role: SignalRole | undefined;
}

/** The signal files of a project, with their roles (see model/signals.ts for the rules). */
export async function listSignalFiles(project: Project, max = 500): Promise<SignalFile[]> {
    const exclude = `{${excludedFolders.map((f) => `**/${f}/**`).join(',')}}`;
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(project.uri, '**/*.{csv,txt,CSV,TXT}'), exclude, max);
    const known = knownInputs(project);
    return found
        .filter((uri) => isSignalFileName(uri.fsPath))
        .map((uri) => {
            const relative = projectRelative(project.uri.fsPath, uri.fsPath);
            return { uri, project, relative, role: roleOf(uri.fsPath, relative, known) };
        })
        .sort((a, b) => a.relative.localeCompare(b.relative));
}

/** Files of the project's groups (vigil.json) and of earlier benchmarks, by role, absolute. */
export function knownInputs(project: Project): KnownInputs {
    const regular = new Set<string>();
    const abnormal = new Set<string>();
    for (const g of project.summary?.settings.signals ?? []) {
        regular.add(path.resolve(project.uri.fsPath, g.regular));
        abnormal.add(path.resolve(project.uri.fsPath, g.abnormal));
    }
    // Benchmarks record absolute paths.
    const folder = project.summary?.folder;
    for (const b of project.summary?.benchmarks ?? [])
        for (const g of b.inputs) {
            // Recorded under the daemon's spelling of the folder: in VS Code's.
            regular.add(folder ? rebasePath(folder, project.uri.fsPath, g.regular.path) : g.regular.path);
            abnormal.add(folder ? rebasePath(folder, project.uri.fsPath, g.abnormal.path) : g.abnormal.path);
        }
    return { regular, abnormal };
}

class RoleItem extends vscode.TreeItem {
    constructor(
        readonly project: Project,
        readonly role: SignalRole | undefined,
        readonly files: SignalFile[],
    ) {
        super(role === 'regular' ? 'Regular' : role === 'abnormal' ? 'Abnormal' : 'Other files', vscode.TreeItemCollapsibleState.Expanded);
        this.description = plural(files.length, 'file');
        this.iconPath = new vscode.ThemeIcon(role === 'abnormal' ? 'warning' : role === 'regular' ? 'pass' : 'file');
        this.contextValue = `signal-role ${role ?? 'other'}`;
        this.tooltip =
            role === undefined
                ? 'Files whose role is unknown: import them with Vigil: Import Signal File, or name them regular/abnormal.'
                : `${role === 'regular' ? 'Normal behaviour' : 'Abnormal behaviour'}: ${role} signals`;
    }
}

export class SignalItem extends vscode.TreeItem {
    constructor(
        readonly file: SignalFile,
        diagnostics: CheckDiagnostics,
    ) {
        super(path.basename(file.uri.fsPath), vscode.TreeItemCollapsibleState.None);
        this.resourceUri = file.uri;
        const report = diagnostics.report(file.uri);
        const dir = path.posix.dirname(file.relative);
        if (!report) {
            this.description = dir === '.' ? 'not checked' : `${dir} · not checked`;
            this.iconPath = new vscode.ThemeIcon('circle-outline');
        } else {
            const shape = report.signals != null ? `${plural(report.signals, 'signal')} × ${String(report.length)}` : 'unusable';
            const findings = report.errors.length ? plural(report.errors.length, 'error') : report.warnings.length ? plural(report.warnings.length, 'warning') : 'clean';
            // The folder too: two groups often hold files of the same name (regular.csv).
            this.description = dir === '.' ? `${shape} · ${findings}` : `${dir} · ${shape} · ${findings}`;
            this.iconPath = new vscode.ThemeIcon(
                report.status === 'errors' ? 'error' : report.status === 'warnings' ? 'warning' : 'pass',
                new vscode.ThemeColor(report.status === 'errors' ? 'problemsErrorIcon.foreground' : report.status === 'warnings' ? 'problemsWarningIcon.foreground' : 'testing.iconPassed'),
            );
        }
        const kind = report?.kind_suggestion;
        // The kind the lines look like (vigil check's suggestion), and whether the project agrees.
        this.tooltip = kind
            ? `${file.relative}\nLooks like ${kind.kind} data: ${kind.reason}${kind.disagrees ? `\nThe project's sensor.kind is ${String(kind.project_kind)}: check it (Project view, Kind)` : ''}`
            : file.relative;
        this.contextValue = `signal-file ${file.role ?? 'other'}`;
        this.command = { title: 'Open', command: 'vscode.open', arguments: [file.uri] };
    }
}

export class SignalsView extends RefreshableTree {
    private readonly disposables: vscode.Disposable[] = [];

    constructor(
        private readonly projects: Projects,
        private readonly diagnostics: CheckDiagnostics,
    ) {
        super();
        const watcher = vscode.workspace.createFileSystemWatcher('**/*.{csv,txt}', false, true, false);
        let timer: NodeJS.Timeout | undefined;
        const soon = () => {
            clearTimeout(timer);
            timer = setTimeout(() => {
                this.refresh();
            }, 300);
        };
        this.disposables.push(watcher, watcher.onDidCreate(soon), watcher.onDidDelete(soon), diagnostics.onDidChange(soon), projects.onDidChange(soon));
    }

    getChildren(item?: vscode.TreeItem): vscode.ProviderResult<vscode.TreeItem[]> {
        if (!item) return rootChildren(this.projects.list(), (p) => this.rows(p));
        if (item instanceof ProjectItem) return this.rows(item.project);
        if (item instanceof RoleItem) return item.files.map((f) => new SignalItem(f, this.diagnostics));
        return [];
    }

    private async rows(p: Project): Promise<vscode.TreeItem[]> {
        const missing = p.error ? unavailable(p, this.projects.daemonAvailable) : undefined;
        if (missing) return missing;
        const files = await listSignalFiles(p);
        if (!files.length)
            return [
                new MessageItem('No signal file yet: import one…', 'add', { title: 'Import Signal File', command: 'vigil.importSignals', arguments: [{ folder: p.uri.fsPath }] }),
                new MessageItem('…or generate example data', 'beaker', { title: 'Generate Example Data', command: 'vigil.generateExample', arguments: [{ folder: p.uri.fsPath }] }, 'Signals from a simulated machine shaped like the project\'s sensor, to try Vigil before recording anything'),
            ];
        const roles: (SignalRole | undefined)[] = ['regular', 'abnormal', undefined];
        return roles.map((role) => new RoleItem(p, role, files.filter((f) => f.role === role))).filter((r) => r.files.length > 0);
    }

    override dispose(): void {
        super.dispose();
        for (const d of this.disposables) d.dispose();
    }
}

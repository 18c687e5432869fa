// What the five views share: a project level shown only when the workspace has several
// projects, a message row, and a refresh event.
import * as vscode from 'vscode';

import type { Project } from '../projects';

export class ProjectItem extends vscode.TreeItem {
    constructor(readonly project: Project) {
        super(project.summary?.settings.name ?? project.name, vscode.TreeItemCollapsibleState.Expanded);
        this.description = project.uri.fsPath;
        this.iconPath = new vscode.ThemeIcon(project.error ? 'error' : 'folder');
        this.contextValue = 'project';
        this.resourceUri = project.uri;
        this.tooltip = project.error ?? project.uri.fsPath;
    }
}

export class MessageItem extends vscode.TreeItem {
    constructor(label: string, icon?: string, command?: vscode.Command, tooltip?: string) {
        super(label, vscode.TreeItemCollapsibleState.None);
        if (icon) this.iconPath = new vscode.ThemeIcon(icon);
        if (command) this.command = command;
        if (tooltip) this.tooltip = tooltip;
        this.contextValue = 'message';
    }
}

/** The children of a view's root: one ProjectItem per project, or the only project's rows. */
export function rootChildren(projects: readonly Project[], rows: (p: Project) => vscode.ProviderResult<vscode.TreeItem[]>): vscode.ProviderResult<vscode.TreeItem[]> {
    if (projects.length === 1 && projects[0]) return rows(projects[0]);
    return projects.map((p) => new ProjectItem(p));
}

/** A tree whose items are rebuilt on `refresh()`. */
export abstract class RefreshableTree implements vscode.TreeDataProvider<vscode.TreeItem>, vscode.Disposable {
    protected readonly changed = new vscode.EventEmitter<vscode.TreeItem | undefined>();
    readonly onDidChangeTreeData = this.changed.event;

    refresh(): void {
        this.changed.fire(undefined);
    }

    getTreeItem(item: vscode.TreeItem): vscode.TreeItem {
        return item;
    }

    abstract getChildren(item?: vscode.TreeItem): vscode.ProviderResult<vscode.TreeItem[]>;

    dispose(): void {
        this.changed.dispose();
    }
}

/** The row shown instead of data while the daemon does not run or the project cannot open. */
export function unavailable(project: Project, daemonAvailable: boolean): vscode.TreeItem[] | undefined {
    if (project.error)
        return [new MessageItem(project.error, 'error', { title: 'Open vigil.json', command: 'vscode.open', arguments: [vscode.Uri.joinPath(project.uri, 'vigil.json')] }, project.error)];
    if (project.summary) return undefined;
    if (daemonAvailable) return [new MessageItem('Waiting for the Vigil daemon…', 'loading~spin')];
    return [new MessageItem('The Vigil daemon is not running: restart it', 'debug-restart', { title: 'Restart Daemon', command: 'vigil.restartServer' })];
}

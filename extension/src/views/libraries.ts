// The Libraries view: the compiled library zips archived in each project (project/open's
// summary, as library/list gives them).
import * as vscode from 'vscode';

import { libraryDescription, libraryLabel, libraryTooltip } from '../model/benchmarks';
import { daemonFolder, type Project, type Projects } from '../projects';
import type * as proto from '../protocol.generated';
import { MessageItem, ProjectItem, RefreshableTree, rootChildren, unavailable } from './tree';

export class LibraryItem extends vscode.TreeItem {
    readonly folder: string;
    readonly library: number;

    constructor(
        readonly project: Project,
        readonly record: proto.LibraryRecord,
    ) {
        super(libraryLabel(record), vscode.TreeItemCollapsibleState.None);
        this.folder = daemonFolder(project);
        this.library = record.id;
        this.description = libraryDescription(record);
        this.tooltip = libraryTooltip(record);
        this.iconPath = new vscode.ThemeIcon('package');
        this.resourceUri = vscode.Uri.file(record.path);
        this.contextValue = 'library';
        this.command = { title: 'Show Library', command: 'vigil.library.show', arguments: [{ folder: this.folder, library: record.id }] };
    }
}

export class LibrariesView extends RefreshableTree {
    private readonly subscription: vscode.Disposable;

    constructor(private readonly projects: Projects) {
        super();
        this.subscription = projects.onDidChange(() => {
            this.refresh();
        });
    }

    getChildren(item?: vscode.TreeItem): vscode.ProviderResult<vscode.TreeItem[]> {
        if (!item) return rootChildren(this.projects.list(), (p) => this.rows(p));
        if (item instanceof ProjectItem) return this.rows(item.project);
        return [];
    }

    private rows(p: Project): vscode.TreeItem[] {
        const missing = unavailable(p, this.projects.daemonAvailable);
        if (missing) return missing;
        const libraries = [...(p.summary?.libraries ?? [])].reverse();
        if (!libraries.length)
            return [new MessageItem('No library yet: compile one', 'package', { title: 'Compile Library', command: 'vigil.library.compile', arguments: [{ folder: daemonFolder(p) }] })];
        return libraries.map((l) => new LibraryItem(p, l));
    }

    override dispose(): void {
        super.dispose();
        this.subscription.dispose();
    }
}

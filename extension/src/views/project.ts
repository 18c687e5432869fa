// The Project view: each project's settings as vigil.json holds them (project/open's summary).
import * as vscode from 'vscode';

import { trimNumber } from '../model/format';
import type { Project, Projects } from '../projects';
import { MessageItem, ProjectItem, RefreshableTree, rootChildren, unavailable } from './tree';

class SettingItem extends vscode.TreeItem {
    constructor(label: string, value: string, icon: string, project: Project) {
        super(label, vscode.TreeItemCollapsibleState.None);
        this.description = value;
        this.iconPath = new vscode.ThemeIcon(icon);
        this.tooltip = `${label}: ${value}`;
        this.contextValue = 'setting';
        this.command = { title: 'Open vigil.json', command: 'vscode.open', arguments: [vscode.Uri.joinPath(project.uri, 'vigil.json')] };
    }
}

export class ProjectView extends RefreshableTree {
    constructor(private readonly projects: Projects) {
        super();
    }

    getChildren(item?: vscode.TreeItem): vscode.ProviderResult<vscode.TreeItem[]> {
        if (!item) return rootChildren(this.projects.list(), (p) => this.rows(p));
        if (item instanceof ProjectItem) return this.rows(item.project);
        return [];
    }

    private rows(p: Project): vscode.TreeItem[] {
        const missing = unavailable(p, this.projects.daemonAvailable);
        if (missing) return missing;
        const summary = p.summary;
        if (!summary) return [new MessageItem('No settings')];
        const s = summary.settings;
        const rows = [
            new SettingItem('Name', s.name, 'tag', p),
            ...(s.description ? [new SettingItem('Description', s.description, 'note', p)] : []),
            new SettingItem('Core', s.core, 'chip', p),
            new SettingItem('Max RAM', `${trimNumber(s.max_ram_kb, 2)} kB`, 'server', p),
            ...(s.max_flash_kb != null ? [new SettingItem('Max flash', `${trimNumber(s.max_flash_kb, 2)} kB`, 'database', p)] : []),
            new SettingItem('Sensor', `${s.sensor.type}, ${s.sensor.axes} ${s.sensor.axes === 1 ? 'axis' : 'axes'}`, 'pulse', p),
            ...(s.sampling_rate_hz != null ? [new SettingItem('Sampling rate', `${trimNumber(s.sampling_rate_hz, 3)} Hz`, 'watch', p)] : []),
            new SettingItem('Folder', summary.folder, 'folder', p),
        ];
        return rows;
    }
}

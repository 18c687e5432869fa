// The Project view: each project's settings as vigil.json holds them (project/open's summary),
// edited in place: a click (or the pencil) on a row runs Edit Setting for it.
import * as vscode from 'vscode';

import { trimNumber } from '../model/format';
import type { SettingKey } from '../model/setting-edit';
import { daemonFolder, type Project, type Projects } from '../projects';
import { MessageItem, ProjectItem, RefreshableTree, rootChildren, unavailable } from './tree';

class SettingItem extends vscode.TreeItem {
    /** Read by the Edit Setting command. */
    readonly folder: string;

    constructor(
        label: string,
        value: string,
        icon: string,
        project: Project,
        readonly settingKey?: SettingKey,
    ) {
        super(label, vscode.TreeItemCollapsibleState.None);
        this.folder = daemonFolder(project);
        this.description = value;
        this.iconPath = new vscode.ThemeIcon(icon);
        this.tooltip = settingKey ? `${label}: ${value}\nClick to change it (vigil.json)` : `${label}: ${value}`;
        this.contextValue = settingKey ? 'setting-editable' : 'setting';
        this.command = settingKey
            ? { title: 'Edit Setting', command: 'vigil.project.editSetting', arguments: [this] }
            : { title: 'Open vigil.json', command: 'vscode.open', arguments: [vscode.Uri.joinPath(project.uri, 'vigil.json')] };
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
        // Optional settings show "none" rather than vanishing, so they can be set from here too.
        return [
            new SettingItem('Name', s.name, 'tag', p, 'name'),
            new SettingItem('Description', s.description || 'none', 'note', p, 'description'),
            new SettingItem('Board', s.board ?? 'none', 'circuit-board', p, 'board'),
            new SettingItem('Core', s.core, 'chip', p, 'core'),
            new SettingItem('Max RAM', `${trimNumber(s.max_ram_kb, 2)} kB`, 'server', p, 'max_ram_kb'),
            new SettingItem('Max flash', s.max_flash_kb != null ? `${trimNumber(s.max_flash_kb, 2)} kB` : 'no budget', 'database', p, 'max_flash_kb'),
            new SettingItem('Sensor', s.sensor.type, 'pulse', p, 'sensor.type'),
            new SettingItem('Kind', s.sensor.kind, 'symbol-enum', p, 'sensor.kind'),
            new SettingItem('Axes', String(s.sensor.axes), 'list-flat', p, 'sensor.axes'),
            new SettingItem('Sampling rate', s.sampling_rate_hz != null ? `${trimNumber(s.sampling_rate_hz, 3)} Hz` : 'not set', 'watch', p, 'sampling_rate_hz'),
            new SettingItem('Folder', summary.folder, 'folder', p),
        ];
    }
}

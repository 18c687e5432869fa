// Edit Setting: the Project view's settings are edited in place (click a row or its pencil):
// a pick or an input box with the same validation as the New Project wizard, then
// project/update; the daemon validates the whole vigil.json again and writes it atomically.
import * as vscode from 'vscode';

import type { App } from '../app';
import type { CommandFactory } from '../ctx';
import { settingChange, settingQuestion, settingWarning, type SettingKey } from '../model/setting-edit';
import { wizardLimits } from '../model/wizard';
import { daemonFolder } from '../projects';
import * as proto from '../protocol.generated';
import { guarded } from './ui';

/** The argument the Project view gives: its row ({key, folder}). */
function settingArg(arg: unknown): { key: SettingKey | undefined; folder: string } | undefined {
    if (typeof arg !== 'object' || arg === null) return undefined;
    const a = arg as { settingKey?: unknown; folder?: unknown };
    if (typeof a.folder !== 'string') return undefined;
    return { key: typeof a.settingKey === 'string' ? (a.settingKey as SettingKey) : undefined, folder: a.folder };
}

export function editSettingCommand(app: App): CommandFactory {
    return {
        enabled: guarded(app, 'Could not change the setting', async (arg?: unknown) => {
            const target = settingArg(arg);
            if (!target?.key) {
                void vscode.window.showInformationMessage('Pick a setting in the Vigil Project view to edit it.');
                return;
            }
            const project = app.projects.get(target.folder);
            const settings = project?.summary?.settings;
            if (!project || !settings) throw new Error(`the project in ${target.folder} is not open in the daemon`);
            const key = target.key;
            const boards = key === 'board' ? (await app.ctx.requireClient().request0(proto.boardList)).boards.map((b) => b.id) : [];
            const q = settingQuestion(key, settings, wizardLimits(proto.componentSchemas.SettingsChanges), proto.coreValues, proto.sensorTypeValues, boards);
            const title = `${settings.name}: vigil.json`;
            let answer: string | undefined;
            if (q.kind === 'pick') {
                const picked = await vscode.window.showQuickPick(
                    q.values.map((v) => ({ label: v, description: v === q.current ? 'current' : '', ...(q.details?.[v] ? { detail: q.details[v] } : {}) })),
                    { title, placeHolder: q.details ? q.prompt : q.current, ignoreFocusOut: true },
                );
                answer = picked?.label;
            } else {
                answer = await vscode.window.showInputBox({ title, value: q.current, prompt: q.prompt, validateInput: q.validate, ignoreFocusOut: true });
            }
            if (answer === undefined) return;
            const change = settingChange(key, answer, settings);
            if (!change) return;
            const warning = settingWarning(key, project.summary.benchmarks.length);
            if (warning && !(await vscode.window.showWarningMessage(warning, { modal: true }, 'Change It'))) return;
            const summary = await app.ctx.requireClient().request(proto.projectUpdate, { folder: daemonFolder(project), settings: change });
            app.projects.updated(project.uri, summary);
        }),
    };
}

/** Open vigil.json: the project's settings file in the editor. */
export function openSettingsCommand(app: App): CommandFactory {
    return {
        needsServer: false,
        enabled: guarded(app, 'Could not open vigil.json', async (arg?: unknown) => {
            const folder = settingArg(arg)?.folder;
            const project = folder ? app.projects.get(folder) : await app.projects.pick(arg);
            if (project) await vscode.window.showTextDocument(vscode.Uri.joinPath(project.uri, 'vigil.json'));
        }),
    };
}

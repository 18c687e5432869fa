// New Project: a QuickPick wizard (folder, name, description, core, max RAM, sensor type, kind
// and axes, sampling rate) whose answers go to project/create. Cores, sensor types and limits come
// from the OpenRPC document; the daemon validates again and fills in the defaults.
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { App } from '../app';
import type { CommandFactory } from '../ctx';
import { signalKindDetails, signalKinds } from '../model/setting-edit';
import { createParams, validateName, validateNumber, validateOptionalNumber, wizardLimits, type WizardAnswers } from '../model/wizard';
import * as proto from '../protocol.generated';
import { input, pick, runSteps, type Step } from './steps';
import { guarded } from './ui';

const title = 'New Vigil Project';

async function chooseFolder(hint: unknown): Promise<vscode.Uri | undefined> {
    if (hint instanceof vscode.Uri) return hint;
    const free: vscode.Uri[] = [];
    for (const f of vscode.workspace.workspaceFolders ?? []) {
        try {
            await vscode.workspace.fs.stat(vscode.Uri.joinPath(f.uri, 'vigil.json'));
        } catch {
            free.push(f.uri);
        }
    }
    const other = { label: '$(folder-opened) Choose a folder…', uri: undefined as vscode.Uri | undefined };
    const items = [...free.map((uri) => ({ label: `$(folder) ${path.basename(uri.fsPath)}`, description: uri.fsPath, uri })), other];
    const chosen = items.length === 1 ? other : await vscode.window.showQuickPick(items, { title, placeHolder: 'Where should the project live? (vigil.json and .vigil/ are written there)', ignoreFocusOut: true });
    if (!chosen) return undefined;
    if (chosen.uri) return chosen.uri;
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Make a Vigil project here', title });
    return picked?.[0];
}

export function newProjectCommand(app: App): CommandFactory {
    return {
        enabled: guarded(app, 'Could not create the project', async (hint?: unknown) => {
            const folder = await chooseFolder(hint);
            if (!folder) return;
            const limits = wizardLimits(proto.componentSchemas.SettingsInput);
            const a: { -readonly [K in keyof WizardAnswers]: WizardAnswers[K] } = {
                name: path.basename(folder.fsPath),
                description: '',
                core: 'cortex-m4',
                maxRamKb: '16',
                sensorType: 'accelerometer',
                kind: 'generic',
                axes: '',
                samplingRateHz: '',
            };
            const t = `${title}: ${folder.fsPath}`;
            const text = (key: 'name' | 'description' | 'maxRamKb' | 'axes' | 'samplingRateHz', prompt: string, validate?: (v: string) => string | undefined, placeholder?: string): Step =>
                async (index, total) => {
                    const r = await input({ title: t, index, total, value: a[key], prompt, ...(placeholder ? { placeholder } : {}), ...(validate ? { validate } : {}) });
                    if (r === 'back' || r === 'cancel') return r;
                    a[key] = r.value;
                    return 'next';
                };
            const choice = (key: 'core' | 'sensorType', values: readonly string[], placeholder: string): Step =>
                async (index, total) => {
                    const items = values.map((v) => ({ label: v }));
                    const r = await pick({ title: t, index, total, items, placeholder, ...(items.find((i) => i.label === a[key]) ? { active: items.find((i) => i.label === a[key]) } : {}) });
                    if (r === 'back' || r === 'cancel') return r;
                    a[key] = r.label;
                    return 'next';
                };
            const range = (r: { min: number; max: number }) => `${String(r.min)} to ${String(r.max)}`;
            const answered = await runSteps([
                text('name', 'Project name', validateName),
                text('description', 'Description (optional): the machine, the sensor, what counts as abnormal'),
                choice('core', proto.coreValues, 'Target core (the library is compiled for it; RAM and flash are measured for it)'),
                text('maxRamKb', `Max RAM of the library, in kB (${range(limits.maxRamKb)}): bigger candidates are never benchmarked`, (v) =>
                    validateNumber(v, limits.maxRamKb, 'Max RAM'),
                ),
                choice('sensorType', proto.sensorTypeValues, 'Sensor type'),
                async (index, total) => {
                    const items = signalKinds.map((k) => ({ label: k, detail: signalKindDetails[k] }));
                    const r = await pick({ title: t, index, total, items, placeholder: 'What each line holds (not sure: generic)', ...(items.find((i) => i.label === a.kind) ? { active: items.find((i) => i.label === a.kind) } : {}) });
                    if (r === 'back' || r === 'cancel') return r;
                    a.kind = r.label;
                    return 'next';
                },
                text('axes', `Axes per sample (${range(limits.axes)}); empty: the sensor type's usual count`, (v) => validateOptionalNumber(v, limits.axes, 'Axes'), 'e.g. 3 for x, y, z'),
                text('samplingRateHz', 'Sampling rate in Hz (optional: spectra in Hz and the sampling-rate checks)', (v) =>
                    validateOptionalNumber(v, limits.samplingRateHz, 'Sampling rate'),
                ),
            ]);
            if (!answered) return;
            const summary = await app.ctx.requireClient().request(proto.projectCreate, createParams(folder.fsPath, a));
            app.projects.created(folder, summary);
            await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'vigil.json'), { preview: true });
            const inWorkspace = vscode.workspace.getWorkspaceFolder(folder) !== undefined;
            const next = await vscode.window.showInformationMessage(
                `Project '${summary.settings.name}' created (${summary.settings.core}, ${String(summary.settings.max_ram_kb)} kB RAM, ${summary.settings.sensor.type} with ${String(summary.settings.sensor.axes)} axes, kind ${summary.settings.sensor.kind}).`,
                ...(inWorkspace ? ['Import Signals…'] : ['Add Folder to Workspace']),
            );
            if (next === 'Import Signals…') await vscode.commands.executeCommand('vigil.importSignals', { folder: summary.folder });
            else if (next === 'Add Folder to Workspace')
                vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri: folder });
        }),
    };
}

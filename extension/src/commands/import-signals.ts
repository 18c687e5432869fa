// Import Signal File: copies the chosen file(s) into the project (signals/regular/ or
// signals/abnormal/), runs dataset/check on each, whose findings land in Problems at their
// line and column, and records new regular/abnormal pairs in vigil.json's `signals`. Check
// Signal File runs the check on a file already in the project.
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { App } from '../app';
import type { CommandFactory } from '../ctx';
import { plural } from '../model/format';
import { isInside, projectRelative } from '../model/paths';
import { importFolder, uniqueName, type SignalRole } from '../model/signals';
import { withCancellableRequest } from '../progress';
import { daemonFolder, type Project } from '../projects';
import * as proto from '../protocol.generated';
import { rememberGroups } from './project-signals';
import { fileArg, guarded } from './ui';

function inside(folder: vscode.Uri, file: vscode.Uri): boolean {
    return isInside(folder.fsPath, file.fsPath);
}

/** dataset/check on one file of the project, with the project's axes, sampling rate and kind. */
export async function checkFile(app: App, project: Project, file: vscode.Uri): Promise<proto.CheckReport | undefined> {
    const settings = project.summary?.settings;
    if (!settings) throw new Error(`the project ${project.name} is not open in the daemon${project.error ? `: ${project.error}` : ''}`);
    const client = app.ctx.requireClient();
    const params: proto.DatasetCheckParams = {
        folder: daemonFolder(project),
        path: projectRelative(project.uri.fsPath, file.fsPath),
        axes: settings.sensor.axes,
        ...(settings.sampling_rate_hz != null ? { rate: settings.sampling_rate_hz } : {}),
        kind: settings.sensor.kind,
    };
    const report = await withCancellableRequest(`Checking ${path.basename(file.fsPath)}…`, (token) => client.request(proto.datasetCheck, params, token));
    if (report) app.diagnostics.setReport(file, report);
    return report;
}

/** One line about a report, for the notification. */
export function reportSentence(name: string, r: proto.CheckReport): string {
    if (r.status === 'errors') return `${name} cannot be used: ${r.errors[0]?.message ?? 'see Problems'}`;
    const shape = `${plural(r.signals ?? 0, 'signal')} of ${String(r.length)} samples × ${plural(r.axes, 'axis', 'axes')}`;
    const kind = r.kind_suggestion?.disagrees ? `; looks like ${r.kind_suggestion.kind} data, the project says ${String(r.kind_suggestion.project_kind)}` : '';
    return r.status === 'warnings' ? `${name}: ${shape}, ${plural(r.warnings.length, 'warning')}${kind}` : `${name}: ${shape}, clean${kind}`;
}

export async function announce(reports: { name: string; report: proto.CheckReport }[]): Promise<void> {
    if (!reports.length) return;
    const text = reports.map((r) => reportSentence(r.name, r.report)).join(' · ');
    const problems = reports.some((r) => r.report.status !== 'ok');
    const show = problems ? await (reports.some((r) => r.report.status === 'errors') ? vscode.window.showErrorMessage(text, 'Show Problems') : vscode.window.showWarningMessage(text, 'Show Problems')) : await vscode.window.showInformationMessage(text);
    if (show) await vscode.commands.executeCommand('workbench.actions.view.problems');
}

async function pickRole(): Promise<SignalRole | undefined> {
    const items: (vscode.QuickPickItem & { role: SignalRole })[] = [
        { label: '$(pass) Regular', description: 'normal behaviour of the machine', role: 'regular' },
        { label: '$(warning) Abnormal', description: 'the behaviour to detect', role: 'abnormal' },
    ];
    return (await vscode.window.showQuickPick(items, { title: 'Import Signal File', placeHolder: 'What do these signals show?', ignoreFocusOut: true }))?.role;
}

export function importSignalsCommands(app: App): Record<string, CommandFactory> {
    return {
        'vigil.importSignals': {
            enabled: guarded(app, 'Could not import the signal file', async (hint?: unknown) => {
                const given = fileArg(hint);
                const project = await app.projects.pick(given ?? hint, 'Import into which project?');
                if (!project) return;
                if (given && inside(project.uri, given)) {
                    // Already in the project: nothing to copy, only the check.
                    const report = await checkFile(app, project, given);
                    if (report) await announce([{ name: path.basename(given.fsPath), report }]);
                    return;
                }
                const sources = given
                    ? [given]
                    : await vscode.window.showOpenDialog({
                          canSelectMany: true,
                          openLabel: 'Import',
                          title: 'Import Signal File (one signal per line)',
                          filters: { 'Signal files': ['csv', 'txt'], 'All files': ['*'] },
                      });
                if (!sources?.length) return;
                // The Signals view's Regular/Abnormal rows say the role.
                const preset = (hint as { role?: unknown } | undefined)?.role;
                const role = preset === 'regular' || preset === 'abnormal' ? preset : await pickRole();
                if (!role) return;
                const target = vscode.Uri.joinPath(project.uri, ...importFolder(role).split('/'));
                // signals/<role>/ only when a file from outside the project is copied there.
                const copying = sources.some((s) => !inside(project.uri, s));
                if (copying) await vscode.workspace.fs.createDirectory(target);
                const taken = new Set(copying ? (await vscode.workspace.fs.readDirectory(target)).map(([name]) => name) : []);
                const reports: { name: string; report: proto.CheckReport }[] = [];
                for (const source of sources) {
                    let dest = source;
                    if (!inside(project.uri, source)) {
                        const name = uniqueName(path.basename(source.fsPath), taken);
                        taken.add(name);
                        dest = vscode.Uri.joinPath(target, name);
                        await vscode.workspace.fs.copy(source, dest, { overwrite: false });
                    }
                    const report = await checkFile(app, project, dest);
                    if (!report) return; // cancelled
                    reports.push({ name: path.basename(dest.fsPath), report });
                }
                await rememberGroups(app, project);
                await announce(reports);
            }),
        },
        'vigil.checkSignals': {
            enabled: guarded(app, 'Could not check the signal file', async (hint?: unknown) => {
                const file = fileArg(hint) ?? vscode.window.activeTextEditor?.document.uri;
                if (!file) {
                    void vscode.window.showInformationMessage('Open a signal file (or pick one in the Signals view) to check it.');
                    return;
                }
                const project = app.projects.containing(file);
                if (!project) {
                    const choice = await vscode.window.showWarningMessage(`${path.basename(file.fsPath)} is not inside a Vigil project.`, 'Import It…');
                    if (choice) await vscode.commands.executeCommand('vigil.importSignals', file);
                    return;
                }
                const report = await checkFile(app, project, file);
                if (report) await announce([{ name: path.basename(file.fsPath), report }]);
            }),
        },
    };
}

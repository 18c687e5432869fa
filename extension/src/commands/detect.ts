// Detect in Emulator: the project's best library (emulator/open), taught a file of regular
// signals (emulator/learn), run on the chosen file (emulator/detect); the per-line verdicts go to
// the editor. The session is closed afterwards. (The emulator panel comes with the webviews.)
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { App } from '../app';
import type { CommandFactory } from '../ctx';
import { projectRelative } from '../model/paths';
import { countVerdicts, summaryText, verdictsFromDetection } from '../model/verdicts';
import { withCancellableRequest } from '../progress';
import { daemonFolder, workspacePath } from '../projects';
import * as proto from '../protocol.generated';
import { listSignalFiles } from '../views/signals';
import { fileArg, guarded } from './ui';

export function detectCommand(app: App): CommandFactory {
    return {
        enabled: guarded(app, 'The emulator could not run', async (hint?: unknown) => {
            const file = fileArg(hint) ?? vscode.window.activeTextEditor?.document.uri;
            if (!file) {
                void vscode.window.showInformationMessage('Open a signal file (or pick one in the Signals view) to run the emulator on it.');
                return;
            }
            const project = app.projects.containing(file);
            if (!project?.summary) {
                void vscode.window.showWarningMessage(`${path.basename(file.fsPath)} is not inside an open Vigil project.`);
                return;
            }
            const files = (await listSignalFiles(project)).sort((a, b) => Number(b.role === 'regular') - Number(a.role === 'regular'));
            const learn = await vscode.window.showQuickPick(
                files.map((f) => ({ label: f.relative, description: f.role ?? '', file: f })),
                { title: `Detect in Emulator: ${path.basename(file.fsPath)}`, placeHolder: 'Learn from which file of regular signals first?', ignoreFocusOut: true },
            );
            if (!learn) return;
            const folder = daemonFolder(project);
            const rel = (uri: vscode.Uri) => projectRelative(project.uri.fsPath, uri.fsPath);
            const client = app.ctx.requireClient();
            const result = await withCancellableRequest(`Emulator: learning ${learn.file.relative}, detecting ${rel(file)}…`, async (token) => {
                const opened = await client.request(proto.emulatorOpen, { folder }, token);
                try {
                    const learned = await client.request(proto.emulatorLearn, { session: opened.session, path: learn.file.relative }, token);
                    if (!learned.ready)
                        throw new Error(`the library needs ${String(learned.minLearn)} learn calls before it detects; ${learn.file.relative} gave ${String(learned.learnCount)}`);
                    const detected = await client.request(proto.emulatorDetect, { session: opened.session, path: rel(file) }, token);
                    return { opened, detected };
                } finally {
                    void client.request(proto.emulatorClose, { session: opened.session }).catch(() => undefined);
                }
            });
            if (!result) return;
            const detected = verdictsFromDetection(result.detected, { kind: 'emulator', library: result.opened.origin, folder });
            const verdicts = { ...detected, file: workspacePath(project, detected.file) };
            app.verdicts.set([verdicts]);
            await vscode.window.showTextDocument(vscode.Uri.file(verdicts.file), { preview: true });
            const c = countVerdicts(verdicts);
            void vscode.window.showInformationMessage(`${summaryText(verdicts)} (${String(c.anomalies)} anomalies, ${String(c.nominal)} nominal).`);
        }),
    };
}

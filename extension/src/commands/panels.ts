// The commands that open webview panels: the signal preview of a file, the live chart of a
// running benchmark, the emulator of a library, the compile view of a stored library. (Results
// open from vigil.benchmark.openResults, the compile view after vigil.library.compile.)
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { App } from '../app';
import type { CommandFactory } from '../ctx';
import { isSignalFileName } from '../model/signals';
import type { Project } from '../projects';
import { benchmarkArg, fileArg, guarded } from './ui';

function libraryArg(arg: unknown): { folder: string; library: number } | undefined {
    if (typeof arg !== 'object' || arg === null) return undefined;
    const a = arg as { folder?: unknown; library?: unknown };
    return typeof a.folder === 'string' && typeof a.library === 'number' ? { folder: a.folder, library: a.library } : undefined;
}

/** A live benchmark from the arguments, else the only one running, else a pick. */
async function chooseLive(app: App, arg: unknown): Promise<{ project: Project; benchmark: number } | undefined> {
    const given = benchmarkArg(arg);
    if (given) {
        const project = app.projects.get(given.folder);
        return project ? { project, benchmark: given.benchmark } : undefined;
    }
    const live = app.projects.list().flatMap((project) => (project.summary?.benchmarks ?? []).filter((b) => b.live).map((b) => ({ project, benchmark: b.id })));
    if (!live.length) {
        void vscode.window.showInformationMessage('No benchmark is running: start one with Vigil: Start Benchmark.');
        return undefined;
    }
    if (live.length === 1) return live[0];
    const picked = await vscode.window.showQuickPick(
        live.map((l) => ({ label: `Benchmark ${String(l.benchmark)}`, description: l.project.summary?.settings.name ?? l.project.name, l })),
        { placeHolder: 'Which benchmark?' },
    );
    return picked?.l;
}

export function panelCommands(app: App): Record<string, CommandFactory> {
    return {
        'vigil.signals.preview': {
            enabled: guarded(app, 'Could not preview the signals', async (hint?: unknown) => {
                const file = fileArg(hint) ?? vscode.window.activeTextEditor?.document.uri;
                if (!file || !isSignalFileName(file.fsPath)) {
                    void vscode.window.showInformationMessage('Open a signal file (.csv or .txt), or pick one in the Signals view, to preview it.');
                    return;
                }
                const project = app.projects.containing(file);
                if (!project?.summary) {
                    void vscode.window.showWarningMessage(`${path.basename(file.fsPath)} is not inside an open Vigil project.`);
                    return;
                }
                await app.panels.signalPreview.show(project, file);
            }),
        },
        'vigil.benchmark.showLive': {
            enabled: guarded(app, 'Could not show the live chart', async (arg?: unknown) => {
                const chosen = await chooseLive(app, arg);
                if (chosen) await app.panels.live.show(chosen.project, chosen.benchmark);
            }),
        },
        'vigil.emulator.open': {
            enabled: guarded(app, 'Could not open the emulator', async (arg?: unknown) => {
                const fromBenchmark = benchmarkArg(arg);
                const fromLibrary = libraryArg(arg);
                const project = await app.projects.pick(fromBenchmark?.folder ?? fromLibrary?.folder ?? arg, 'Emulate a library of which project?');
                if (!project?.summary) return;
                if (!fromBenchmark && !fromLibrary && !project.summary.benchmarks.some((b) => b.best && !b.live)) {
                    const choice = await vscode.window.showInformationMessage('No benchmark has found a library to emulate yet.', 'Start Benchmark');
                    if (choice) await vscode.commands.executeCommand('vigil.benchmark.start', { folder: project.summary.folder });
                    return;
                }
                await app.panels.emulator.show(project, {
                    ...(fromBenchmark ? { benchmark: fromBenchmark.benchmark } : {}),
                    ...(fromLibrary ? { library: fromLibrary.library } : {}),
                });
            }),
        },
        'vigil.library.show': {
            enabled: guarded(app, 'Could not show the library', async (arg?: unknown) => {
                const given = libraryArg(arg);
                const project = await app.projects.pick(given?.folder ?? arg, 'A library of which project?');
                const libraries = project?.summary?.libraries ?? [];
                if (!project || !libraries.length) {
                    if (project) void vscode.window.showInformationMessage('No library yet: compile one with Vigil: Compile Library.');
                    return;
                }
                let record = given ? libraries.find((l) => l.id === given.library) : undefined;
                if (!record) {
                    const picked = await vscode.window.showQuickPick(
                        [...libraries].reverse().map((l) => ({ label: `Library ${String(l.id)} · ${l.core}`, description: `${l.float_abi} float`, detail: l.recipe_summary, l })),
                        { placeHolder: 'Which library?' },
                    );
                    record = picked?.l;
                }
                if (record) await app.panels.compile.showStored(project, record);
            }),
        },
    };
}

// Compile Library: which library (a benchmark's best, or a stored library's recipe), which
// core, which float ABI, where to save the zip (inside the project), then library/compile under
// a cancellable notification (Cancel sends $/cancelRequest; a cancelled compile writes nothing).
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { App } from '../app';
import type { CommandFactory } from '../ctx';
import { formatBytes, formatRatio } from '../model/format';
import { withCancellableRequest } from '../progress';
import { daemonFolder, type Project } from '../projects';
import * as proto from '../protocol.generated';
import { benchmarkArg, guarded } from './ui';

const title = 'Compile Library';

type Source = { benchmark?: number; library?: number };

function libraryArg(arg: unknown): { folder: string; library: number } | undefined {
    if (typeof arg !== 'object' || arg === null) return undefined;
    const a = arg as { folder?: unknown; library?: unknown };
    return typeof a.folder === 'string' && typeof a.library === 'number' ? { folder: a.folder, library: a.library } : undefined;
}

async function chooseSource(project: Project): Promise<Source | undefined> {
    const summary = project.summary;
    if (!summary) return undefined;
    const withBest = [...summary.benchmarks].reverse().filter((b) => b.best && !b.live);
    const items: (vscode.QuickPickItem & { source: Source })[] = [
        ...withBest.map((b, i) => ({
            label: `${i === 0 ? '$(star-full) ' : ''}Best of benchmark ${String(b.id)}`,
            description: b.best?.indicators ? `${formatRatio(b.best.indicators.balanced_accuracy)} · ${formatBytes(b.best.indicators.ram_bytes)} RAM` : b.state,
            detail: b.best?.summary,
            source: { benchmark: b.id },
        })),
        ...[...summary.libraries].reverse().map((l) => ({
            label: `Library ${String(l.id)} again`,
            description: `${l.core} · ${l.float_abi} float`,
            detail: l.recipe_summary,
            source: { library: l.id },
        })),
    ];
    if (!items.length) {
        const choice = await vscode.window.showInformationMessage('No benchmark has found a library yet.', 'Start Benchmark');
        if (choice) await vscode.commands.executeCommand('vigil.benchmark.start', { folder: daemonFolder(project) });
        return undefined;
    }
    if (items.length === 1) return items[0]?.source;
    return (await vscode.window.showQuickPick(items, { title, placeHolder: 'Which library?', ignoreFocusOut: true }))?.source;
}

export function compileCommand(app: App): CommandFactory {
    return {
        enabled: guarded(app, 'The library was not compiled', async (arg?: unknown) => {
            const fromBenchmark = benchmarkArg(arg);
            const fromLibrary = libraryArg(arg);
            const project = await app.projects.pick(fromBenchmark?.folder ?? fromLibrary?.folder ?? arg, 'Compile a library of which project?');
            if (!project?.summary) return;
            const source: Source | undefined = fromBenchmark
                ? { benchmark: fromBenchmark.benchmark }
                : fromLibrary
                  ? { library: fromLibrary.library }
                  : await chooseSource(project);
            if (!source) return;

            const projectCore = project.summary.settings.core;
            const cores = [projectCore, ...proto.coreValues.filter((c) => c !== projectCore)];
            const core = await vscode.window.showQuickPick(
                cores.map((c) => ({ label: c, description: c === projectCore ? 'the project\'s core' : '' })),
                { title, placeHolder: 'Target core', ignoreFocusOut: true },
            );
            if (!core) return;
            const abi = await vscode.window.showQuickPick(
                [
                    { label: 'Default', description: 'the best the core has (hard float with an FPU)', value: undefined },
                    { label: 'hard', description: 'floats in FPU registers (the core needs an FPU)', value: 'hard' as const },
                    { label: 'soft', description: 'no FPU use', value: 'soft' as const },
                ],
                { title, placeHolder: 'Float ABI', ignoreFocusOut: true },
            );
            if (!abi) return;
            const where = await vscode.window.showQuickPick(
                [
                    { label: 'In the project folder', description: `${project.summary.settings.name}.zip (also archived in .vigil/libraries/)`, save: false },
                    { label: 'Save as…', description: 'a path inside the project', save: true },
                ],
                { title, placeHolder: 'Where to write the library zip?', ignoreFocusOut: true },
            );
            if (!where) return;
            let out: string | undefined;
            if (where.save) {
                const uri = await vscode.window.showSaveDialog({
                    title,
                    defaultUri: vscode.Uri.joinPath(project.uri, `${project.summary.settings.name}-${core.label}.zip`),
                    filters: { 'Library zip': ['zip'] },
                    saveLabel: 'Compile Here',
                });
                if (!uri) return;
                out = uri.fsPath;
            }
            const params: proto.LibraryCompileParams = {
                folder: daemonFolder(project),
                ...source,
                core: core.label,
                ...(abi.value ? { floatAbi: abi.value } : {}),
                ...(out ? { out } : {}),
            };
            const client = app.ctx.requireClient();
            const compiled = await withCancellableRequest(`Compiling the library for ${core.label}…`, (token) => client.request(proto.libraryCompile, params, token));
            if (!compiled) return;
            void app.projects.refresh(project.uri);
            await app.panels.compile.showCompiled(project, compiled);
            const zip = vscode.Uri.file(compiled.path);
            const choice = await vscode.window.showInformationMessage(
                `Library ${String(compiled.library.id)} for ${compiled.library.core} (${compiled.library.float_abi} float): ${formatBytes(compiled.ram)} RAM, ${formatBytes(compiled.flash)} flash — ${path.basename(compiled.path)}`,
                'Reveal',
                'Copy Path',
            );
            if (choice === 'Reveal') await vscode.commands.executeCommand('revealInExplorer', zip);
            else if (choice === 'Copy Path') await vscode.env.clipboard.writeText(compiled.path);
        }),
    };
}

export function libraryCommands(app: App): Record<string, CommandFactory> {
    return {
        'vigil.library.compile': compileCommand(app),
        'vigil.library.remove': {
            enabled: guarded(app, 'Could not remove the library', async (arg?: unknown) => {
                const given = libraryArg(arg);
                if (!given) return;
                const project = app.projects.get(given.folder);
                if (!project) return;
                const ok = await vscode.window.showWarningMessage(`Remove library ${String(given.library)} and its archived zip from the project?`, { modal: true }, 'Remove');
                if (ok !== 'Remove') return;
                await app.ctx.requireClient().request(proto.libraryRemove, { folder: daemonFolder(project), library: given.library });
                await app.projects.refresh(project.uri);
            }),
        },
        'vigil.library.copyPath': {
            needsServer: false,
            enabled: async (arg?: unknown) => {
                const uri = (arg as { resourceUri?: unknown } | undefined)?.resourceUri;
                if (uri instanceof vscode.Uri) await vscode.env.clipboard.writeText(uri.fsPath);
            },
        },
        // The zip's example/main.c (library/describe reads it from the archived zip).
        'vigil.library.copySnippet': {
            enabled: guarded(app, 'Could not copy the code snippet', async (arg?: unknown) => {
                const given = libraryArg(arg);
                const project = await app.projects.pick(given?.folder ?? arg, 'A library of which project?');
                if (!project?.summary) return;
                let library = given?.library;
                if (library === undefined) {
                    const libraries = [...project.summary.libraries].reverse();
                    const picked =
                        libraries.length === 1
                            ? { id: libraries[0]?.id }
                            : await vscode.window.showQuickPick(
                                  libraries.map((l) => ({ label: `Library ${String(l.id)} · ${l.core}`, description: l.recipe_summary, id: l.id })),
                                  { title: 'Copy Code Snippet', placeHolder: libraries.length ? 'Which library?' : 'No library yet: compile one first' },
                              );
                    library = picked?.id;
                }
                if (library === undefined) return;
                const described = await app.ctx.requireClient().request(proto.libraryDescribe, { folder: daemonFolder(project), library });
                if (described.example === null) {
                    void vscode.window.showWarningMessage(`Library ${String(library)}'s zip has no example/main.c.`);
                    return;
                }
                await vscode.env.clipboard.writeText(described.example);
                void vscode.window.showInformationMessage(`Copied example/main.c of library ${String(library)} (${String(described.example.split('\n').length)} lines): init, set_sensitivity, learn, detect.`);
            }),
        },
    };
}

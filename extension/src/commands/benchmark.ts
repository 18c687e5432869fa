// Benchmarks: start (pick the regular/abnormal groups, then benchmark/start with a progress
// token), stop (benchmark/stop), resume (benchmark/resume), open results (benchmark/result:
// verdicts on the signal files and the result document). When a followed benchmark ends its
// verdicts are shown at once; benchmarks running in the daemon but not followed (another
// window, a WebSocket daemon) are followed with benchmark/watch.
import * as vscode from 'vscode';

import type { App } from '../app';
import type { CommandFactory } from '../ctx';
import { benchmarkActions, baseName } from '../model/benchmarks';
import { errorReport } from '../model/errors';
import { endMessage } from '../model/progress';
import { proposeGroups, type SignalGroup } from '../model/signals';
import { daemonFolder, workspacePath, type Project } from '../projects';
import * as proto from '../protocol.generated';
import { listSignalFiles, type SignalFile } from '../views/signals';
import { showVerdicts } from '../webviews/results';
import { benchmarkArg, guarded, showError } from './ui';

const title = 'Start Benchmark';

async function pickFile(files: readonly SignalFile[], role: 'regular' | 'abnormal', groupNumber: number): Promise<SignalFile | undefined> {
    const sorted = [...files].sort((a, b) => Number(b.role === role) - Number(a.role === role) || a.relative.localeCompare(b.relative));
    const items = sorted.map((f) => ({ label: f.relative, description: f.role ?? '', file: f }));
    const picked = await vscode.window.showQuickPick(items, {
        title: `${title}: group ${String(groupNumber)}`,
        placeHolder: role === 'regular' ? 'The file of REGULAR signals (normal behaviour)' : 'The file of ABNORMAL signals (the behaviour to detect)',
        ignoreFocusOut: true,
    });
    return picked?.file;
}

/** The groups of a benchmark: a proposal from the files' roles, or picked file by file. */
async function chooseGroups(project: Project): Promise<SignalGroup[] | undefined> {
    const files = await listSignalFiles(project);
    if (files.length < 2) {
        const choice = await vscode.window.showWarningMessage(
            'A benchmark needs a file of regular signals and a file of abnormal ones in the project.',
            'Import Signals…',
        );
        if (choice) await vscode.commands.executeCommand('vigil.importSignals', { folder: daemonFolder(project) });
        return undefined;
    }
    // The project's own groups (vigil.json's `signals`, what `vigil bench` uses too) come first.
    const fromProject = project.summary?.settings.signals ?? [];
    const proposed = fromProject.length
        ? fromProject
        : proposeGroups(
              files.filter((f) => f.role === 'regular').map((f) => f.relative),
              files.filter((f) => f.role === 'abnormal').map((f) => f.relative),
          );
    if (proposed.length) {
        const describe = (gs: readonly SignalGroup[]) => gs.map((g) => `${baseName(g.regular)} vs ${baseName(g.abnormal)}`).join(', ');
        const what = proposed.length > 1 ? `${String(proposed.length)} groups` : 'regular vs abnormal';
        const choice = await vscode.window.showQuickPick(
            [
                { label: `$(play) ${describe(proposed)}`, description: fromProject.length ? `${what}, from vigil.json` : what, groups: [...proposed] },
                { label: '$(list-selection) Choose the files…', description: '', groups: undefined },
            ],
            { title, placeHolder: 'Which signals?', ignoreFocusOut: true },
        );
        if (!choice) return undefined;
        if (choice.groups) return choice.groups;
    }
    const groups: SignalGroup[] = [];
    for (;;) {
        const regular = await pickFile(files, 'regular', groups.length + 1);
        if (!regular) return undefined;
        const abnormal = await pickFile(files.filter((f) => f !== regular), 'abnormal', groups.length + 1);
        if (!abnormal) return undefined;
        groups.push({ regular: regular.relative, abnormal: abnormal.relative });
        const more = await vscode.window.showQuickPick(
            [
                { label: `$(play) Start with ${String(groups.length)} group${groups.length > 1 ? 's' : ''}`, more: false },
                { label: '$(add) Add a group (another machine or operating condition)…', more: true },
            ],
            { title, ignoreFocusOut: true },
        );
        if (!more) return undefined;
        if (!more.more) return groups;
    }
}

async function showBenchmarkError(app: App, what: string, e: unknown): Promise<void> {
    // A refused file comes with its whole check report: all its findings go to Problems.
    const report = errorReport(e) as proto.CheckReport | undefined;
    if (report && typeof report === 'object' && typeof report.file === 'string') {
        const project = app.projects.list().find((p) => p.summary && report.file.startsWith(p.summary.folder));
        app.diagnostics.setReport(vscode.Uri.file(project ? workspacePath(project, report.file) : report.file), report);
    }
    await showError(app, what, e);
}

/** A benchmark from the arguments, else picked among the project's that allow `action`. */
async function chooseBenchmark(app: App, arg: unknown, action: 'stop' | 'resume' | 'results'): Promise<{ project: Project; benchmark: number } | undefined> {
    const given = benchmarkArg(arg);
    if (given) {
        const project = app.projects.get(given.folder);
        return project ? { project, benchmark: given.benchmark } : undefined;
    }
    const project = await app.projects.pick(arg);
    if (!project?.summary) return undefined;
    const candidates = [...project.summary.benchmarks].reverse().filter((b) => benchmarkActions(b).includes(action));
    if (!candidates.length) {
        void vscode.window.showInformationMessage(
            action === 'stop' ? 'No benchmark is running.' : action === 'resume' ? 'No benchmark to resume.' : 'No benchmark has results yet.',
        );
        return undefined;
    }
    if (candidates.length === 1 && candidates[0]) return { project, benchmark: candidates[0].id };
    const picked = await vscode.window.showQuickPick(
        candidates.map((b) => ({ label: `Benchmark ${String(b.id)}`, description: `${b.state}${b.best ? ` · ${b.best.summary}` : ''}`, id: b.id })),
        { placeHolder: 'Which benchmark?' },
    );
    return picked ? { project, benchmark: picked.id } : undefined;
}

async function startTracked(
    app: App,
    project: Project,
    send: (client: ReturnType<App['ctx']['requireClient']>, token: string) => Promise<{ benchmark: number }>,
): Promise<number> {
    const client = app.ctx.requireClient();
    const token = app.monitor.newToken();
    const run = app.monitor.track(client, project, token);
    try {
        const { benchmark } = await send(client, token);
        // The answer may come before `begin`: the run is this benchmark's from now on.
        run.benchmark = benchmark;
        void app.projects.refresh(project.uri);
        // The live chart (its history has every value since `begin`, even one sent before this).
        void app.panels.live.show(project, benchmark);
        return benchmark;
    } catch (e) {
        app.monitor.untrack(run);
        throw e;
    }
}

/** Shows a benchmark's verdicts in its signal files and, with `show`, its results panel. */
async function openResults(app: App, project: Project, benchmark: number, show: boolean): Promise<void> {
    if (show) {
        // The panel loads the result and puts the verdicts in the files.
        await app.panels.results.show(project, benchmark);
        return;
    }
    const result = await app.ctx.requireClient().request(proto.benchmarkResult, { folder: daemonFolder(project), benchmark });
    showVerdicts(app, project, result);
}

export function benchmarkCommands(app: App): Record<string, CommandFactory> {
    return {
        'vigil.benchmark.start': {
            enabled: async (hint?: unknown) => {
                try {
                    const project = await app.projects.pick(hint, 'Benchmark which project?');
                    if (!project) return;
                    if (!project.summary) throw new Error(project.error ?? `the project ${project.name} is not open in the daemon`);
                    const groups = await chooseGroups(project);
                    if (!groups) return;
                    const { benchmarkJobs: jobs, benchmarkTimeLimit: timeLimit, benchmarkSpaceLimit: spaceLimit, benchmarkMaxSplits: maxSplits } = app.ctx.config;
                    await startTracked(app, project, (client, token) =>
                        client.request(proto.benchmarkStart, {
                            folder: daemonFolder(project),
                            groups: groups.map((g) => ({ regular: g.regular, abnormal: g.abnormal })),
                            workDoneToken: token,
                            ...(jobs ? { jobs } : {}),
                            ...(timeLimit ? { timeLimit } : {}),
                            ...(spaceLimit ? { spaceLimit } : {}),
                            ...(maxSplits ? { maxSplits } : {}),
                        }),
                    );
                } catch (e) {
                    await showBenchmarkError(app, 'The benchmark did not start', e);
                }
            },
        },
        'vigil.benchmark.stop': {
            enabled: guarded(app, 'Could not stop the benchmark', async (arg?: unknown) => {
                const chosen = await chooseBenchmark(app, arg, 'stop');
                if (chosen) await app.monitor.stop(chosen.project, chosen.benchmark);
            }),
        },
        'vigil.benchmark.resume': {
            enabled: async (arg?: unknown) => {
                try {
                    const chosen = await chooseBenchmark(app, arg, 'resume');
                    if (!chosen) return;
                    const jobs = app.ctx.config.benchmarkJobs;
                    const timeLimit = app.ctx.config.benchmarkTimeLimit;
                    await startTracked(app, chosen.project, (client, token) =>
                        client.request(proto.benchmarkResume, {
                            folder: daemonFolder(chosen.project),
                            benchmark: chosen.benchmark,
                            workDoneToken: token,
                            ...(jobs ? { jobs } : {}),
                            ...(timeLimit ? { timeLimit } : {}),
                        }),
                    );
                } catch (e) {
                    await showBenchmarkError(app, 'The benchmark did not resume', e);
                }
            },
        },
        'vigil.benchmark.openResults': {
            enabled: guarded(app, 'Could not open the results', async (arg?: unknown) => {
                const chosen = await chooseBenchmark(app, arg, 'results');
                if (chosen) await openResults(app, chosen.project, chosen.benchmark, true);
            }),
        },
    };
}

/** What happens around benchmarks without a command: their end, and following live ones. */
export function activateBenchmarkEvents(app: App): vscode.Disposable {
    return vscode.Disposable.from(
        app.monitor.onDidEnd(async ({ project, value }) => {
            if (value.state !== 'failed') {
                try {
                    await openResults(app, project, value.benchmark, false);
                } catch (e) {
                    app.ctx.log.warn(`benchmark ${String(value.benchmark)}: no verdicts to show (${e instanceof Error ? e.message : String(e)})`);
                }
            }
            const args = [{ folder: daemonFolder(project), benchmark: value.benchmark }];
            const actions = value.state === 'finished' ? ['Open Results', 'Compile Library…'] : value.state === 'stopped' ? ['Open Results', 'Resume'] : ['Resume', 'Show Log'];
            const show = value.state === 'failed' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
            const choice = await show(endMessage(value), ...actions);
            if (choice === 'Open Results') await vscode.commands.executeCommand('vigil.benchmark.openResults', ...args);
            else if (choice === 'Compile Library…') await vscode.commands.executeCommand('vigil.library.compile', ...args);
            else if (choice === 'Resume') await vscode.commands.executeCommand('vigil.benchmark.resume', ...args);
            else if (choice === 'Show Log') app.ctx.log.show();
        }),
        app.projects.onDidChange((project) => {
            if (!project?.summary || !app.ctx.client) return;
            for (const b of project.summary.benchmarks)
                if (b.live && !app.monitor.isFollowed(project, b.id))
                    app.monitor.follow(project, b.id).catch((e: unknown) => {
                        app.ctx.log.warn(`benchmark/watch ${String(b.id)}: ${e instanceof Error ? e.message : String(e)}`);
                    });
        }),
    );
}

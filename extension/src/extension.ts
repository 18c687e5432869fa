// activate() only wires: the log, the context (daemon lifecycle), the shared services, the
// command table, the views, the status bar and the inline features; then starts the daemon
// without blocking activation. Each feature lives in its own file.
import * as vscode from 'vscode';

import type { App } from './app';
import { benchmarkCommands, activateBenchmarkEvents } from './commands/benchmark';
import { boardCommands } from './commands/board';
import { libraryCommands } from './commands/compile';
import { detectCommand } from './commands/detect';
import { editSettingCommand, openSettingsCommand } from './commands/edit-setting';
import { generateExampleCommand } from './commands/generate-example';
import { importSignalsCommands } from './commands/import-signals';
import { newProjectCommand } from './commands/new-project';
import { panelCommands } from './commands/panels';
import { serverCommands } from './commands/server';
import { Config } from './config';
import { Ctx, type CommandFactory } from './ctx';
import { CheckDiagnostics } from './diagnostics';
import { activateCodeLenses } from './inline/codelens';
import { activateVerdictHover } from './inline/hover';
import { activateVerdictDecorations, VerdictStore } from './inline/verdicts';
import { BenchmarkMonitor } from './progress';
import { Projects } from './projects';
import { protocolDocument } from './protocol.generated';
import { activateStatus } from './status';
import { BenchmarksView } from './views/benchmarks';
import { BoardsView } from './views/boards';
import { LibrariesView } from './views/libraries';
import { ProjectView } from './views/project';
import { SignalsView } from './views/signals';
import { WebviewPanels } from './webviews/panels';

/** What other extensions (and the end-to-end test) can ask of this one. */
export interface VigilApi {
    readonly protocol: typeof protocolDocument;
    /** "stopped", "starting", "running" or "failed". */
    serverState(): string;
}

let ctxForDeactivate: Ctx | undefined;

function createCommands(app: App): Record<string, CommandFactory> {
    return {
        ...serverCommands(app),
        'vigil.newProject': newProjectCommand(app),
        'vigil.project.editSetting': editSettingCommand(app),
        'vigil.project.openSettings': openSettingsCommand(app),
        'vigil.generateExample': generateExampleCommand(app),
        ...importSignalsCommands(app),
        ...benchmarkCommands(app),
        ...libraryCommands(app),
        'vigil.emulator.detectFile': detectCommand(app),
        ...panelCommands(app),
        ...boardCommands(app),
    };
}

export function activate(context: vscode.ExtensionContext): VigilApi {
    const log = vscode.window.createOutputChannel('Vigil', { log: true });
    const config = new Config();
    const ctx = new Ctx(context, log, config);
    ctxForDeactivate = ctx;
    const diagnostics = new CheckDiagnostics();
    const projects = new Projects(ctx, diagnostics);
    const monitor = new BenchmarkMonitor(ctx);
    const verdicts = new VerdictStore();
    const late: { panels?: WebviewPanels } = {};
    const app: App = {
        ctx,
        projects,
        diagnostics,
        monitor,
        verdicts,
        get panels(): WebviewPanels {
            if (!late.panels) throw new Error('the webview panels are not set up yet');
            return late.panels;
        },
    };
    const panels = new WebviewPanels(app);
    late.panels = panels;
    context.subscriptions.push(log, ctx, diagnostics, projects, monitor, verdicts, panels);

    const boards = new BoardsView(ctx);
    const projectView = new ProjectView(projects);
    const views: [string, vscode.TreeDataProvider<vscode.TreeItem> & vscode.Disposable][] = [
        ['vigil.project', projectView],
        ['vigil.signals', new SignalsView(projects, diagnostics)],
        ['vigil.benchmarks', new BenchmarksView(projects, monitor)],
        ['vigil.libraries', new LibrariesView(projects)],
        ['vigil.boards', boards],
    ];
    for (const [id, provider] of views)
        context.subscriptions.push(provider, vscode.window.createTreeView(id, { treeDataProvider: provider, showCollapseAll: id === 'vigil.signals' }));
    context.subscriptions.push(
        projects.onDidChange(() => {
            projectView.refresh();
        }),
    );

    ctx.setCommands({
        ...createCommands(app),
        'vigil.boards.refresh': {
            needsServer: false,
            enabled: () => {
                boards.refresh();
            },
        },
    });

    context.subscriptions.push(
        activateStatus(ctx, monitor),
        activateBenchmarkEvents(app),
        activateVerdictDecorations(context, verdicts),
        activateVerdictHover(verdicts),
        activateCodeLenses(verdicts, projects, monitor),
        config.onDidChangeRestartSetting((setting) => {
            void vscode.window.showInformationMessage(`${setting} changed: restart the Vigil daemon to use it.`, 'Restart Daemon').then((choice) => {
                if (choice) void vscode.commands.executeCommand('vigil.restartServer');
            });
        }),
    );

    void projects.discover();
    void ctx.start();
    return { protocol: protocolDocument, serverState: () => ctx.state.kind };
}

export async function deactivate(): Promise<void> {
    await ctxForDeactivate?.stop();
    ctxForDeactivate = undefined;
}

// The daemon's own commands: restart, stop, show the log, set the WebSocket token; and refresh.
// None needs a running daemon.
import * as vscode from 'vscode';

import type { App } from '../app';
import { tokenSecret, type CommandFactory } from '../ctx';

export function serverCommands(app: App): Record<string, CommandFactory> {
    const { ctx } = app;
    return {
        'vigil.restartServer': {
            needsServer: false,
            enabled: async () => {
                const running = app.monitor.running();
                if (running.length) {
                    const ok = await vscode.window.showWarningMessage(
                        `Restarting the daemon stops ${running.length === 1 ? 'the running benchmark' : `${String(running.length)} running benchmarks`} (checkpointed: resume later).`,
                        { modal: true },
                        'Restart',
                    );
                    if (ok !== 'Restart') return;
                }
                await ctx.restart();
            },
        },
        'vigil.stopServer': { needsServer: false, enabled: () => ctx.stop() },
        'vigil.showLog': {
            needsServer: false,
            enabled: () => {
                ctx.log.show();
            },
        },
        'vigil.setServerToken': {
            needsServer: false,
            enabled: async () => {
                const token = await vscode.window.showInputBox({
                    title: 'Token of the Vigil daemon (vigild --listen)',
                    prompt: 'Kept in VS Code\'s secret storage. Leave empty to forget the stored token.',
                    password: true,
                    ignoreFocusOut: true,
                });
                if (token === undefined) return;
                if (token.trim()) await ctx.extensionContext.secrets.store(tokenSecret, token.trim());
                else await ctx.extensionContext.secrets.delete(tokenSecret);
                if (ctx.config.serverUrl) await ctx.restart();
            },
        },
        'vigil.refresh': {
            needsServer: false,
            enabled: async () => {
                await app.projects.discover();
            },
        },
        'vigil.clearVerdicts': {
            needsServer: false,
            enabled: (uri?: unknown) => {
                app.verdicts.clear(uri instanceof vscode.Uri ? uri : undefined);
            },
        },
    };
}

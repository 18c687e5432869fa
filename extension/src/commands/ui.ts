// Small pieces every command uses: error messages with the right actions, and reading the
// arguments VS Code passes (tree items, URIs, command-link JSON).
import * as vscode from 'vscode';

import type { App } from '../app';
import { errorActions, errorText, isCancelled } from '../model/errors';

/** Shows a daemon error; a refused file is shown in Problems too. */
export async function showError(app: App, what: string, e: unknown): Promise<void> {
    if (isCancelled(e)) return;
    const actions = errorActions(e);
    const uri = actions.includes('show-problem') ? app.diagnostics.setLocatedError(e) : undefined;
    const buttons = [...(uri ? ['Show Problem'] : []), ...(actions.includes('show-log') ? ['Show Log'] : [])];
    const choice = await vscode.window.showErrorMessage(`${what}: ${errorText(e)}`, ...buttons);
    if (choice === 'Show Problem') await vscode.commands.executeCommand('workbench.actions.view.problems');
    else if (choice === 'Show Log') app.ctx.log.show();
}

/** Runs a command body and turns any error into a message (commands never throw at VS Code). */
export function guarded<A extends unknown[]>(app: App, what: string, body: (...args: A) => Promise<unknown>): (...args: A) => Promise<void> {
    return async (...args: A) => {
        try {
            await body(...args);
        } catch (e) {
            await showError(app, what, e);
        }
    };
}

/** A benchmark named by a tree item or a command link ({folder, benchmark}). */
export function benchmarkArg(arg: unknown): { folder: string; benchmark: number } | undefined {
    if (typeof arg !== 'object' || arg === null) return undefined;
    const a = arg as { folder?: unknown; benchmark?: unknown };
    return typeof a.folder === 'string' && typeof a.benchmark === 'number' ? { folder: a.folder, benchmark: a.benchmark } : undefined;
}

/** A file named by a tree item (resourceUri), an explorer/editor URI, or the active editor. */
export function fileArg(arg: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) return arg;
    if (typeof arg === 'object' && arg !== null) {
        const r = (arg as { resourceUri?: unknown }).resourceUri;
        if (r instanceof vscode.Uri) return r;
    }
    return undefined;
}

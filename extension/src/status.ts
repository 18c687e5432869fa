// The status-bar item: the daemon's state and the running benchmarks' percentages; its
// Markdown tooltip carries command links (restart, stop a benchmark, show the log).
import * as vscode from 'vscode';

import type { Ctx } from './ctx';
import { statusView, type StatusInput } from './model/status';
import type { BenchmarkMonitor } from './progress';

export function activateStatus(ctx: Ctx, monitor: BenchmarkMonitor): vscode.Disposable {
    const item = vscode.window.createStatusBarItem('vigil.status', vscode.StatusBarAlignment.Left, 10);
    item.name = 'Vigil';
    item.command = 'workbench.view.extension.vigil';

    const update = () => {
        const s = ctx.state;
        const input: StatusInput = {
            state: s.kind,
            ...(s.kind === 'running' ? { server: s.client.description } : {}),
            ...((s.kind === 'failed' || s.kind === 'stopped') && s.problem ? { problem: s.problem } : {}),
            benchmarks: monitor.running(),
        };
        const view = statusView(input);
        item.text = view.text;
        const tooltip = new vscode.MarkdownString(view.tooltip, true);
        tooltip.isTrusted = { enabledCommands: ['vigil.restartServer', 'vigil.stopServer', 'vigil.showLog', 'vigil.benchmark.stop', 'workbench.action.openSettings'] };
        item.tooltip = tooltip;
        item.backgroundColor =
            view.severity === 'error'
                ? new vscode.ThemeColor('statusBarItem.errorBackground')
                : view.severity === 'warning'
                  ? new vscode.ThemeColor('statusBarItem.warningBackground')
                  : undefined;
        item.show();
    };
    update();
    return vscode.Disposable.from(item, ctx.onDidChangeState(update), monitor.onDidChange(update));
}

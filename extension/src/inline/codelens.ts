// CodeLenses: at the top of a signal file with verdicts, their summary ("benchmark 3: 97.4 %
// balanced accuracy — 12 of 400 lines below 90 %", opening the results); at the top of
// vigil.json, starting a benchmark (or stopping the running one) and compiling the best library.
import * as path from 'node:path';
import * as vscode from 'vscode';

import { formatPercentage } from '../model/format';
import { summaryDetail, summaryText } from '../model/verdicts';
import type { BenchmarkMonitor } from '../progress';
import type { Projects } from '../projects';
import { signalFileSelector } from './hover';
import type { VerdictStore } from './verdicts';

export function activateCodeLenses(store: VerdictStore, projects: Projects, monitor: BenchmarkMonitor): vscode.Disposable {
    const changed = new vscode.EventEmitter<void>();
    const top = new vscode.Range(0, 0, 0, 0);

    const signalLenses: vscode.CodeLensProvider = {
        onDidChangeCodeLenses: changed.event,
        provideCodeLenses(document) {
            const v = store.get(document.uri);
            if (!v) return [];
            const lenses = [
                new vscode.CodeLens(
                    top,
                    v.origin.kind === 'benchmark'
                        ? {
                              title: `$(pulse) ${summaryText(v)}`,
                              tooltip: `${summaryDetail(v)} Open the benchmark's results.`,
                              command: 'vigil.benchmark.openResults',
                              arguments: [{ folder: v.origin.folder, benchmark: v.origin.benchmark }],
                          }
                        : { title: `$(pulse) ${summaryText(v)}`, tooltip: summaryDetail(v), command: '' },
                ),
                new vscode.CodeLens(top, { title: 'Clear verdicts', command: 'vigil.clearVerdicts', arguments: [document.uri] }),
            ];
            return lenses;
        },
    };

    const projectLenses: vscode.CodeLensProvider = {
        onDidChangeCodeLenses: changed.event,
        provideCodeLenses(document) {
            const project = projects.get(vscode.Uri.file(path.dirname(document.uri.fsPath)));
            if (!project?.summary) return [];
            const lenses: vscode.CodeLens[] = [];
            const running = project.summary.benchmarks.filter((b) => b.live);
            for (const b of running) {
                const latest = monitor.latest(project, b.id);
                const pct = latest && latest.kind !== 'end' ? ` (${formatPercentage(latest.percentage)})` : '';
                lenses.push(
                    new vscode.CodeLens(top, {
                        title: `$(debug-stop) Stop benchmark ${b.id}${pct}`,
                        command: 'vigil.benchmark.stop',
                        arguments: [{ folder: project.summary.folder, benchmark: b.id }],
                    }),
                );
            }
            if (!running.length)
                lenses.push(new vscode.CodeLens(top, { title: '$(play) Start benchmark', command: 'vigil.benchmark.start', arguments: [{ folder: project.summary.folder }] }));
            if (project.summary.benchmarks.some((b) => b.best && !b.live))
                lenses.push(new vscode.CodeLens(top, { title: '$(package) Compile library', command: 'vigil.library.compile', arguments: [{ folder: project.summary.folder }] }));
            return lenses;
        },
    };

    const fire = () => {
        changed.fire();
    };
    return vscode.Disposable.from(
        changed,
        vscode.languages.registerCodeLensProvider(signalFileSelector, signalLenses),
        vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: '**/vigil.json' }, projectLenses),
        store.onDidChange(fire),
        projects.onDidChange(fire),
        monitor.onDidChange(fire),
        monitor.onDidEnd(fire),
    );
}

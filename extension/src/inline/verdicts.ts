// The per-line verdicts of signal files (after an emulator detect or a benchmark) and their
// decorations: a gutter mark on every detected line, a subtle background and an overview-ruler
// mark on the anomalies, in the colours package.json contributes (vigil.verdict.*). Reapplied
// when editors become visible (vscode-clangd's inactive-regions); an edit to the file drops its
// verdicts, whose line numbers no longer hold.
import * as vscode from 'vscode';

import type { FileVerdicts } from '../model/verdicts';

export class VerdictStore implements vscode.Disposable {
    private readonly files = new Map<string, FileVerdicts>();
    private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
    /** Fires with the file whose verdicts changed, or undefined for all. */
    readonly onDidChange = this.changed.event;

    get(uri: vscode.Uri): FileVerdicts | undefined {
        return this.files.get(uri.toString());
    }

    /** Replaces the verdicts of each file given (others are kept). */
    set(list: readonly FileVerdicts[]): void {
        for (const v of list) this.files.set(vscode.Uri.file(v.file).toString(), v);
        this.changed.fire(undefined);
    }

    clear(uri?: vscode.Uri): void {
        if (uri) {
            if (this.files.delete(uri.toString())) this.changed.fire(uri);
        } else if (this.files.size) {
            this.files.clear();
            this.changed.fire(undefined);
        }
    }

    dispose(): void {
        this.changed.dispose();
    }
}

export function activateVerdictDecorations(context: vscode.ExtensionContext, store: VerdictStore): vscode.Disposable {
    const media = (name: string) => vscode.Uri.joinPath(context.extensionUri, 'media', name);
    const anomaly = vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        backgroundColor: new vscode.ThemeColor('vigil.verdict.anomalyBackground'),
        overviewRulerColor: new vscode.ThemeColor('vigil.verdict.anomalyRuler'),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        light: { gutterIconPath: media('verdict-anomaly-light.svg'), gutterIconSize: '70%' },
        dark: { gutterIconPath: media('verdict-anomaly-dark.svg'), gutterIconSize: '70%' },
    });
    const nominal = vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        light: { gutterIconPath: media('verdict-nominal-light.svg'), gutterIconSize: '50%' },
        dark: { gutterIconPath: media('verdict-nominal-dark.svg'), gutterIconSize: '50%' },
    });

    const apply = (editor: vscode.TextEditor) => {
        const v = store.get(editor.document.uri);
        const anomalies: vscode.Range[] = [];
        const nominals: vscode.Range[] = [];
        if (v) {
            const last = editor.document.lineCount - 1;
            for (const l of v.lines) {
                if (l.line - 1 > last) continue;
                const range = new vscode.Range(l.line - 1, 0, l.line - 1, 0);
                (l.status === 'anomaly' ? anomalies : nominals).push(range);
            }
        }
        editor.setDecorations(anomaly, anomalies);
        editor.setDecorations(nominal, nominals);
    };
    const applyVisible = (uri?: vscode.Uri) => {
        for (const editor of vscode.window.visibleTextEditors)
            if (!uri || editor.document.uri.toString() === uri.toString()) apply(editor);
    };
    applyVisible();
    return vscode.Disposable.from(
        anomaly,
        nominal,
        store.onDidChange(applyVisible),
        vscode.window.onDidChangeVisibleTextEditors((editors) => {
            for (const e of editors) apply(e);
        }),
        vscode.workspace.onDidChangeTextDocument((e) => {
            if (e.contentChanges.length && store.get(e.document.uri)) store.clear(e.document.uri);
        }),
    );
}

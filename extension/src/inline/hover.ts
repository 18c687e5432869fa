// The hover on a signal line with a verdict: similarity, status, threshold, and for a benchmark
// whether that is what the file's role expects.
import * as vscode from 'vscode';

import { hoverMarkdown } from '../model/verdicts';
import type { VerdictStore } from './verdicts';

export const signalFileSelector: vscode.DocumentSelector = [
    { scheme: 'file', pattern: '**/*.csv' },
    { scheme: 'file', pattern: '**/*.txt' },
];

export function activateVerdictHover(store: VerdictStore): vscode.Disposable {
    return vscode.languages.registerHoverProvider(signalFileSelector, {
        provideHover(document, position) {
            const v = store.get(document.uri);
            if (!v) return undefined;
            const text = hoverMarkdown(v, position.line + 1);
            if (!text) return undefined;
            const md = new vscode.MarkdownString(text);
            md.supportThemeIcons = true;
            return new vscode.Hover(md, document.lineAt(position.line).range);
        },
    });
}

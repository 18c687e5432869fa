// The webview panels, created once in activate() and shared through App.
import type * as vscode from 'vscode';

import type { App } from '../app';
import { BenchmarkLivePanels, LiveHistories } from './benchmark-live';
import { BoardTestPanels } from './board-test';
import { CompilePanels } from './compile';
import { EmulatorPanels } from './emulator';
import { ResultsPanels } from './results';
import { SignalPreviewPanels } from './signal-preview';

export class WebviewPanels implements vscode.Disposable {
    readonly histories: LiveHistories;
    readonly signalPreview: SignalPreviewPanels;
    readonly live: BenchmarkLivePanels;
    readonly results: ResultsPanels;
    readonly emulator: EmulatorPanels;
    readonly compile: CompilePanels;
    readonly boardTest: BoardTestPanels;

    constructor(app: App) {
        this.histories = new LiveHistories(app);
        this.signalPreview = new SignalPreviewPanels(app);
        this.live = new BenchmarkLivePanels(app, this.histories);
        this.results = new ResultsPanels(app);
        this.emulator = new EmulatorPanels(app);
        this.compile = new CompilePanels(app);
        this.boardTest = new BoardTestPanels(app);
    }

    dispose(): void {
        this.signalPreview.dispose();
        this.live.dispose();
        this.results.dispose();
        this.emulator.dispose();
        this.compile.dispose();
        this.boardTest.dispose();
        this.histories.dispose();
    }
}

// The messages between the extension host and the webviews, both ways, one union per panel.
// Shared by src/webviews/ (host side) and webview-ui/ (browser side): no `vscode` import, types
// only. Every figure in them is the daemon's (dataset/plot, $/progress, benchmark/result,
// emulator/*, library/compile); the host only adds names and paths.
import type * as proto from '../protocol.generated';

/** Which panel a webview page draws (the `data-view` of its <body>). */
export type ViewKind = 'signal-preview' | 'benchmark-live' | 'results' | 'emulator' | 'compile' | 'board-test';

/** What a webview keeps with setState: the key the host needs to rebuild the panel, and UI state. */
export interface SavedState {
    readonly view: ViewKind;
    /** The panel's identity (folder + file, benchmark or library), set from the host's messages. */
    readonly key?: PanelKey;
    /** The panel's own UI state (selected tab, axis, inputs...). */
    readonly ui?: Record<string, unknown>;
}

export type PanelKey =
    | { readonly kind: 'signal-preview'; readonly folder: string; readonly path: string }
    | { readonly kind: 'benchmark-live'; readonly folder: string; readonly benchmark: number }
    | { readonly kind: 'results'; readonly folder: string; readonly benchmark: number }
    | { readonly kind: 'emulator'; readonly folder: string; readonly benchmark?: number; readonly library?: number }
    | { readonly kind: 'compile'; readonly folder: string; readonly library: number }
    | { readonly kind: 'board-test'; readonly folder: string; readonly library: number; readonly board: string };

/** Sent by every webview when its page has loaded (again, after being hidden). */
export interface Ready {
    readonly type: 'ready';
}

/** A failure the page shows instead of (or above) its content. */
export interface ShowError {
    readonly type: 'error';
    readonly message: string;
}

export interface Loading {
    readonly type: 'loading';
    readonly what: string;
}

// --- Signal preview (dataset/plot) ---

export interface PlotMessage {
    readonly type: 'plot';
    readonly key: PanelKey;
    /** The file, relative to the project. */
    readonly relative: string;
    readonly plot: proto.PlotData;
}

export type SignalPreviewToView = PlotMessage | ShowError | Loading;
export type SignalPreviewFromView = Ready | { readonly type: 'refresh' } | { readonly type: 'openFile' };

// --- Benchmark live chart ($/progress) ---

export interface LiveInit {
    readonly type: 'init';
    readonly key: PanelKey;
    readonly project: string;
    readonly benchmark: number;
    /** Every $/progress value received for this benchmark so far, oldest first. */
    readonly values: readonly proto.BenchmarkProgressValue[];
    /** Whether the daemon is running it now. */
    readonly live: boolean;
    /**
     * The stored result once it has one (finished or stopped): its `evolution` redraws the
     * best-so-far curves of a benchmark that ran before this window followed it.
     */
    readonly result: proto.BenchmarkResult | undefined;
}

export interface LiveProgress {
    readonly type: 'progress';
    readonly value: proto.BenchmarkProgressValue;
}

export type BenchmarkLiveToView = LiveInit | LiveProgress | ShowError;
export type BenchmarkLiveFromView = Ready | { readonly type: 'stop' } | { readonly type: 'openResults' } | { readonly type: 'compile' };

// --- Results (benchmark/result) ---

export interface ResultFile {
    /** The path as the daemon spells it (the result's `similarities.signals[].file`). */
    readonly file: string;
    /** Relative to the project, for display. */
    readonly relative: string;
}

export interface ResultMessage {
    readonly type: 'result';
    readonly key: PanelKey;
    readonly project: string;
    readonly result: proto.BenchmarkResult;
    /** The files of `similarities.signals`, in their order of appearance. */
    readonly files: readonly ResultFile[];
}

export type ResultsToView = ResultMessage | ShowError | Loading;
export type ResultsFromView =
    | Ready
    | { readonly type: 'openFile'; readonly file: string; readonly line?: number }
    | { readonly type: 'compile' }
    | { readonly type: 'emulator' }
    | { readonly type: 'refresh' };

// --- Emulator (emulator/*) ---

export interface EmulatorFile {
    readonly relative: string;
    readonly role: 'regular' | 'abnormal' | undefined;
}

/** Where signals come from: a project file, or numbers pasted in the panel (one signal per line). */
export type SignalSource = { readonly file: string } | { readonly text: string };

export type LogEntry =
    | { readonly kind: 'call'; readonly text: string }
    | { readonly kind: 'state'; readonly text: string; readonly state: proto.EmulatorState }
    | { readonly kind: 'detect'; readonly text: string; readonly result: proto.EmulatorDetectResult }
    | { readonly kind: 'error'; readonly text: string };

export interface EmulatorSession {
    readonly type: 'session';
    readonly key: PanelKey;
    readonly project: string;
    readonly opened: proto.EmulatorOpened;
    readonly state: proto.EmulatorState;
    readonly files: readonly EmulatorFile[];
    /** Everything logged in this session, oldest first (the page is rebuilt from it). */
    readonly log: readonly LogEntry[];
}

export type EmulatorToView =
    | EmulatorSession
    | { readonly type: 'state'; readonly state: proto.EmulatorState }
    | { readonly type: 'log'; readonly entry: LogEntry }
    | { readonly type: 'busy'; readonly busy: boolean }
    | ShowError
    | Loading;

export type EmulatorFromView =
    | Ready
    | { readonly type: 'init' }
    | { readonly type: 'setSensitivity'; readonly sensitivity: string }
    | { readonly type: 'learn'; readonly source: SignalSource }
    | { readonly type: 'detect'; readonly source: SignalSource }
    | { readonly type: 'runAll'; readonly sensitivity: string; readonly learn: SignalSource; readonly detect: SignalSource }
    | { readonly type: 'clearLog' };

// --- Compile view (library/compile, the zip) ---

export interface ZipEntryView {
    /** Path inside the zip, without the top folder. */
    readonly path: string;
    readonly bytes: number;
    readonly sha256: string;
}

export interface LibraryMessage {
    readonly type: 'library';
    readonly key: PanelKey;
    readonly project: string;
    readonly record: proto.LibraryRecord;
    readonly metadata: proto.LibraryMetadata;
    /** The zip that was written (library/compile's `path`), else the archived copy. */
    readonly zipPath: string;
    readonly zipBytes: number | undefined;
    readonly entries: readonly ZipEntryView[];
    /** example/main.c of the zip, when it could be read. */
    readonly snippet: string | undefined;
    /** Why the zip's listing or snippet is missing. */
    readonly zipProblem: string | undefined;
}

export type CompileToView = LibraryMessage | ShowError | Loading;
export type CompileFromView =
    | Ready
    | { readonly type: 'reveal' }
    | { readonly type: 'copy'; readonly what: 'path' | 'flags' | 'snippet' }
    | { readonly type: 'openSnippet' };

// --- Board test (target/test) ---

export interface BoardTestRunning {
    readonly type: 'running';
    readonly key: PanelKey;
    readonly title: string;
    /** The steps so far (TaskProgress messages), oldest first. */
    readonly steps: readonly string[];
    readonly percentage: number | undefined;
}

export interface BoardTestReport {
    readonly type: 'report';
    readonly key: PanelKey;
    readonly project: string;
    readonly report: proto.TargetTestReport;
    /** What was learned and detected, relative to the project. */
    readonly learn: readonly string[];
    readonly detect: readonly string[];
}

export type BoardTestToView = BoardTestRunning | BoardTestReport | ShowError | { readonly type: 'idle'; readonly key: PanelKey; readonly text: string };
export type BoardTestFromView = Ready | { readonly type: 'runAgain' } | { readonly type: 'cancel' } | { readonly type: 'copyReport' };

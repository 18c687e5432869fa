// The page's link to the extension: acquireVsCodeApi() once, typed messages both ways, and the
// state VS Code keeps while the panel is hidden or the window reloads (getState/setState).
import type { PanelKey, SavedState, ViewKind } from '../src/webviews/messages';

interface VsCodeApi {
    postMessage(message: unknown): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names its panel's message union
export function post<M extends { readonly type: string }>(message: M): void {
    vscode.postMessage(message);
}

function saved(): SavedState | undefined {
    const s = vscode.getState();
    return typeof s === 'object' && s !== null ? (s as SavedState) : undefined;
}

/** The panel's UI state as it was saved (selected tab, inputs...). */
export function uiState<T extends Record<string, unknown>>(defaults: T): T {
    return { ...defaults, ...(saved()?.ui as Partial<T> | undefined) };
}

/** Saves the UI state, keeping the key. */
export function saveUi(view: ViewKind, ui: Record<string, unknown>): void {
    const s = saved();
    vscode.setState({ view, ...(s?.key ? { key: s.key } : {}), ui } satisfies SavedState);
}

/** Saves the key the host needs to rebuild this panel after a reload. */
export function saveKey(view: ViewKind, key: PanelKey): void {
    const s = saved();
    vscode.setState({ view, key, ...(s?.ui ? { ui: s.ui } : {}) } satisfies SavedState);
}

/** Listens to the host's messages. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names its panel's message union
export function onMessage<M extends { readonly type: string }>(handler: (message: M) => void): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const m = event.data;
        if (typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string') handler(m as M);
    });
}

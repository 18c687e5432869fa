// What every webview panel shares (vscode-extension-samples' webview-sample, tightened): the
// page with a strict CSP and a fresh nonce, resources only from out/webview/ (asWebviewUri,
// localResourceRoots narrowed to that folder), a typed message router, one panel per key
// (reveal instead of a duplicate), and a serializer so a panel comes back after a reload from
// the key its page saved with setState. Panels hold the daemon's data on the host side and send
// it again whenever their page says `ready` (a hidden webview is discarded and rebuilt).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

import type { Ctx } from '../ctx';
import { makeNonce, webviewHtml } from '../model/webview-html';
import type { PanelKey, SavedState, ViewKind } from './messages';

/** The folder of the webview bundle (scripts/esbuild.mjs writes it). */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
    return vscode.Uri.joinPath(extensionUri, 'out', 'webview');
}

export const viewTypes: Record<ViewKind, string> = {
    'signal-preview': 'vigil.signalPreview',
    'benchmark-live': 'vigil.benchmarkLive',
    results: 'vigil.results',
    emulator: 'vigil.emulator',
    compile: 'vigil.compile',
    'board-test': 'vigil.boardTest',
};

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [webviewRoot(extensionUri)],
        // The page keeps its UI state with setState and the host resends the data on `ready`.
        retainContextWhenHidden: false,
        enableFindWidget: true,
    };
}

type Message = { readonly type: string };

/** One webview panel: its page, and messages both ways typed by the panel's unions. */
export class Panel<ToView extends Message, FromView extends Message> implements vscode.Disposable {
    private readonly handlers = new Map<string, (m: FromView) => unknown>();
    private readonly disposables: vscode.Disposable[] = [];
    private readonly disposedEmitter = new vscode.EventEmitter<void>();
    /** Fires once, when the user closes the panel (or it is disposed). */
    readonly onDidDispose = this.disposedEmitter.event;
    private disposed = false;

    constructor(
        readonly panel: vscode.WebviewPanel,
        private readonly ctx: Ctx,
        readonly view: ViewKind,
    ) {
        const extensionUri = ctx.extensionContext.extensionUri;
        const webview = panel.webview;
        webview.options = panelOptions(extensionUri);
        panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'vigil.svg');
        const root = webviewRoot(extensionUri);
        const uri = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
        webview.html = webviewHtml({
            cspSource: webview.cspSource,
            nonce: makeNonce((n) => randomBytes(n)),
            scriptUri: uri('main.js'),
            styleUri: uri('main.css'),
            codiconUri: uri('codicon.css'),
            codiconFontUri: uri('codicon.ttf'),
            view,
            title: panel.title,
        });
        this.disposables.push(
            webview.onDidReceiveMessage((m: unknown) => {
                this.route(m);
            }),
            panel.onDidDispose(() => {
                this.dispose();
            }),
        );
    }

    /** Handles the page's messages of one type (the last handler registered wins). */
    on<T extends FromView['type']>(type: T, handler: (m: Extract<FromView, { type: T }>) => unknown): this {
        this.handlers.set(type, handler as (m: FromView) => unknown);
        return this;
    }

    private route(m: unknown): void {
        if (typeof m !== 'object' || m === null || typeof (m as { type?: unknown }).type !== 'string') {
            this.ctx.log.warn(`webview ${this.view}: a message without a type was ignored`);
            return;
        }
        const message = m as FromView;
        const handler = this.handlers.get(message.type);
        if (!handler) {
            this.ctx.log.warn(`webview ${this.view}: no handler for '${message.type}'`);
            return;
        }
        Promise.resolve()
            .then(() => handler(message))
            .catch((e: unknown) => {
                const text = e instanceof Error ? e.message : String(e);
                this.ctx.log.error(`webview ${this.view} '${message.type}': ${text}`);
                this.post({ type: 'error', message: text } as unknown as ToView);
            });
    }

    post(message: ToView): void {
        if (this.disposed) return;
        void this.panel.webview.postMessage(message);
    }

    get isDisposed(): boolean {
        return this.disposed;
    }

    reveal(preserveFocus = false): void {
        this.panel.reveal(undefined, preserveFocus);
    }

    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        for (const d of this.disposables.splice(0)) d.dispose();
        this.panel.dispose();
        this.disposedEmitter.fire();
        this.disposedEmitter.dispose();
    }
}

/** A stable string for a panel key (one panel per key). */
export function keyString(key: PanelKey): string {
    return JSON.stringify(key);
}

/** The panels of one kind, by key: reveal an open one rather than opening a second. */
export class PanelRegistry<P extends { readonly panel: vscode.WebviewPanel; readonly onDidDispose: vscode.Event<void>; reveal(preserveFocus?: boolean): void }> {
    private readonly open = new Map<string, P>();

    get(key: PanelKey): P | undefined {
        return this.open.get(keyString(key));
    }

    all(): P[] {
        return [...this.open.values()];
    }

    add(key: PanelKey, panel: P): P {
        const k = keyString(key);
        this.open.set(k, panel);
        panel.onDidDispose(() => {
            if (this.open.get(k) === panel) this.open.delete(k);
        });
        return panel;
    }

    /** Reveals the panel of `key`, or creates it. */
    showOrCreate(key: PanelKey, create: () => P, preserveFocus = false): P {
        const existing = this.get(key);
        if (existing) {
            existing.reveal(preserveFocus);
            return existing;
        }
        return this.add(key, create());
    }
}

/** A new webview panel of a kind, in the active column (or beside it). */
export function createWebviewPanel(ctx: Ctx, view: ViewKind, title: string, options: { beside?: boolean; preserveFocus?: boolean } = {}): vscode.WebviewPanel {
    return vscode.window.createWebviewPanel(
        viewTypes[view],
        title,
        { viewColumn: options.beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preserveFocus: options.preserveFocus ?? false },
        panelOptions(ctx.extensionContext.extensionUri),
    );
}

/** The key a page saved (setState), if it is one of this kind. */
export function savedKey<K extends PanelKey['kind']>(state: unknown, kind: K): Extract<PanelKey, { kind: K }> | undefined {
    const key = (state as SavedState | undefined)?.key;
    if (!key || typeof key !== 'object' || key.kind !== kind || typeof key.folder !== 'string') return undefined;
    return key as Extract<PanelKey, { kind: K }>;
}

/**
 * Brings back one kind's panels after a window reload: the saved key says what each showed; a
 * panel whose state cannot be read is closed. `make` builds the view (no project yet: it finds
 * it from the key), `restore` fetches its data again from the daemon.
 */
export function revivePanels<K extends ViewKind & PanelKey['kind'], P extends { readonly panel: vscode.WebviewPanel; readonly onDidDispose: vscode.Event<void>; reveal(preserveFocus?: boolean): void }>(
    registry: PanelRegistry<P>,
    kind: K,
    make: (panel: vscode.WebviewPanel, key: Extract<PanelKey, { kind: K }>) => P,
    restore: (view: P) => Promise<void>,
): vscode.Disposable {
    return registerSerializer(kind, async (panel, state) => {
        const key = savedKey(state, kind);
        if (!key) {
            panel.dispose();
            return;
        }
        await restore(registry.add(key, make(panel, key)));
    });
}

/** Registers the serializer of one kind: after a reload, `revive` gets the panel and its saved state. */
export function registerSerializer(view: ViewKind, revive: (panel: vscode.WebviewPanel, state: unknown) => Promise<void>): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(viewTypes[view], {
        deserializeWebviewPanel: (panel, state: unknown) => revive(panel, state),
    });
}

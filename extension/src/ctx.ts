// The daemon's lifecycle (rust-analyzer's ctx.ts, vscode-clangd's ClangdContext): start (find
// the binary or open the WebSocket, connect, initialize), stop, restart after a crash up to a
// limit; the disposables that live as long as one client; and the command table, re-registered
// in its enabled or disabled form whenever the daemon's state changes.
import * as vscode from 'vscode';

import { BootstrapError, findServer } from './bootstrap';
import { Client, ClientError } from './client';
import type { Config } from './config';
import { connectWebSocket, startStdio, type Transport, type TransportClosed } from './connection';
import { serverPathSetting, serverUrlSetting } from './model/discovery';
import { RestartPolicy } from './model/restart';

export type ServerState =
    | { readonly kind: 'stopped'; readonly problem?: string }
    | { readonly kind: 'starting' }
    | { readonly kind: 'running'; readonly client: Client }
    | { readonly kind: 'failed'; readonly problem: string };

// Commands take whatever VS Code passes (tree items, URIs, JSON arguments of command links).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Cmd = (...args: any[]) => unknown;

export interface CommandFactory {
    /** The command while the daemon runs (or always, with `needsServer: false`). */
    readonly enabled: Cmd;
    /** Default true: without a running daemon the `disabled` form is registered. */
    readonly needsServer?: boolean;
    /** Default: wait for a starting daemon, else say it is not running and offer a restart. */
    readonly disabled?: Cmd;
}

/** The SecretStorage key of the `vigild --listen` bearer token. */
export const tokenSecret = 'vigil.serverToken';

export class Ctx implements vscode.Disposable {
    private current: ServerState = { kind: 'stopped' };
    private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
    /** Fires after every state change (starting, running, stopped, failed). */
    readonly onDidChangeState = this.stateEmitter.event;
    private clientDisposables: vscode.Disposable[] = [];
    private commandDisposables: vscode.Disposable[] = [];
    private factories: Readonly<Record<string, CommandFactory>> = {};
    private readonly restartPolicy = new RestartPolicy();
    private starting: Promise<void> | undefined;
    private disposed = false;

    constructor(
        readonly extensionContext: vscode.ExtensionContext,
        readonly log: vscode.LogOutputChannel,
        readonly config: Config,
    ) {
        extensionContext.subscriptions.push(this.stateEmitter);
    }

    get state(): ServerState {
        return this.current;
    }

    get client(): Client | undefined {
        return this.current.kind === 'running' ? this.current.client : undefined;
    }

    /** The running client, or an error the command turns into a message. */
    requireClient(): Client {
        const client = this.client;
        if (!client) throw new ClientError('The Vigil daemon is not running.');
        return client;
    }

    /** Disposed when the extension deactivates. */
    pushCleanup(...disposables: vscode.Disposable[]): void {
        this.extensionContext.subscriptions.push(...disposables);
    }

    /** Disposed when the current client stops (handlers bound to this connection). */
    pushClientCleanup(...disposables: vscode.Disposable[]): void {
        this.clientDisposables.push(...disposables);
    }

    setCommands(factories: Readonly<Record<string, CommandFactory>>): void {
        this.factories = factories;
        this.updateCommands();
    }

    private setState(state: ServerState): void {
        this.current = state;
        void vscode.commands.executeCommand('setContext', 'vigil.serverRunning', state.kind === 'running');
        void vscode.commands.executeCommand('setContext', 'vigil.serverState', state.kind);
        this.updateCommands();
        this.stateEmitter.fire(state);
    }

    private updateCommands(): void {
        for (const d of this.commandDisposables) d.dispose();
        this.commandDisposables = [];
        const running = this.current.kind === 'running';
        for (const [id, factory] of Object.entries(this.factories)) {
            const needsServer = factory.needsServer ?? true;
            const handler = !needsServer || running ? factory.enabled : (factory.disabled ?? this.defaultDisabled(factory.enabled));
            this.commandDisposables.push(vscode.commands.registerCommand(id, handler));
        }
    }

    private defaultDisabled(enabled: Cmd): Cmd {
        return async (...args: unknown[]) => {
            if (this.current.kind === 'starting' && (await this.whenRunning(30_000))) return enabled(...args);
            const why = this.current.kind === 'failed' || this.current.kind === 'stopped' ? this.current.problem : undefined;
            const choice = await vscode.window.showErrorMessage(
                `The Vigil daemon is not running${why ? `: ${why}` : '.'}`,
                'Restart Daemon',
                'Show Log',
            );
            if (choice === 'Restart Daemon') await this.restart();
            else if (choice === 'Show Log') this.log.show();
            return undefined;
        };
    }

    /** The client once the daemon runs, or undefined when it fails or `timeoutMs` passes. */
    whenRunning(timeoutMs: number): Promise<Client | undefined> {
        const client = this.client;
        if (client) return Promise.resolve(client);
        return new Promise((resolve) => {
            const timer = setTimeout(() => {
                sub.dispose();
                resolve(undefined);
            }, timeoutMs);
            const sub = this.onDidChangeState((s) => {
                if (s.kind === 'starting') return;
                clearTimeout(timer);
                sub.dispose();
                resolve(s.kind === 'running' ? s.client : undefined);
            });
        });
    }

    /** Starts the daemon unless it runs or is starting. Errors are shown, never thrown. */
    start(): Promise<void> {
        if (this.current.kind === 'running') return Promise.resolve();
        this.starting ??= this.doStart().finally(() => {
            this.starting = undefined;
        });
        return this.starting;
    }

    private async doStart(): Promise<void> {
        this.setState({ kind: 'starting' });
        let client: Client;
        try {
            const transport = await this.openTransport();
            client = await Client.start(transport, {
                clientName: 'vscode-vigil',
                clientVersion: this.extensionVersion(),
                trace: this.config.trace,
                log: this.log,
            });
        } catch (e) {
            const problem = e instanceof Error ? e.message : String(e);
            this.log.error(problem);
            this.setState({ kind: 'failed', problem });
            if (!this.disposed) void this.showStartError(e, problem);
            return;
        }
        if (this.disposed) {
            await client.shutdown();
            return;
        }
        this.log.info(`connected to ${client.description}`);
        this.clientDisposables.push(
            client.onDidClose((c) => {
                this.onClientClosed(client, c);
            }),
        );
        this.setState({ kind: 'running', client });
    }

    private extensionVersion(): string {
        const v = (this.extensionContext.extension.packageJSON as { version?: unknown }).version;
        return typeof v === 'string' ? v : '0';
    }

    private async openTransport(): Promise<Transport> {
        const url = this.config.serverUrl;
        if (url) {
            const token = await this.serverToken(url);
            this.log.info(`connecting to ${url}`);
            return connectWebSocket({ url, token, log: this.log });
        }
        const server = await findServer({
            settingPath: this.config.serverPath,
            extensionPath: this.extensionContext.extensionPath,
            pathEnv: process.env.PATH,
            platform: process.platform,
        });
        this.log.info(`starting ${server.path} (${server.version.name} ${server.version.version}, from ${server.source})`);
        const args = ['--stdio'];
        if (this.config.trace === 'verbose') args.push('--log-level', 'verbose');
        return startStdio({ command: server.path, args, log: this.log });
    }

    private async serverToken(url: string): Promise<string> {
        const stored = await this.extensionContext.secrets.get(tokenSecret);
        if (stored) return stored;
        const token = await vscode.window.showInputBox({
            title: `Token of the Vigil daemon at ${url}`,
            prompt: 'The daemon prints where its token is: by default ~/.config/vigil/token on the machine running `vigild --listen`.',
            password: true,
            ignoreFocusOut: true,
            validateInput: (v) => (v.trim() ? undefined : 'The daemon refuses connections without its token.'),
        });
        if (!token) throw new ClientError(`no token for ${url} (set it with "Vigil: Set Daemon Token")`);
        await this.extensionContext.secrets.store(tokenSecret, token.trim());
        return token.trim();
    }

    private async showStartError(e: unknown, problem: string): Promise<void> {
        const settingsAction = e instanceof BootstrapError ? 'Open Settings' : undefined;
        const actions = [...(settingsAction ? [settingsAction] : []), 'Retry', 'Show Log'];
        const choice = await vscode.window.showErrorMessage(problem, ...actions);
        if (choice === 'Open Settings') {
            const setting = this.config.serverUrl ? serverUrlSetting : serverPathSetting;
            await vscode.commands.executeCommand('workbench.action.openSettings', setting);
        } else if (choice === 'Retry') {
            this.restartPolicy.reset();
            await this.start();
        } else if (choice === 'Show Log') {
            this.log.show();
        }
    }

    private onClientClosed(client: Client, closed: TransportClosed): void {
        if (this.client !== client) return;
        this.disposeClientResources();
        if (closed.expected || this.disposed) {
            this.setState({ kind: 'stopped' });
            return;
        }
        this.log.error(`the daemon stopped unexpectedly: ${closed.reason}`);
        if (this.restartPolicy.onCrash(Date.now()) === 'restart') {
            this.log.info('restarting the daemon');
            this.setState({ kind: 'stopped', problem: closed.reason });
            void this.start();
            return;
        }
        const problem = `it stopped unexpectedly several times in a few minutes (last: ${closed.reason})`;
        this.setState({ kind: 'failed', problem });
        void vscode.window.showErrorMessage(`The Vigil daemon is not restarted: ${problem}.`, 'Restart Daemon', 'Show Log').then(async (choice) => {
            if (choice === 'Restart Daemon') await this.restart();
            else if (choice === 'Show Log') this.log.show();
        });
    }

    private disposeClientResources(): void {
        for (const d of this.clientDisposables.splice(0)) d.dispose();
    }

    /** LSP shutdown/exit, then the state is `stopped`. */
    async stop(): Promise<void> {
        if (this.starting) await this.starting;
        const client = this.client;
        if (!client) return;
        this.log.info('stopping the daemon');
        await client.shutdown();
        this.disposeClientResources();
        this.setState({ kind: 'stopped' });
    }

    /** A restart the user asked for: earlier crashes are forgotten. */
    async restart(): Promise<void> {
        this.restartPolicy.reset();
        await this.stop();
        await this.start();
    }

    dispose(): void {
        this.disposed = true;
        for (const d of this.commandDisposables) d.dispose();
        this.commandDisposables = [];
        void this.stop();
    }
}

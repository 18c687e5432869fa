// The protocol client on one Transport: the LSP lifecycle (initialize with the protocol-major
// check, initialized, shutdown, exit), typed requests, `$/progress` by token and message
// tracing. No `vscode` import (the unit tests run it against the real daemon).
import {
    CancellationTokenSource,
    Emitter,
    ProgressType,
    Trace,
    type CancellationToken,
    type Disposable,
    type Event,
    type RequestType,
    type RequestType0,
} from 'vscode-jsonrpc/node';

import type { Logger, Transport, TransportClosed } from './connection';
import { protocolMajor, protocolMismatchMessage } from './model/discovery';
import type { TraceLevel } from './model/config';
import * as proto from './protocol.generated';

export interface ClientOptions {
    readonly clientName: string;
    readonly clientVersion: string;
    readonly trace: TraceLevel;
    readonly log: Logger;
    /** How long initialize may take before the daemon is declared unresponsive. */
    readonly initializeTimeoutMs?: number;
}

export class ClientError extends Error {}

const progressType = new ProgressType<proto.ProgressValue>();

export class Client implements Disposable {
    private readonly closedEmitter = new Emitter<TransportClosed>();
    private closed: TransportClosed | undefined;
    private shuttingDown = false;
    private ending: Promise<void> | undefined;

    /** Fires once when the connection is gone (expected or not). */
    readonly onDidClose: Event<TransportClosed> = this.closedEmitter.event;

    private constructor(
        private readonly transport: Transport,
        readonly info: proto.InitializeResult,
        private readonly log: Logger,
    ) {
        transport.onDidClose((c) => {
            // After `exit` the daemon ends on its own, maybe before close() is called: expected.
            this.closed = this.shuttingDown ? { ...c, expected: true } : c;
            this.closedEmitter.fire(this.closed);
        });
    }

    /** "vigild 0.1.0 over stdio (pid 42)". */
    get description(): string {
        return `${this.info.serverInfo.name} ${this.info.serverInfo.version} over ${this.transport.description}`;
    }

    get isClosed(): boolean {
        return this.closed !== undefined;
    }

    /** Connects: listens, sends `initialize`, checks the protocol major, sends `initialized`. */
    static async start(transport: Transport, options: ClientOptions): Promise<Client> {
        const { connection } = transport;
        const log = options.log;
        if (options.trace !== 'off') {
            await connection.trace(options.trace === 'verbose' ? Trace.Verbose : Trace.Messages, {
                log: (message: string, data?: string) => {
                    log.trace(data ? `${message}\n${data}` : message);
                },
            });
        }
        connection.onUnhandledNotification((n) => {
            log.trace(`unhandled notification ${n.method}`);
        });
        connection.onError(([error]) => {
            log.error(`protocol error: ${error.message}`);
        });
        let closedEarly: TransportClosed | undefined;
        const early = transport.onDidClose((c) => (closedEarly = c));
        connection.listen();

        const source = new CancellationTokenSource();
        const timeoutMs = options.initializeTimeoutMs ?? 20_000;
        const timer = setTimeout(() => {
            source.cancel();
        }, timeoutMs);
        let info: proto.InitializeResult;
        try {
            info = await connection.sendRequest(
                proto.initialize,
                {
                    processId: process.pid,
                    clientInfo: { name: options.clientName, version: options.clientVersion },
                    capabilities: { window: { workDoneProgress: true } },
                },
                source.token,
            );
        } catch (e) {
            const why = closedEarly ? closedEarly.reason : source.token.isCancellationRequested ? `no answer to initialize in ${String(timeoutMs / 1000)} s` : e instanceof Error ? e.message : String(e);
            await transport.close(1000);
            throw new ClientError(`The Vigil daemon did not start: ${why}`);
        } finally {
            clearTimeout(timer);
            early.dispose();
        }
        if (info.protocolVersion !== protocolMajor) {
            await connection.sendRequest(proto.shutdown).catch(() => undefined);
            await connection.sendNotification(proto.exitNotification, null).catch(() => undefined);
            await transport.close(2000);
            throw new ClientError(protocolMismatchMessage(`${info.serverInfo.name} ${info.serverInfo.version}`, info.protocolVersion));
        }
        await connection.sendNotification(proto.initializedNotification, {});
        const client = new Client(transport, info, log);
        if (closedEarly) client.closed = closedEarly;
        const missing = proto.methods.filter((m) => !info.capabilities.methods.includes(m) && m !== 'initialize');
        if (missing.length) log.warn(`the daemon does not bind ${missing.join(', ')} (the extension's protocol document lists them)`);
        return client;
    }

    private ensureOpen(method: string): void {
        if (this.closed) throw new ClientError(`The Vigil daemon is not running (${method}: ${this.closed.reason}).`);
        if (this.shuttingDown) throw new ClientError(`The Vigil daemon is shutting down (${method}).`);
    }

    /** A typed request; cancelling `token` sends `$/cancelRequest` (the daemon answers -32800). */
    request<P, R>(type: RequestType<P, R, unknown>, params: P, token?: CancellationToken): Promise<R> {
        this.ensureOpen(type.method);
        return token ? this.transport.connection.sendRequest(type, params, token) : this.transport.connection.sendRequest(type, params);
    }

    request0<R>(type: RequestType0<R, unknown>, token?: CancellationToken): Promise<R> {
        this.ensureOpen(type.method);
        return token ? this.transport.connection.sendRequest(type, token) : this.transport.connection.sendRequest(type);
    }

    /** A benchmark's `$/progress` values sent to `token` (register before sending the request that names it). */
    onProgress(token: proto.ProgressToken, handler: (value: proto.BenchmarkProgressValue) => void): Disposable {
        return this.transport.connection.onProgress(progressType, token, (value) => {
            if (!('task' in value)) handler(value);
        });
    }

    /** The `$/progress` values of another long request (target/test, record/start...) sent to `token`. */
    onTaskProgress(token: proto.ProgressToken, handler: (value: proto.TaskProgress) => void): Disposable {
        return this.transport.connection.onProgress(progressType, token, (value) => {
            if ('task' in value) handler(value);
        });
    }

    /** LSP's orderly end: `shutdown`, `exit`, then the transport closes (the child exits). */
    shutdown(graceMs = 8000): Promise<void> {
        if (this.closed && !this.shuttingDown) return Promise.resolve();
        this.shuttingDown = true;
        this.ending ??= this.end(graceMs);
        return this.ending;
    }

    private async end(graceMs: number): Promise<void> {
        const { connection } = this.transport;
        try {
            const timeout = new Promise<void>((r) => setTimeout(r, 3000).unref());
            await Promise.race([connection.sendRequest(proto.shutdown), timeout]);
            await connection.sendNotification(proto.exitNotification, null);
        } catch (e) {
            this.log.trace(`shutdown: ${e instanceof Error ? e.message : String(e)}`);
        }
        await this.transport.close(graceMs);
    }

    dispose(): void {
        void this.shutdown();
    }
}

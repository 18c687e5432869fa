// The bytes between the extension and `vigild`: the daemon started as a child process on stdio
// (LSP base protocol, Content-Length framing: vscode-jsonrpc's stream reader and writer), or a
// running daemon reached over WebSocket (`vigild --listen`: one JSON-RPC message per text frame,
// `Authorization: Bearer <token>` on the upgrade). Both end as a vscode-jsonrpc
// MessageConnection. No `vscode` import: the unit tests drive the real daemon through this file.
import { spawn, type ChildProcess } from 'node:child_process';
import {
    AbstractMessageReader,
    AbstractMessageWriter,
    createMessageConnection,
    Emitter,
    StreamMessageReader,
    StreamMessageWriter,
    type DataCallback,
    type Disposable,
    type Event,
    type Message,
    type MessageConnection,
    type MessageReader,
    type MessageWriter,
} from 'vscode-jsonrpc/node';
import WebSocket from 'ws';

export interface Logger {
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
    trace(message: string): void;
}

export interface TransportClosed {
    /** True when the extension asked for it (stop, restart, deactivate). */
    readonly expected: boolean;
    /** What happened, for the log and the status bar ("vigild exited with code 2"). */
    readonly reason: string;
}

/** One connection to a daemon. */
export interface Transport {
    readonly connection: MessageConnection;
    /** "stdio (pid 1234)" or "ws://127.0.0.1:5000/". */
    readonly description: string;
    /** Fires once, when the daemon process ends or the socket closes. */
    readonly onDidClose: Event<TransportClosed>;
    /** Ends the connection (after the LSP `shutdown`/`exit` exchange when the caller did it). */
    close(graceMs?: number): Promise<void>;
}

// --- stdio -------------------------------------------------------------------------------------

export interface StdioOptions {
    readonly command: string;
    readonly args: readonly string[];
    readonly env?: NodeJS.ProcessEnv;
    readonly cwd?: string;
    readonly log: Logger;
}

function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
    if (signal) return `vigild was killed by ${signal}`;
    return code === 0 ? 'vigild exited' : `vigild exited with code ${String(code)}`;
}

/** Starts `vigild --stdio` (the caller passes the args) and connects to its stdin/stdout. */
export function startStdio(options: StdioOptions): Promise<Transport> {
    return new Promise((resolve, reject) => {
        let child: ChildProcess;
        try {
            child = spawn(options.command, [...options.args], {
                stdio: ['pipe', 'pipe', 'pipe'],
                env: options.env ?? process.env,
                cwd: options.cwd,
                windowsHide: true,
            });
        } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
            return;
        }
        const closed = new Emitter<TransportClosed>();
        let closing = false;
        let exited = false;
        let stderrTail = '';
        const exitPromise = new Promise<void>((done) => child.once('exit', () => {
            done();
        }));

        child.stderr?.setEncoding('utf8');
        child.stderr?.on('data', (chunk: string) => {
            stderrTail = (stderrTail + chunk).slice(-2000);
            for (const line of chunk.split(/\r?\n/)) if (line.trim()) options.log.info(`[vigild] ${line}`);
        });
        child.once('error', (e) => {
            // ENOENT, EACCES...: the process never ran.
            if (!exited) {
                exited = true;
                reject(e);
            }
        });
        child.once('spawn', () => {
            const stdout = child.stdout;
            const stdin = child.stdin;
            if (!stdout || !stdin) {
                reject(new Error('vigild started without pipes'));
                return;
            }
            // A daemon that dies makes writes fail with EPIPE: reported by the close event.
            stdin.on('error', (e) => {
                options.log.trace(`vigild stdin: ${e.message}`);
            });
            const connection = createMessageConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin));
            child.once('exit', (code, signal) => {
                exited = true;
                const tail = stderrTail.trim().split('\n').slice(-1)[0];
                const reason = exitReason(code, signal) + (!closing && code !== 0 && tail ? ` (${tail})` : '');
                closed.fire({ expected: closing, reason });
                connection.dispose();
            });
            resolve({
                connection,
                description: `stdio (pid ${String(child.pid)})`,
                onDidClose: closed.event,
                async close(graceMs = 5000) {
                    closing = true;
                    if (exited) return;
                    stdin.end();
                    // The daemon stops its benchmarks (they checkpoint) before exiting: give it time.
                    const timer = (ms: number) => new Promise<'timeout'>((r) => setTimeout(() => {
                        r('timeout');
                    }, ms).unref());
                    const running = () => !exited;
                    if ((await Promise.race([exitPromise, timer(graceMs)])) === 'timeout' && running()) {
                        options.log.warn('vigild did not exit in time: terminating it');
                        child.kill('SIGTERM');
                        if ((await Promise.race([exitPromise, timer(2000)])) === 'timeout' && running()) child.kill('SIGKILL');
                    }
                },
            });
        });
    });
}

// --- WebSocket ---------------------------------------------------------------------------------

/** Reads one JSON-RPC message (or a batch, element by element) per text frame. */
class WebSocketMessageReader extends AbstractMessageReader implements MessageReader {
    private callback: DataCallback | undefined;
    private readonly pending: Message[] = [];

    constructor(socket: WebSocket) {
        super();
        socket.on('message', (data, isBinary) => {
            if (isBinary) {
                this.fireError(new Error('vigild sent a binary frame (messages are text frames)'));
                return;
            }
            let parsed: unknown;
            try {
                parsed = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'));
            } catch (e) {
                this.fireError(e);
                return;
            }
            for (const m of Array.isArray(parsed) ? parsed : [parsed]) this.deliver(m as Message);
        });
        socket.on('error', (e) => {
            this.fireError(e);
        });
        socket.on('close', () => {
            this.fireClose();
        });
    }

    private deliver(message: Message): void {
        if (this.callback) this.callback(message);
        else this.pending.push(message);
    }

    listen(callback: DataCallback): Disposable {
        this.callback = callback;
        for (const m of this.pending.splice(0)) callback(m);
        return {
            dispose: () => {
                this.callback = undefined;
            },
        };
    }
}

class WebSocketMessageWriter extends AbstractMessageWriter implements MessageWriter {
    private errors = 0;

    constructor(private readonly socket: WebSocket) {
        super();
        socket.on('close', () => {
            this.fireClose();
        });
    }

    write(message: Message): Promise<void> {
        return new Promise((resolve, reject) => {
            this.socket.send(JSON.stringify(message), (error) => {
                if (error) {
                    this.fireError(error, message, ++this.errors);
                    reject(error);
                } else {
                    this.errors = 0;
                    resolve();
                }
            });
        });
    }

    end(): void {
        this.socket.close(1000);
    }
}

function isClosed(socket: WebSocket): boolean {
    return socket.readyState === WebSocket.CLOSED;
}

export interface WebSocketOptions {
    readonly url: string;
    readonly token: string;
    readonly log: Logger;
    readonly maxPayload?: number;
    readonly openTimeoutMs?: number;
}

/** Opens a WebSocket session to `vigild --listen`; rejects with the daemon's reason (401, 403...). */
export function connectWebSocket(options: WebSocketOptions): Promise<Transport> {
    return new Promise((resolve, reject) => {
        let socket: WebSocket;
        try {
            socket = new WebSocket(options.url, {
                headers: { Authorization: `Bearer ${options.token}` },
                maxPayload: options.maxPayload ?? 256 << 20,
                handshakeTimeout: options.openTimeoutMs ?? 10_000,
                perMessageDeflate: false,
            });
        } catch (e) {
            reject(new Error(`${options.url}: ${e instanceof Error ? e.message : String(e)}`));
            return;
        }
        let opened = false;
        socket.once('unexpected-response', (_request, response) => {
            let body = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (body += chunk));
            response.on('end', () => {
                const why = body.trim() || response.statusMessage || '';
                reject(new Error(`${options.url} refused the connection: HTTP ${String(response.statusCode)}${why ? ` (${why})` : ''}`));
            });
        });
        socket.once('error', (e) => {
            if (!opened) reject(new Error(`${options.url}: ${e.message}`));
        });
        socket.once('open', () => {
            opened = true;
            const closed = new Emitter<TransportClosed>();
            let closing = false;
            const connection = createMessageConnection(new WebSocketMessageReader(socket), new WebSocketMessageWriter(socket));
            const closedPromise = new Promise<void>((done) => {
                socket.once('close', (code, reason) => {
                    const text = reason.toString('utf8');
                    closed.fire({ expected: closing, reason: `the WebSocket closed (${String(code)}${text ? ` ${text}` : ''})` });
                    connection.dispose();
                    done();
                });
            });
            socket.on('error', (e) => {
                options.log.error(`WebSocket: ${e.message}`);
            });
            resolve({
                connection,
                description: options.url,
                onDidClose: closed.event,
                async close(graceMs = 3000) {
                    closing = true;
                    if (isClosed(socket)) return;
                    socket.close(1000);
                    const timeout = new Promise<void>((r) => setTimeout(r, graceMs).unref());
                    await Promise.race([closedPromise, timeout]);
                    if (!isClosed(socket)) socket.terminate();
                },
            });
        });
    });
}

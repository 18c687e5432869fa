// Emulator panel: a library tried call by call on the host, as on the device (emulator/*): init,
// set sensitivity, learn, detect (a project file or pasted numbers), run all in that order, and
// the log of every call with the daemon's answer. One session per panel, closed with it; a
// session lost with its daemon (restart) is opened again on the next call.
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { App } from '../app';
import type { Client } from '../client';
import { errorText } from '../model/errors';
import { plural, trimNumber } from '../model/format';
import { parseSensitivity, parseSignalsText } from '../model/pasted';
import { verdictsFromDetection } from '../model/verdicts';
import { daemonFolder, workspacePath, type Project } from '../projects';
import * as proto from '../protocol.generated';
import { listSignalFiles } from '../views/signals';
import { createWebviewPanel, Panel, PanelRegistry, revivePanels } from './host';
import type { EmulatorFromView, EmulatorToView, LogEntry, PanelKey, SignalSource } from './messages';
import { openProject } from './project-wait';

type Key = Extract<PanelKey, { kind: 'emulator' }>;

const logCap = 400;

function describeSource(source: SignalSource): string {
    if ('file' in source) return source.file;
    const lines = source.text.split(/\r?\n/).filter((l) => l.trim() !== '').length;
    return plural(lines, 'pasted signal');
}

function stateText(s: proto.EmulatorState): string {
    return `${String(s.learnCount)} learn calls (${String(s.minLearn)} needed), sensitivity ${trimNumber(s.sensitivity, 4)} — ${s.ready ? 'ready to detect' : 'still learning'}`;
}

class EmulatorView {
    readonly host: Panel<EmulatorToView, EmulatorFromView>;
    private session: { id: string; client: Client; opened: proto.EmulatorOpened } | undefined;
    private state: proto.EmulatorState | undefined;
    private files: { relative: string; role: 'regular' | 'abnormal' | undefined }[] = [];
    private readonly log: LogEntry[] = [];
    private problem: string | undefined;
    private busy = false;

    constructor(
        private readonly app: App,
        panel: vscode.WebviewPanel,
        private readonly key: Key,
        private project: Project | undefined,
    ) {
        this.host = new Panel<EmulatorToView, EmulatorFromView>(panel, app.ctx, 'emulator');
        this.host
            .on('ready', () => {
                this.replay();
            })
            .on('init', () => this.run(() => this.init()))
            .on('setSensitivity', (m) => this.run(() => this.setSensitivity(m.sensitivity)))
            .on('learn', (m) => this.run(() => this.learn(m.source)))
            .on('detect', (m) => this.run(() => this.detect(m.source)))
            .on('runAll', (m) =>
                this.run(async () => {
                    this.add({ kind: 'call', text: `run all: init, sensitivity ${m.sensitivity.trim() || '1'}, learn ${describeSource(m.learn)}, detect ${describeSource(m.detect)}` });
                    await this.init();
                    await this.setSensitivity(m.sensitivity.trim() || '1');
                    await this.learn(m.learn);
                    await this.detect(m.detect);
                }),
            )
            .on('clearLog', () => {
                this.log.splice(0);
                this.replay();
            });
        this.host.onDidDispose(() => {
            const s = this.session;
            this.session = undefined;
            if (s && !s.client.isClosed) void s.client.request(proto.emulatorClose, { session: s.id }).catch(() => undefined);
        });
    }

    get panel(): vscode.WebviewPanel {
        return this.host.panel;
    }

    get onDidDispose(): vscode.Event<void> {
        return this.host.onDidDispose;
    }

    reveal(preserveFocus?: boolean): void {
        this.host.reveal(preserveFocus);
    }

    private projectName(): string {
        return this.project?.summary?.settings.name ?? this.project?.name ?? path.basename(this.key.folder);
    }

    private replay(): void {
        if (this.session && this.state) {
            this.host.post({
                type: 'session',
                key: this.key,
                project: this.projectName(),
                opened: this.session.opened,
                state: this.state,
                files: this.files,
                log: this.log,
            });
            this.host.post({ type: 'busy', busy: this.busy });
        } else if (this.problem) {
            this.host.post({ type: 'error', message: this.problem });
        } else {
            this.host.post({ type: 'loading', what: 'the emulator session' });
        }
    }

    private add(entry: LogEntry): void {
        this.log.push(entry);
        if (this.log.length > logCap) this.log.splice(0, this.log.length - logCap);
        this.host.post({ type: 'log', entry });
    }

    private setState(state: proto.EmulatorState): void {
        this.state = { learnCount: state.learnCount, minLearn: state.minLearn, ready: state.ready, sensitivity: state.sensitivity };
        this.host.post({ type: 'state', state: this.state });
    }

    /** Opens the session (again, when the daemon it lived in is gone). */
    async open(): Promise<{ id: string; client: Client }> {
        const client = this.app.ctx.requireClient();
        if (this.session && this.session.client === client && !client.isClosed) return this.session;
        const lost = this.session !== undefined;
        this.project ??= await openProject(this.app, this.key.folder);
        if (!this.project) throw new Error(`the project ${this.key.folder} is not open in the Vigil daemon`);
        const opened = await client.request(proto.emulatorOpen, {
            folder: this.key.folder,
            ...(this.key.benchmark != null ? { benchmark: this.key.benchmark } : {}),
            ...(this.key.library != null ? { library: this.key.library } : {}),
        });
        this.session = { id: opened.session, client, opened };
        this.host.panel.title = `Emulator — ${opened.origin}`;
        this.files = (await listSignalFiles(this.project)).map((f) => ({ relative: f.relative, role: f.role }));
        this.state = { learnCount: opened.learnCount, minLearn: opened.minLearn, ready: opened.ready, sensitivity: opened.sensitivity };
        this.problem = undefined;
        if (lost) this.add({ kind: 'error', text: 'the previous session ended with its daemon: a new one is open (nothing learned yet)' });
        this.add({ kind: 'state', text: `opened ${opened.session}: ${opened.origin}, ${opened.summary}`, state: this.state });
        this.replay();
        return this.session;
    }

    /** The first open; a failure is shown in the page. */
    async start(): Promise<void> {
        try {
            await this.open();
        } catch (e) {
            this.problem = `The emulator could not open: ${errorText(e)}`;
            this.replay();
        }
    }

    private async run(body: () => Promise<void>): Promise<void> {
        if (this.busy) return;
        this.busy = true;
        this.host.post({ type: 'busy', busy: true });
        try {
            await body();
        } catch (e) {
            this.add({ kind: 'error', text: errorText(e) });
        } finally {
            this.busy = false;
            this.host.post({ type: 'busy', busy: false });
        }
    }

    private async init(): Promise<void> {
        const s = await this.open();
        this.add({ kind: 'call', text: 'init' });
        const state = await s.client.request(proto.emulatorInit, { session: s.id });
        this.setState(state);
        this.add({ kind: 'state', text: `knowledge forgotten — ${stateText(state)}`, state });
    }

    private async setSensitivity(text: string): Promise<void> {
        const sensitivity = parseSensitivity(text);
        if (sensitivity === undefined) throw new Error(`sensitivity '${text}': type a number from 0 (1 is neutral)`);
        const s = await this.open();
        this.add({ kind: 'call', text: `set sensitivity ${text.trim()}` });
        const state = await s.client.request(proto.emulatorSetSensitivity, { session: s.id, sensitivity });
        this.setState(state);
        this.add({ kind: 'state', text: stateText(state), state });
    }

    private params(source: SignalSource): { path: string } | { signals: number[][] } {
        if ('file' in source) return { path: source.file };
        const parsed = parseSignalsText(source.text);
        if ('error' in parsed) throw new Error(`pasted signals: ${parsed.error}`);
        return { signals: parsed.signals };
    }

    private async learn(source: SignalSource): Promise<void> {
        const params = this.params(source);
        const s = await this.open();
        this.add({ kind: 'call', text: `learn ${describeSource(source)}` });
        const learned = await s.client.request(proto.emulatorLearn, { session: s.id, ...params });
        this.setState(learned);
        this.add({ kind: 'state', text: `learned ${plural(learned.learned, 'signal')} — ${stateText(learned)}`, state: learned });
    }

    private async detect(source: SignalSource): Promise<void> {
        const params = this.params(source);
        const s = await this.open();
        this.add({ kind: 'call', text: `detect ${describeSource(source)}` });
        const result = await s.client.request(proto.emulatorDetect, { session: s.id, ...params });
        const where = 'file' in source ? source.file : 'the pasted signals';
        this.add({
            kind: 'detect',
            text: `${where}: ${plural(result.results.length, 'signal')} detected — ${plural(result.nominal, 'nominal', 'nominal')}, ${plural(result.anomalies, 'anomaly', 'anomalies')}`,
            result,
        });
        if ('file' in source && this.project) {
            const v = verdictsFromDetection(result, { kind: 'emulator', library: this.session?.opened.origin ?? 'emulator', folder: daemonFolder(this.project) });
            this.app.verdicts.set([{ ...v, file: workspacePath(this.project, v.file) }]);
        }
    }
}

export class EmulatorPanels implements vscode.Disposable {
    private readonly registry = new PanelRegistry<EmulatorView>();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly app: App) {
        this.disposables.push(
            revivePanels(this.registry, 'emulator', (panel, key) => new EmulatorView(this.app, panel, key, undefined), async (view) => {
                await app.ctx.whenRunning(30_000);
                await view.start();
            }),
        );
    }

    /** Opens (or reveals) the emulator of a project's library: a benchmark's best, or a compiled library. */
    async show(project: Project, source: { benchmark?: number; library?: number }): Promise<void> {
        const key: Key = { kind: 'emulator', folder: daemonFolder(project), ...source };
        let created: EmulatorView | undefined;
        this.registry.showOrCreate(key, () => {
            const what = source.library != null ? `library ${String(source.library)}` : source.benchmark != null ? `benchmark ${String(source.benchmark)}` : 'latest';
            const panel = createWebviewPanel(this.app.ctx, 'emulator', `Emulator — ${what}`);
            created = new EmulatorView(this.app, panel, key, project);
            return created;
        });
        if (created) await created.start();
    }

    dispose(): void {
        for (const p of this.registry.all()) p.host.dispose();
        for (const d of this.disposables) d.dispose();
    }
}

// The extension's protocol client (connection.ts, client.ts) against the real daemon, on stdio
// and over WebSocket, through the flow the commands follow: initialize, project/create with the
// wizard's settings, dataset/check into diagnostic positions, a benchmark with $/progress into
// increments and verdicts, the emulator, cancellation, shutdown. Skipped (saying why) when the
// daemon is not built.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';

import { Client, ClientError } from '../../src/client';
import { connectWebSocket, startStdio, type TransportClosed } from '../../src/connection';
import { isCancelled, isRpcError } from '../../src/model/errors';
import { issueRange } from '../../src/model/issues';
import { ProgressIncrements, progressMessage } from '../../src/model/progress';
import { countVerdicts, summaryText, verdictsFromBenchmark, verdictsFromDetection } from '../../src/model/verdicts';
import { createParams } from '../../src/model/wizard';
import * as proto from '../../src/protocol.generated';
import { memoryLog, needsDaemon, synth, vigildPath } from './helpers';

const clientOptions = (log: ReturnType<typeof memoryLog>) => ({ clientName: 'vigil-unit-test', clientVersion: '0', trace: 'off' as const, log });

describe('the client against the real vigild (stdio)', { skip: needsDaemon }, () => {
    const log = memoryLog();
    let dir: string;
    let folder: string;
    let client: Client;
    let closed: TransportClosed | undefined;

    before(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'vigil-client-'));
        folder = path.join(dir, 'fan');
        const data = path.join(dir, 'data');
        synth(data, '--signals', '60', '--length', '64', '--rate', '1000', '--axes', '3');
        for (const role of ['regular', 'abnormal']) {
            mkdirSync(path.join(folder, 'signals', role), { recursive: true });
            renameSync(path.join(data, `${role}.csv`), path.join(folder, 'signals', role, `${role}.csv`));
        }
        const transport = await startStdio({ command: vigildPath ?? 'vigild', args: ['--stdio', '--jobs', '1'], log });
        client = await Client.start(transport, clientOptions(log));
        client.onDidClose((c) => (closed = c));
    });
    after(async () => {
        await client.shutdown();
        rmSync(dir, { recursive: true, force: true });
    });

    it('initializes: protocol 1, every documented method bound', () => {
        assert.equal(client.info.protocolVersion, 1);
        assert.equal(client.info.serverInfo.name, 'vigild');
        assert.equal(client.info.capabilities.transport, 'stdio');
        assert.deepEqual([...client.info.capabilities.methods].sort(), [...proto.methods].sort(), 'the daemon binds exactly the documented methods');
        assert.match(client.description, /^vigild \S+ over stdio \(pid \d+\)$/);
    });

    it('creates a project with the wizard settings', async () => {
        const params = createParams(folder, { name: 'fan', description: 'test fan', core: 'cortex-m4', maxRamKb: '16', sensorType: 'accelerometer', axes: '', samplingRateHz: '1000' });
        const summary = await client.request(proto.projectCreate, params);
        assert.equal(summary.settings.name, 'fan');
        assert.equal(summary.settings.sensor.axes, 3, 'the daemon filled in the sensor type usual axes');
        assert.equal(summary.settings.sampling_rate_hz, 1000);
        assert.deepEqual(summary.benchmarks, []);
    });

    it('checks signal files; a bad one points at the line and column', async () => {
        const report = await client.request(proto.datasetCheck, { folder, path: 'signals/regular/regular.csv', axes: 3, rate: 1000 });
        assert.equal(report.errors.length, 0);
        assert.equal(report.signals, 60);
        writeFileSync(path.join(folder, 'bad.csv'), `${Array.from({ length: 30 }, () => '1 2 3 4 5 6').join('\n')}\n1 2 x3 4 5 6\n`);
        const bad = await client.request(proto.datasetCheck, { folder, path: 'bad.csv', axes: 3 });
        assert.equal(bad.status, 'errors');
        const issue = bad.errors[0];
        assert.ok(issue);
        assert.equal(issue.kind, 'non_numeric');
        assert.deepEqual(issueRange(issue, (line) => (line === 30 ? '1 2 x3 4 5 6' : undefined)), { line: 30, start: 4, end: 6 });
    });

    it('refuses with the daemon error codes', async () => {
        await assert.rejects(client.request(proto.datasetCheck, { folder, path: '/etc/passwd', axes: 3 }), (e: unknown) => isRpcError(e) && e.code === proto.errorCodes.PathNotAllowed);
        await assert.rejects(client.request(proto.datasetCheck, { folder, path: 'bad.csv', axes: 0 }), (e: unknown) => isRpcError(e) && e.code === proto.errorCodes.InvalidParams);
    });

    let benchmark = 0;
    it('benchmarks with $/progress begin, reports and end', async () => {
        const token = 'unit-benchmark-1';
        const values: proto.BenchmarkProgressValue[] = [];
        const ended = new Promise<void>((resolve) => {
            client.onProgress(token, (v) => {
                values.push(v);
                if (v.kind === 'end') resolve();
            });
        });
        const started = await client.request(proto.benchmarkStart, {
            folder,
            groups: [{ regular: 'signals/regular/regular.csv', abnormal: 'signals/abnormal/abnormal.csv' }],
            workDoneToken: token,
            spaceLimit: 120,
            maxSplits: 3,
            seed: 1,
            jobs: 1,
        });
        benchmark = started.benchmark;
        await ended;
        assert.equal(values[0]?.kind, 'begin');
        const last = values[values.length - 1];
        assert.ok(last?.kind === 'end' && last.state === 'finished', JSON.stringify(last));
        const increments = new ProgressIncrements();
        let sum = 0;
        for (const v of values) sum += increments.next(v.kind === 'end' ? 100 : v.percentage);
        assert.equal(Math.round(sum), 100);
        for (const v of values) assert.ok(progressMessage(v).length > 0);
    });

    it('shows a finished benchmark as verdicts per line', async () => {
        const result = await client.request(proto.benchmarkResult, { folder, benchmark });
        const files = verdictsFromBenchmark(result, folder);
        assert.equal(files.length, 2);
        for (const f of files) {
            assert.ok(f.file.startsWith(path.join(folder, 'signals')), f.file);
            assert.match(summaryText(f), new RegExp(`^benchmark ${String(benchmark)}: \\d+\\.\\d % balanced accuracy — \\d+ of \\d+ lines? below 90 %$`));
        }
        const regular = files.find((f) => f.file.endsWith('regular.csv'));
        assert.ok(regular && regular.learned.length > 0, 'the learned lines of split 0');
        const listed = await client.request(proto.benchmarkList, { folder });
        assert.deepEqual(listed.benchmarks.map((b) => [b.id, b.state, b.live]), [[benchmark, 'finished', false]]);
    });

    it('runs the emulator on a file', async () => {
        const opened = await client.request(proto.emulatorOpen, { folder });
        try {
            const learned = await client.request(proto.emulatorLearn, { session: opened.session, path: 'signals/regular/regular.csv' });
            assert.ok(learned.ready);
            const detected = await client.request(proto.emulatorDetect, { session: opened.session, path: 'signals/abnormal/abnormal.csv' });
            const v = verdictsFromDetection(detected, { kind: 'emulator', library: opened.origin, folder });
            assert.deepEqual(countVerdicts(v), { detected: 60, anomalies: detected.anomalies, nominal: detected.nominal, learned: 0 });
            assert.match(summaryText(v), new RegExp(`^emulator \\(benchmark ${String(benchmark)}\\): \\d+ of 60 lines below 90 %$`));
        } finally {
            await client.request(proto.emulatorClose, { session: opened.session });
        }
    });

    it('stops a running benchmark (the progress notification Cancel)', async () => {
        const token = 'unit-benchmark-2';
        let end: proto.BenchmarkProgressValue | undefined;
        const ended = new Promise<void>((resolve) => {
            client.onProgress(token, (v) => {
                if (v.kind === 'end') {
                    end = v;
                    resolve();
                }
            });
        });
        const started = await client.request(proto.benchmarkStart, {
            folder,
            groups: [{ regular: 'signals/regular/regular.csv', abnormal: 'signals/abnormal/abnormal.csv' }],
            workDoneToken: token,
            maxSplits: 9,
            seed: 2,
            jobs: 1,
        });
        const stopped = await client.request(proto.benchmarkStop, { folder, benchmark: started.benchmark });
        await ended;
        // A benchmark this small may finish before the stop reaches it.
        assert.ok(end?.kind === 'end' && (end.state === 'stopped' || (end.state === 'finished' && !stopped.stopping)), JSON.stringify([stopped, end]));
    });

    it('cancels a request with $/cancelRequest (the answer may win the race)', async () => {
        const source = new CancellationTokenSource();
        const pending = client.request(proto.datasetCheck, { folder, path: 'signals/regular/regular.csv', axes: 3 }, source.token);
        source.cancel();
        try {
            const report = await pending;
            assert.equal(report.signals, 60);
        } catch (e) {
            assert.ok(isCancelled(e), String(e));
        }
    });

    it('shuts down: the daemon exits and the close is expected', async () => {
        await client.shutdown();
        await new Promise((r) => setTimeout(r, 50));
        assert.ok(closed?.expected, JSON.stringify(closed));
        assert.match(closed.reason, /^vigild exited$/);
        assert.throws(() => client.request0(proto.boardList), ClientError);
    });
});

describe('the client against the real vigild (WebSocket)', { skip: needsDaemon }, () => {
    const log = memoryLog();
    let dir: string;
    let daemon: ReturnType<typeof spawn>;
    let url = '';
    const token = 'a'.repeat(64);

    before(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'vigil-ws-'));
        const tokenFile = path.join(dir, 'token');
        writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
        daemon = spawn(vigildPath ?? 'vigild', ['--listen', '127.0.0.1:0', '--token-file', tokenFile], { stdio: ['ignore', 'ignore', 'pipe'] });
        url = await new Promise<string>((resolve, reject) => {
            let err = '';
            daemon.stderr?.setEncoding('utf8');
            daemon.stderr?.on('data', (chunk: string) => {
                err += chunk;
                const m = /listening on (ws:\/\/\S+)/.exec(err);
                if (m?.[1]) resolve(m[1]);
            });
            daemon.once('exit', (code) => {
                reject(new Error(`vigild --listen exited (${String(code)}): ${err}`));
            });
        });
    });
    after(() => {
        daemon.kill('SIGTERM');
        rmSync(dir, { recursive: true, force: true });
    });

    it('connects with the token and speaks the same protocol (traced)', async () => {
        const transport = await connectWebSocket({ url, token, log });
        const client = await Client.start(transport, { ...clientOptions(log), trace: 'verbose' });
        assert.equal(client.info.capabilities.transport, 'websocket');
        assert.ok(log.lines.some((l) => l.startsWith("trace Sending request 'initialize")), log.lines.slice(0, 5).join('\n'));
        assert.ok(log.lines.some((l) => l.startsWith("trace Received response 'initialize") && l.includes('protocolVersion')), 'verbose traces carry the content');
        const boards = await client.request0(proto.boardList);
        assert.ok(Array.isArray(boards.boards));
        await client.shutdown();
        assert.ok(client.isClosed);
    });

    it('says why a wrong token is refused', async () => {
        await assert.rejects(connectWebSocket({ url, token: 'wrong', log }), /refused the connection: HTTP 401 \(.*wrong token/);
    });
});

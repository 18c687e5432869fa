import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { findServer, probeBinary, type Probe } from '../../src/bootstrap';
import { notFoundMessage, parseVersion, serverCandidates, type DiscoveryInput } from '../../src/model/discovery';
import { needsDaemon, vigildPath } from './helpers';

const base: DiscoveryInput = { settingPath: undefined, extensionPath: '/ext', pathEnv: '/usr/local/bin:/usr/bin::/usr/bin', platform: 'linux' };

describe('server discovery order', () => {
    it('tries the bundled daemon, then every PATH entry once', () => {
        assert.deepEqual(serverCandidates(base), [
            { path: '/ext/server/vigild', source: 'bundled' },
            { path: '/usr/local/bin/vigild', source: 'path' },
            { path: '/usr/bin/vigild', source: 'path' },
        ]);
    });
    it('uses only vigil.serverPath when it is set', () => {
        assert.deepEqual(serverCandidates({ ...base, settingPath: '/opt/vigil/bin/vigild' }), [{ path: '/opt/vigil/bin/vigild', source: 'setting' }]);
    });
    it('looks a bare vigil.serverPath name up in PATH', () => {
        assert.deepEqual(serverCandidates({ ...base, settingPath: 'vigild-dev' }), [
            { path: '/usr/local/bin/vigild-dev', source: 'setting' },
            { path: '/usr/bin/vigild-dev', source: 'setting' },
        ]);
    });
    it('knows Windows paths', () => {
        const c = serverCandidates({ settingPath: '', extensionPath: 'C:\\ext', pathEnv: 'C:\\bin;D:\\tools', platform: 'win32' });
        assert.deepEqual(c.map((x) => x.path), ['C:\\ext\\server\\vigild.exe', 'C:\\bin\\vigild.exe', 'D:\\tools\\vigild.exe']);
    });
    it('reads vigild --version', () => {
        assert.deepEqual(parseVersion('vigild 0.1.0\n'), { name: 'vigild', version: '0.1.0', major: 0, minor: 1, patch: 0 });
        assert.equal(parseVersion('vigild 1.2.3-dev+abc')?.version, '1.2.3-dev+abc');
        assert.equal(parseVersion('clangd version 17.0.0'), undefined);
        assert.equal(parseVersion(''), undefined);
    });
    it('names the setting when nothing is found', () => {
        const missing = notFoundMessage(base, []);
        assert.match(missing, /vigil\.serverPath/);
        assert.match(missing, /vigil\.serverUrl/);
        const set = { ...base, settingPath: '/nope/vigild' };
        assert.match(notFoundMessage(set, [{ candidate: { path: '/nope/vigild', source: 'setting' }, problem: 'not found' }]), /^The Vigil daemon set in vigil\.serverPath cannot be used: \/nope\/vigild does not exist/);
        const bare = { ...base, settingPath: 'vigild-dev' };
        assert.match(notFoundMessage(bare, []), /'vigild-dev' is not in PATH/);
    });
});

describe('bootstrap', () => {
    const fake = (answers: Record<string, Probe>) => (p: string) => Promise.resolve(answers[p] ?? ({ ok: false, problem: 'not found' } as const));
    const v = parseVersion('vigild 0.1.0');
    assert.ok(v);

    it('takes the first candidate that answers --version', async () => {
        const found = await findServer(base, fake({ '/usr/bin/vigild': { ok: true, version: v } }));
        assert.deepEqual(found, { path: '/usr/bin/vigild', source: 'path', version: v });
    });
    it('prefers the bundled daemon to PATH', async () => {
        const found = await findServer(base, fake({ '/ext/server/vigild': { ok: true, version: v }, '/usr/bin/vigild': { ok: true, version: v } }));
        assert.equal(found.source, 'bundled');
    });
    it('reports a broken vigil.serverPath instead of falling back', async () => {
        await assert.rejects(
            findServer({ ...base, settingPath: '/opt/vigild' }, fake({ '/opt/vigild': { ok: false, problem: 'is not executable (chmod +x)' }, '/usr/bin/vigild': { ok: true, version: v } })),
            /vigil\.serverPath cannot be used: \/opt\/vigild is not executable/,
        );
    });
    it('lists foreign binaries it skipped', async () => {
        await assert.rejects(findServer(base, fake({ '/usr/bin/vigild': { ok: false, problem: 'does not look like vigild' } })), /\/usr\/bin\/vigild: does not look like vigild/);
    });

    it('probes real files', async () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'vigil-probe-'));
        const script = (name: string, body: string, mode = 0o755) => {
            const p = path.join(dir, name);
            writeFileSync(p, `#!/bin/sh\n${body}\n`);
            chmodSync(p, mode);
            return p;
        };
        const good = await probeBinary(script('good', 'echo "vigild 9.8.7"'));
        assert.deepEqual(good.ok && good.version.version, '9.8.7');
        const foreign = await probeBinary(script('foreign', 'echo "hello"'));
        assert.ok(!foreign.ok && /does not look like vigild/.test(foreign.problem));
        const failing = await probeBinary(script('failing', 'echo "boom" >&2; exit 3'));
        assert.ok(!failing.ok && /--version` failed: boom/.test(failing.problem));
        const notExec = await probeBinary(script('plain', 'echo "vigild 1.0.0"', 0o644));
        assert.ok(!notExec.ok && /not executable/.test(notExec.problem));
        assert.deepEqual(await probeBinary(path.join(dir, 'missing')), { ok: false, problem: 'not found' });
        mkdirSync(path.join(dir, 'folder'));
        const folder = await probeBinary(path.join(dir, 'folder'));
        assert.ok(!folder.ok && /folder/.test(folder.problem));
    });

    it('accepts the real vigild', { skip: needsDaemon }, async () => {
        const found = await findServer({ ...base, settingPath: vigildPath, pathEnv: '' });
        assert.equal(found.source, 'setting');
        assert.equal(found.version.name, 'vigild');
    });
});

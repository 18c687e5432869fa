import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { commandLink, statusView } from '../../src/model/status';

describe('status bar', () => {
    it('shows the daemon state', () => {
        const running = statusView({ state: 'running', server: 'vigild 0.1.0 over stdio (pid 7)', benchmarks: [] });
        assert.equal(running.text, '$(pulse) Vigil');
        assert.equal(running.severity, 'normal');
        assert.match(running.tooltip, /vigild 0\\\.1\\\.0 over stdio \\\(pid 7\\\)/);
        assert.match(running.tooltip, /\[Restart daemon\]\(command:vigil\.restartServer\)/);
        const failed = statusView({ state: 'failed', problem: 'vigild was not found', benchmarks: [] });
        assert.equal(failed.text, '$(error) Vigil');
        assert.equal(failed.severity, 'error');
        assert.match(failed.tooltip, /not running: vigild was not found/);
        assert.equal(statusView({ state: 'starting', benchmarks: [] }).text, '$(loading~spin) Vigil');
    });
    it('shows a running benchmark percentage with a stop link', () => {
        const v = statusView({
            state: 'running',
            benchmarks: [{ folder: '/home/ana/fan', folderName: 'fan', benchmark: 3, percentage: 41.7, message: 'stage 1/3' }],
        });
        assert.equal(v.text, '$(sync~spin) Vigil: benchmark 3 42 %');
        const args = encodeURIComponent(JSON.stringify([{ folder: '/home/ana/fan', benchmark: 3 }]));
        assert.ok(v.tooltip.includes(`[Stop](command:vigil.benchmark.stop?${args})`));
        const two = statusView({
            state: 'running',
            benchmarks: [
                { folder: '/a', folderName: 'a', benchmark: 1, percentage: 10, message: undefined },
                { folder: '/b', folderName: 'b', benchmark: 2, percentage: undefined, message: undefined },
            ],
        });
        assert.equal(two.text, '$(sync~spin) Vigil: 2 benchmarks');
    });
    it('encodes command links', () => {
        assert.equal(commandLink('Go', 'x.y'), '[Go](command:x.y)');
        assert.equal(commandLink('Go', 'x.y', ['a b']), '[Go](command:x.y?%5B%22a%20b%22%5D)');
    });
});

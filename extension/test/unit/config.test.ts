import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { expandVariables, positiveInteger, positiveNumber, traceLevel } from '../../src/model/config';
import { RestartPolicy } from '../../src/model/restart';

describe('settings', () => {
    const vars = { workspaceFolder: '/ws', userHome: '/home/ana', env: { VIGIL_HOME: '/opt/vigil' } };
    it('expands variables in paths', () => {
        assert.equal(expandVariables('${workspaceFolder}/build/release/backend/vigild', vars), '/ws/build/release/backend/vigild');
        assert.equal(expandVariables('~/bin/vigild', vars), '/home/ana/bin/vigild');
        assert.equal(expandVariables('${userHome}/x', vars), '/home/ana/x');
        assert.equal(expandVariables('${env:VIGIL_HOME}/vigild', vars), '/opt/vigil/vigild');
        assert.equal(expandVariables('${env:MISSING}vigild', vars), 'vigild');
        assert.equal(expandVariables('${unknown}', vars), '${unknown}');
        assert.equal(expandVariables('${workspaceFolder}', { ...vars, workspaceFolder: undefined }), '${workspaceFolder}');
    });
    it('reads numbers and the trace level', () => {
        assert.equal(positiveInteger(4), 4);
        assert.equal(positiveInteger(0), undefined);
        assert.equal(positiveInteger(2.5), undefined);
        assert.equal(positiveInteger(null), undefined);
        assert.equal(positiveNumber(0.5), 0.5);
        assert.equal(positiveNumber(0), undefined);
        assert.equal(traceLevel('verbose'), 'verbose');
        assert.equal(traceLevel('loud'), 'off');
    });
});

describe('crash restarts', () => {
    it('restarts up to the limit within the window, then gives up', () => {
        const p = new RestartPolicy({ maxRestarts: 2, windowMs: 1000 });
        assert.equal(p.onCrash(0), 'restart');
        assert.equal(p.onCrash(100), 'restart');
        assert.equal(p.onCrash(200), 'give-up');
        assert.equal(p.onCrash(5000), 'restart', 'old crashes are forgotten');
        p.reset();
        assert.equal(p.onCrash(5001), 'restart');
        assert.equal(p.onCrash(5002), 'restart');
    });
});

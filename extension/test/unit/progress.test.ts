import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { bestSummary, endMessage, makeToken, ProgressIncrements, progressMessage, progressTitle, shortStatus } from '../../src/model/progress';
import type { BenchmarkProgressValue } from '../../src/protocol.generated';

const common = { benchmark: 3, evaluated: 120, planned: 400, stage: 1, stages: 3, jobs: 2, elapsedS: 4, candidatesPerSecond: 30 };
const begin: BenchmarkProgressValue = { ...common, kind: 'begin', title: 'Benchmark 3', cancellable: true, message: 'stage 1/3: 0 of 400 evaluations, 0/s', state: 'running', percentage: 0, etaS: null, best: null };
const report: BenchmarkProgressValue = {
    ...common,
    kind: 'report',
    message: 'stage 1/3: 120 of 400 evaluations, 30/s',
    state: 'running',
    percentage: 30,
    etaS: 95,
    best: { key: 'k', summary: 's', stage: 1, balancedAccuracy: 0.974, confidence: 88.4, ramBytes: 2150, flashBytes: 9000 },
};
const end: BenchmarkProgressValue = { kind: 'end', benchmark: 3, state: 'stopped', message: 'stopped: 120 of 400 evaluations' };

describe('progress', () => {
    it('turns percentages into increments', () => {
        const inc = new ProgressIncrements();
        assert.equal(inc.next(0), 0);
        assert.equal(inc.next(30), 30);
        assert.equal(inc.next(30), 0);
        assert.equal(inc.next(25), 0, 'never backwards');
        assert.equal(inc.next(55.5), 25.5);
        assert.equal(inc.next(150), 44.5, 'clamped at 100');
        assert.equal(inc.next(undefined), 0);
        assert.equal(inc.total, 100);
    });
    it('writes the notification message from the daemon figures', () => {
        assert.equal(progressMessage(begin), 'stage 1/3: 0 of 400 evaluations, 0/s');
        assert.equal(
            progressMessage(report),
            'stage 1/3: 120 of 400 evaluations, 30/s — best 97.4 % balanced accuracy, confidence 88, 2.1 kB RAM — about 1 min 35 s left',
        );
        assert.equal(progressMessage(end), 'stopped: 120 of 400 evaluations');
        assert.equal(bestSummary(null), undefined);
    });
    it('titles and short status', () => {
        assert.equal(progressTitle(begin, 'fan'), 'Benchmark 3 (fan)');
        assert.equal(progressTitle(report), 'Benchmark 3');
        assert.equal(shortStatus(report), 'benchmark 3 30 %');
        assert.equal(shortStatus(end), 'benchmark 3 stopped');
    });
    it('says how a benchmark ended', () => {
        assert.match(endMessage(end), /^Benchmark 3 stopped \(checkpointed: resume it any time\)/);
        assert.equal(endMessage({ kind: 'end', benchmark: 4, state: 'failed', message: 'failed: disk full' }), 'Benchmark 4 failed: disk full');
        assert.equal(endMessage({ kind: 'end', benchmark: 5, state: 'finished', message: 'finished: 400 of 400 evaluations' }), 'Benchmark 5 finished: 400 of 400 evaluations.');
        assert.equal(endMessage({ kind: 'end', benchmark: 6, state: 'failed', message: 'the disk is full' }), 'Benchmark 6 failed: the disk is full');
    });
    it('makes distinct tokens', () => {
        let seed = 0;
        const random = () => (seed = (seed + 0.37) % 1);
        const a = makeToken('t', 1, random);
        const b = makeToken('t', 2, random);
        assert.notEqual(a, b);
        assert.match(a, /^t-1-[0-9a-f]{8}$/);
    });
});

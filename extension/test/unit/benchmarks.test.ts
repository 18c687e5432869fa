import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { benchmarkActions, benchmarkContext, benchmarkDescription, benchmarkTooltip, libraryDescription } from '../../src/model/benchmarks';
import type { BenchmarkSummary, LibraryRecord } from '../../src/protocol.generated';

const indicators = { balanced_accuracy: 0.974, confidence: 90, tnr: 1, tpr: 1, splits: 9, ram_bytes: 2150, flash_bytes: 9000, instructions_per_detect: 1, failed: false };
const summary = (over: Partial<BenchmarkSummary>): BenchmarkSummary => ({
    id: 3,
    created_at: '2026-11-30T02:19:55Z',
    state: 'finished',
    seed: 1,
    inputs: [{ regular: { path: '/p/regular.csv', sha256: 'a'.repeat(64) }, abnormal: { path: '/p/abnormal.csv', sha256: 'b'.repeat(64) } }],
    best: { summary: 'fft + gmm', key: 'k', indicators },
    live: false,
    ...over,
});

describe('benchmarks in the view', () => {
    it('offers what the state allows', () => {
        assert.deepEqual(benchmarkActions(summary({})), ['results', 'compile']);
        assert.deepEqual(benchmarkActions(summary({ state: 'running', live: true, best: null })), ['stop']);
        assert.deepEqual(benchmarkActions(summary({ state: 'running', live: false, best: null })), ['resume'], 'a killed daemon left it running: resume');
        assert.deepEqual(benchmarkActions(summary({ state: 'stopped' })), ['resume', 'results', 'compile']);
        assert.deepEqual(benchmarkActions(summary({ state: 'failed', best: null })), ['resume']);
        assert.equal(benchmarkContext(summary({ state: 'stopped' })), 'benchmark resume results compile');
    });
    it('describes them', () => {
        assert.equal(benchmarkDescription(summary({})), 'finished · 97.4 % · 2.1 kB RAM');
        assert.equal(benchmarkDescription(summary({ state: 'running', live: false, best: null })), 'interrupted');
        assert.equal(benchmarkDescription(summary({ state: 'running', live: true, best: null })), 'running');
        assert.equal(
            benchmarkDescription(summary({ state: 'running', live: true, best: null }), {
                kind: 'report', message: 'm', benchmark: 3, state: 'running', evaluated: 1, planned: 4, stage: 1, stages: 3, jobs: 1, elapsedS: 1, candidatesPerSecond: 1, etaS: null, best: null, percentage: 25,
            }),
            'running 25 %',
        );
        const tip = benchmarkTooltip(summary({ elapsed_s: 185, jobs: 2 }));
        assert.match(tip, /1 group: regular\.csv \/ abnormal\.csv/);
        assert.match(tip, /took 3 min 05 s on 2 threads/);
    });
    it('describes libraries', () => {
        const lib = { id: 1, library: 'vigil-x', created_at: '', core: 'cortex-m4', float_abi: 'hard', benchmark: 3, recipe_id: 'x', recipe_summary: 's', ram_bytes: 2048, flash_bytes: null, path: '/p/.vigil/libraries/x.zip', sha256: 'c'.repeat(64) } satisfies LibraryRecord;
        assert.equal(libraryDescription(lib), 'hard float · 2 kB RAM · ? flash');
    });
});

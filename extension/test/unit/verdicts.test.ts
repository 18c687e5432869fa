import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { countVerdicts, findLine, hoverMarkdown, summaryDetail, summaryText, verdictsFromBenchmark, verdictsFromDetection } from '../../src/model/verdicts';
import type { BenchmarkResult, EmulatorDetectResult } from '../../src/protocol.generated';

const indicators = { balanced_accuracy: 0.974, confidence: 90, tnr: 0.98, tpr: 0.97, splits: 9, ram_bytes: 2048, flash_bytes: 8000, instructions_per_detect: 1000, failed: false };

/** 400 detected lines of regular.csv, 12 below the threshold; 50 learned; 30 abnormal lines. */
function result(): BenchmarkResult {
    const signals: NonNullable<BenchmarkResult['similarities']>['signals'] = [];
    for (let line = 51; line <= 450; ++line) signals.push({ file: '/p/regular.csv', line, group: 0, abnormal: false, similarity: line <= 62 ? 42.5 : 97, status: line <= 62 ? 'anomaly' : 'nominal' });
    for (let line = 1; line <= 30; ++line) signals.push({ file: '/p/abnormal.csv', line, group: 0, abnormal: true, similarity: line === 1 ? 90 : 10, status: line === 1 ? 'nominal' : 'anomaly' });
    return {
        benchmark: 3,
        state: 'finished',
        seed: 1,
        jobs: 2,
        elapsed_s: 10,
        candidates_per_s: 100,
        counts: { space: 1, filtered_by_ram: 0, filtered_by_flash: 0, candidates: 1, evaluated: 1, evaluated_this_session: 1, stages: [] },
        top: [],
        evolution: [],
        best: { key: 'k', summary: 'fft + gmm', recipe: {} as never, indicators, candidate_key: 'k', stage: 2, selection_indicators: indicators },
        similarities: { split: 0, threshold: 90, learned: [{ group: 0, file: '/p/regular.csv', lines: Array.from({ length: 50 }, (_, i) => 50 - i) }], signals: signals.reverse() },
        learning_curve: null,
        held_out: null,
    } as BenchmarkResult;
}

describe('verdicts', () => {
    it('reads a benchmark result per file, sorted, learned lines apart', () => {
        const files = verdictsFromBenchmark(result(), '/p');
        assert.deepEqual(files.map((f) => f.file).sort(), ['/p/abnormal.csv', '/p/regular.csv']);
        const regular = files.find((f) => f.file === '/p/regular.csv');
        assert.ok(regular);
        assert.equal(regular.lines[0]?.line, 51);
        assert.equal(regular.learned.length, 50);
        assert.equal(regular.learned[0], 1);
        assert.deepEqual(countVerdicts(regular), { detected: 400, anomalies: 12, nominal: 388, learned: 50 });
        const abnormal = files.find((f) => f.file === '/p/abnormal.csv');
        assert.ok(abnormal);
        assert.equal(findLine(abnormal, 1)?.status, 'nominal', 'at the threshold is nominal (anomaly: below it)');
        assert.equal(findLine(abnormal, 2)?.status, 'anomaly');
    });
    it('summarises a file in the CodeLens sentence', () => {
        const regular = verdictsFromBenchmark(result(), '/p').find((f) => f.file === '/p/regular.csv');
        assert.ok(regular);
        assert.equal(summaryText(regular), 'benchmark 3: 97.4 % balanced accuracy — 12 of 400 lines below 90 %');
        assert.match(summaryDetail(regular), /12 anomalies, 388 nominal; 50 lines learned/);
    });
    it('hovers a line with its similarity and what the file expects', () => {
        const files = verdictsFromBenchmark(result(), '/p');
        const regular = files.find((f) => f.file === '/p/regular.csv');
        assert.ok(regular);
        const hover = hoverMarkdown(regular, 55);
        assert.ok(hover);
        assert.match(hover, /benchmark 3 · line 55/);
        assert.match(hover, /similarity 42\.5 \/ 100 → \*\*anomaly\*\* \(threshold 90\)/);
        assert.match(hover, /regular file: expected nominal/);
        assert.match(hoverMarkdown(regular, 100) ?? '', /regular file: as expected/);
        assert.match(hoverMarkdown(regular, 7) ?? '', /Learned by the library/);
        assert.equal(hoverMarkdown(regular, 10_000), undefined);
    });
    it('reads an emulator detect', () => {
        const detect: EmulatorDetectResult = {
            source: '/p/abnormal.csv',
            results: [
                { line: 3, similarity: 12, exact: 12.3, status: 'anomaly' },
                { line: 1, similarity: 95, exact: 95.1, status: 'nominal' },
            ],
            nominal: 1,
            anomalies: 1,
        };
        const v = verdictsFromDetection(detect, { kind: 'emulator', library: 'benchmark 3', folder: '/p' });
        assert.deepEqual(v.lines.map((l) => l.line), [1, 3]);
        assert.equal(summaryText(v), 'emulator (benchmark 3): 1 of 2 lines below 90 %');
        assert.match(hoverMarkdown(v, 3) ?? '', /similarity 12 \(12\.3\) \/ 100 → \*\*anomaly\*\*/);
        assert.doesNotMatch(hoverMarkdown(v, 3) ?? '', /file:/);
    });
    it('has no verdicts without similarities', () => {
        assert.deepEqual(verdictsFromBenchmark({ ...result(), similarities: null }, '/p'), []);
    });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { formatBytes, formatCount, formatDuration, formatPercentage, formatRatio, joinWords, plural, trimNumber } from '../../src/model/format';

describe('format', () => {
    it('shows ratios and percentages', () => {
        assert.equal(formatRatio(0.9742), '97.4 %');
        assert.equal(formatRatio(1), '100.0 %');
        assert.equal(formatPercentage(41.6), '42 %');
    });
    it('shows bytes in the engine kB (1024)', () => {
        assert.equal(formatBytes(900), '900 B');
        assert.equal(formatBytes(2150), '2.1 kB');
        assert.equal(formatBytes(16 * 1024), '16 kB');
        assert.equal(formatBytes(3 * 1024 * 1024), '3 MB');
        assert.equal(formatBytes(null), '?');
    });
    it('shows durations', () => {
        assert.equal(formatDuration(0.42), '0.4 s');
        assert.equal(formatDuration(42), '42 s');
        assert.equal(formatDuration(185), '3 min 05 s');
        assert.equal(formatDuration(2 * 3600 + 7 * 60), '2 h 07 min');
        assert.equal(formatDuration(null), '?');
    });
    it('groups thousands and pluralises', () => {
        assert.equal(formatCount(1234567), '1,234,567');
        assert.equal(formatCount(12), '12');
        assert.equal(plural(1, 'signal'), '1 signal');
        assert.equal(plural(2400, 'signal'), '2,400 signals');
        assert.equal(plural(3, 'axis', 'axes'), '3 axes');
        assert.equal(trimNumber(2.1, 2), '2.1');
        assert.equal(joinWords(['a', 'b', 'c']), 'a, b and c');
        assert.equal(joinWords(['a']), 'a');
    });
});

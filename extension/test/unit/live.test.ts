import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { appendCapped, historyKey } from '../../src/model/live';

describe('live history', () => {
    it('keeps everything under the cap', () => {
        const list: number[] = [];
        for (let i = 0; i < 10; ++i) appendCapped(list, i, 10);
        assert.deepEqual(list, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
    it('thins past the cap, keeping the first and the newest', () => {
        const list: number[] = [];
        for (let i = 0; i < 1000; ++i) appendCapped(list, i, 100);
        assert.ok(list.length <= 100, String(list.length));
        assert.ok(list.length >= 50, String(list.length));
        assert.equal(list[0], 0);
        assert.equal(list.at(-1), 999);
        for (let i = 1; i < list.length; ++i) assert.ok((list[i] ?? 0) > (list[i - 1] ?? 0), 'in order');
    });
    it('keys by folder and benchmark', () => {
        assert.notEqual(historyKey('/a', 1), historyKey('/a', 2));
        assert.notEqual(historyKey('/a1', 1), historyKey('/a', 11));
    });
});

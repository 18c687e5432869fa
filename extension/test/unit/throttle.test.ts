import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { throttle } from '../../src/model/throttle';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('throttle', () => {
    it('runs at once, then at most once per interval, keeping the last call', async () => {
        let calls = 0;
        const t = throttle(() => ++calls, 60);
        t();
        assert.equal(calls, 1);
        t();
        t();
        t();
        assert.equal(calls, 1);
        await sleep(90);
        assert.equal(calls, 2, 'the calls made during the interval became one, after it');
        await sleep(90);
        assert.equal(calls, 2, 'nothing more without a call');
        t();
        assert.equal(calls, 3);
    });
    it('cancel drops the pending call', async () => {
        let calls = 0;
        const t = throttle(() => ++calls, 30);
        t();
        t();
        t.cancel();
        await sleep(60);
        assert.equal(calls, 1);
    });
    it('keeps refreshing a view fed faster than VS Code\'s 200 ms debounce', () => {
        let clock = 0;
        let calls = 0;
        const t = throttle(() => ++calls, 500, () => clock);
        // Values every 100 ms for 3 s: calls happen at 0, and then the timer would fire; with a fake
        // clock, only the immediate ones count: one per 500 ms when the caller arrives late enough.
        for (clock = 0; clock <= 3000; clock += 100) {
            t.cancel();
            t();
        }
        assert.equal(calls, 7);
    });
});

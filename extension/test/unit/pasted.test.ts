import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseSensitivity, parseSignalsText } from '../../src/model/pasted';

describe('pasted signals', () => {
    it('reads one signal per line, numbers separated by spaces, tabs, commas or semicolons', () => {
        assert.deepEqual(parseSignalsText('1 2 3\n\n4,5,6\r\n-7;\t8e-1  +.5\n'), { signals: [[1, 2, 3], [4, 5, 6], [-7, 0.8, 0.5]] });
    });
    it('names the line and the value that is not a number', () => {
        assert.deepEqual(parseSignalsText('1 2 3\n4 x5 6'), { error: "line 2, value 2: 'x5' is not a number" });
        assert.deepEqual(parseSignalsText('1 NaN'), { error: "line 1, value 2: 'NaN' is not a number" });
        assert.deepEqual(parseSignalsText('1 Infinity'), { error: "line 1, value 2: 'Infinity' is not a number" });
    });
    it('refuses an empty paste', () => {
        assert.ok('error' in parseSignalsText(' \n\n'));
    });
    it('reads a sensitivity', () => {
        assert.equal(parseSensitivity(' 1.5 '), 1.5);
        assert.equal(parseSensitivity('0'), 0);
        assert.equal(parseSensitivity('-1'), undefined);
        assert.equal(parseSensitivity('abc'), undefined);
        assert.equal(parseSensitivity(''), undefined);
    });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { byteColumnToCharacter, issueMessage, issueRange, lineEnd, relatedLines, tokenEnd } from '../../src/model/issues';
import type { Issue } from '../../src/protocol.generated';

const issue = (over: Partial<Issue>): Issue => ({ kind: 'non_numeric', severity: 'error', message: "'x' is not a number", hint: 'remove it', file: 'f.csv', line: 2, column: 3, lines: [], ...over });

describe('issue positions', () => {
    it('converts byte columns to UTF-16 offsets', () => {
        assert.equal(byteColumnToCharacter('1 2 x', 5), 4);
        // "é" is 2 bytes, "€" 3, "𝄞" 4 bytes and 2 UTF-16 units.
        assert.equal(byteColumnToCharacter('é x', 4), 2);
        assert.equal(byteColumnToCharacter('€;x', 5), 2);
        assert.equal(byteColumnToCharacter('𝄞 x', 6), 3);
    });
    it('underlines the token', () => {
        assert.equal(tokenEnd('1 abc 3', 2), 5);
        assert.equal(tokenEnd('1,,3', 2), 3, 'a separator itself is one character');
        assert.equal(tokenEnd('12', 2), 3);
    });
    it('places an issue with the line text', () => {
        const lines = ['1 2 3', '4 5 x6 7'];
        assert.deepEqual(issueRange(issue({ line: 2, column: 5 }), (l) => lines[l]), { line: 1, start: 4, end: 6 });
    });
    it('places an issue without the line text', () => {
        assert.deepEqual(issueRange(issue({ line: 2, column: 5 })), { line: 1, start: 4, end: 5 });
    });
    it('marks whole lines and whole files', () => {
        assert.deepEqual(issueRange(issue({ line: 4, column: null })), { line: 3, start: 0, end: lineEnd });
        assert.deepEqual(issueRange(issue({ line: 4, column: null }), () => 'abc'), { line: 3, start: 0, end: 3 });
        assert.deepEqual(issueRange(issue({ line: null, column: null })), { line: 0, start: 0, end: lineEnd });
        // A warning without a position sits on its first (worst) line.
        assert.deepEqual(issueRange(issue({ severity: 'warning', line: null, column: null, lines: [112, 118] })), { line: 111, start: 0, end: lineEnd });
    });
    it('lists the lines of a warning', () => {
        const w = issue({ severity: 'warning', kind: 'duplicate_signals', message: '2 lines repeat earlier ones', hint: '', line: null, column: null, lines: [112, 1180] });
        assert.equal(issueMessage(w), '2 lines repeat earlier ones\nlines: 112, 1180');
        assert.deepEqual(relatedLines(w), [1180]);
        assert.equal(issueMessage(issue({})), "'x' is not a number\nhint: remove it");
    });
});

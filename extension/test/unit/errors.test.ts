import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { errorActions, errorField, errorLocation, errorReport, errorText, findSettingKey, isCancelled, isRpcError } from '../../src/model/errors';
import { errorCodes } from '../../src/protocol.generated';

describe('daemon errors', () => {
    const refused = { code: errorCodes.Refused, message: '/p/a.csv:2:3: error: x', data: { file: '/p/a.csv', line: 2, column: 3, kind: 'non_numeric', report: { file: '/p/a.csv' } } };
    it('recognises JSON-RPC errors and cancellation', () => {
        assert.ok(isRpcError(refused));
        assert.ok(!isRpcError(new Error('x')));
        assert.ok(isCancelled({ code: -32800, message: 'request cancelled' }));
        assert.ok(!isCancelled(refused));
        assert.equal(errorText(new Error('boom')), 'boom');
        assert.equal(errorText(refused), '/p/a.csv:2:3: error: x');
    });
    it('reads where a refused file is', () => {
        assert.deepEqual(errorLocation(refused), { file: '/p/a.csv', line: 2, column: 3, kind: 'non_numeric' });
        assert.deepEqual(errorLocation({ code: -32001, message: 'm', data: { file: '/p/x', line: null, column: 0 } }), { file: '/p/x', line: null, column: null });
        assert.equal(errorLocation({ code: -32602, message: 'm', data: { parameter: 'axes' } }), undefined);
        assert.deepEqual(errorReport(refused), { file: '/p/a.csv' });
        assert.deepEqual(errorActions(refused), ['show-problem']);
        assert.deepEqual(errorActions({ code: errorCodes.ToolMissing, message: 'arm-none-eabi-gcc not found' }), ['show-log']);
    });
    it('finds a refused vigil.json field', () => {
        const e = { code: -32001, message: 'vigil.json: sensor.axes: must be...', data: { file: '/p/vigil.json', field: 'sensor.axes' } };
        assert.deepEqual(errorField(e), { file: '/p/vigil.json', field: 'sensor.axes' });
        const text = '{\n  "name": "fan",\n  "axes": 1,\n  "sensor": { "type": "accelerometer", "axes": 40 }\n}\n';
        const at = findSettingKey(text, 'sensor.axes');
        assert.ok(at);
        assert.equal(text.slice(at.offset, at.offset + at.length), '"axes"');
        assert.ok(at.offset > text.indexOf('"sensor"'), 'the key inside sensor, not the top-level one');
        assert.equal(findSettingKey(text, 'nothing'), undefined);
    });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createParams, parseNumber, rangeFromSchema, settingsFromAnswers, validateAnswers, validateName, validateNumber, validateOptionalNumber, wizardLimits, type WizardAnswers } from '../../src/model/wizard';
import { componentSchemas, coreValues, sensorTypeValues } from '../../src/protocol.generated';

const answers: WizardAnswers = { name: ' fan ', description: '', core: 'cortex-m4', maxRamKb: '16', sensorType: 'accelerometer', axes: '', samplingRateHz: '' };

describe('new-project wizard', () => {
    const limits = wizardLimits(componentSchemas.SettingsInput);

    it('takes its limits from the OpenRPC document', () => {
        assert.deepEqual(limits.maxRamKb, { min: 0.25, max: 1048576, integer: false });
        assert.deepEqual(limits.axes, { min: 1, max: 16, integer: true });
        assert.equal(limits.samplingRateHz.integer, false);
        assert.ok(coreValues.includes('cortex-m4'));
        assert.ok(sensorTypeValues.includes('accelerometer'));
    });
    it('falls back when the schema lacks a limit', () => {
        assert.deepEqual(rangeFromSchema({ properties: { x: { type: 'integer' } } }, ['x'], { min: 1, max: 2, integer: false }), { min: 1, max: 2, integer: true });
        assert.deepEqual(rangeFromSchema(undefined, ['x'], { min: 1, max: 2, integer: false }), { min: 1, max: 2, integer: false });
    });
    it('parses numbers strictly', () => {
        assert.equal(parseNumber(' 16 '), 16);
        assert.equal(parseNumber('0.5'), 0.5);
        assert.equal(parseNumber('.5'), 0.5);
        assert.equal(parseNumber('1e3'), 1000);
        assert.ok(Number.isNaN(parseNumber('16kB')));
        assert.ok(Number.isNaN(parseNumber('')));
        assert.ok(Number.isNaN(parseNumber('-1')));
        assert.ok(Number.isNaN(parseNumber('1,5')));
    });
    it('validates each answer', () => {
        assert.equal(validateName('fan'), undefined);
        assert.match(validateName('  ') ?? '', /needs a name/);
        assert.match(validateName('a\u0007b') ?? '', /control/);
        assert.equal(validateNumber('16', limits.maxRamKb, 'Max RAM'), undefined);
        assert.match(validateNumber('0.1', limits.maxRamKb, 'Max RAM') ?? '', /^Max RAM: from 0\.25 to 1048576\.$/);
        assert.match(validateNumber('lots', limits.maxRamKb, 'Max RAM') ?? '', /type a number/);
        assert.match(validateNumber('2.5', limits.axes, 'Axes') ?? '', /whole number/);
        assert.match(validateNumber('17', limits.axes, 'Axes') ?? '', /from 1 to 16/);
        assert.equal(validateOptionalNumber('', limits.axes, 'Axes'), undefined);
        assert.equal(validateAnswers(answers, limits), undefined);
        assert.match(validateAnswers({ ...answers, samplingRateHz: '0' }, limits) ?? '', /Sampling rate/);
    });
    it('builds project/create settings as vigil.json spells them', () => {
        assert.deepEqual(settingsFromAnswers(answers), { name: 'fan', core: 'cortex-m4', max_ram_kb: 16, sensor: { type: 'accelerometer' } });
        assert.deepEqual(createParams('/p', { ...answers, description: ' ceiling fan ', axes: '3', samplingRateHz: '200', sensorType: 'current', maxRamKb: '8.5' }), {
            folder: '/p',
            settings: { name: 'fan', description: 'ceiling fan', core: 'cortex-m4', max_ram_kb: 8.5, sensor: { type: 'current', axes: 3 }, sampling_rate_hz: 200 },
        });
    });
    it('carries the signal kind, leaving out the default (generic)', () => {
        assert.deepEqual(settingsFromAnswers({ ...answers, kind: 'process', sensorType: 'generic' }).sensor, { type: 'generic', kind: 'process' });
        assert.deepEqual(settingsFromAnswers({ ...answers, kind: 'generic' }).sensor, { type: 'accelerometer' });
    });
});

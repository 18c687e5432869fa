import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { noBoard, settingChange, settingQuestion, settingWarning, signalKindDetails, signalKinds } from '../../src/model/setting-edit';
import { wizardLimits } from '../../src/model/wizard';
import { componentSchemas, coreValues, sensorTypeValues, signalKindValues, type Settings } from '../../src/protocol.generated';

const settings: Settings = { name: 'fan', description: '', core: 'cortex-m4', max_ram_kb: 16, sensor: { type: 'accelerometer', axes: 3, kind: 'generic' }, sampling_rate_hz: 200 };
const limits = wizardLimits(componentSchemas.SettingsChanges);

describe('editing a setting in place', () => {
    it('asks with the current value and the schema\'s limits', () => {
        const core = settingQuestion('core', settings, limits, coreValues, sensorTypeValues);
        assert.equal(core.kind, 'pick');
        assert.equal(core.current, 'cortex-m4');
        const axes = settingQuestion('sensor.axes', settings, limits, coreValues, sensorTypeValues);
        assert.ok(axes.kind === 'text');
        assert.equal(axes.current, '3');
        assert.equal(axes.validate('4'), undefined);
        assert.match(axes.validate('17') ?? '', /1 to 16/);
        assert.match(axes.validate('2.5') ?? '', /whole number/);
        const flash = settingQuestion('max_flash_kb', settings, limits, coreValues, sensorTypeValues);
        assert.ok(flash.kind === 'text' && flash.current === '' && flash.validate('') === undefined);
        const name = settingQuestion('name', settings, limits, coreValues, sensorTypeValues);
        assert.ok(name.kind === 'text' && name.validate('  ') !== undefined);
    });
    it('makes the project/update change, nested for the sensor', () => {
        assert.deepEqual(settingChange('sensor.axes', '1', settings), { sensor: { axes: 1 } });
        assert.deepEqual(settingChange('sensor.type', 'current', settings), { sensor: { type: 'current' } });
        assert.deepEqual(settingChange('max_ram_kb', ' 8 ', settings), { max_ram_kb: 8 });
        assert.deepEqual(settingChange('name', ' pump ', settings), { name: 'pump' });
        assert.deepEqual(settingChange('core', 'cortex-m0plus', settings), { core: 'cortex-m0plus' });
    });
    it('removes an optional setting left empty, and changes nothing when nothing changed', () => {
        assert.deepEqual(settingChange('sampling_rate_hz', '', settings), { sampling_rate_hz: null });
        assert.equal(settingChange('max_flash_kb', '', settings), undefined);
        assert.deepEqual(settingChange('max_flash_kb', '32', settings), { max_flash_kb: 32 });
        assert.equal(settingChange('sampling_rate_hz', '200', settings), undefined);
        assert.equal(settingChange('core', 'cortex-m4', settings), undefined);
        assert.equal(settingChange('sensor.axes', '3', settings), undefined);
    });
    it('warns before a change that earlier benchmarks do not follow', () => {
        assert.equal(settingWarning('sensor.axes', 0), undefined);
        assert.match(settingWarning('sensor.axes', 2) ?? '', /axes/);
        assert.match(settingWarning('core', 1) ?? '', /next benchmark/);
        assert.equal(settingWarning('name', 3), undefined);
    });
    it('picks a board of the catalog, or none', () => {
        const q = settingQuestion('board', settings, limits, coreValues, sensorTypeValues, ['nucleo-f401re', 'qemu-m4']);
        assert.ok(q.kind === 'pick' && q.values.includes(noBoard) && q.current === noBoard);
        assert.deepEqual(settingChange('board', 'nucleo-f401re', settings), { board: 'nucleo-f401re' });
        assert.equal(settingChange('board', noBoard, settings), undefined);
        assert.deepEqual(settingChange('board', noBoard, { ...settings, board: 'qemu-m4' }), { board: null });
        assert.match(settingWarning('board', 1) ?? '', /next benchmark/);
    });
    it('picks the signal kind among the protocol\'s, each with one line; a change warns that earlier benchmarks keep theirs', () => {
        assert.deepEqual([...signalKinds], [...signalKindValues], 'every kind of the protocol, in its order');
        for (const k of signalKinds) assert.ok(signalKindDetails[k].length > 10 && !signalKindDetails[k].includes('\n'));
        const q = settingQuestion('sensor.kind', settings, limits, coreValues, sensorTypeValues);
        assert.ok(q.kind === 'pick' && q.current === 'generic' && q.values.includes('process') && q.details?.spectrum);
        assert.deepEqual(settingChange('sensor.kind', 'spectrum', settings), { sensor: { kind: 'spectrum' } });
        assert.equal(settingChange('sensor.kind', 'generic', settings), undefined);
        assert.equal(settingWarning('sensor.kind', 0), undefined);
        assert.match(settingWarning('sensor.kind', 2) ?? '', /no longer follow/);
    });
});

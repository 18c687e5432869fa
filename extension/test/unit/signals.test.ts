import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { groupsToAdd, importFolder, isSignalFileName, proposeGroups, roleOf, uniqueName } from '../../src/model/signals';

describe('signal files', () => {
    it('recognises signal files', () => {
        assert.ok(isSignalFileName('a.csv'));
        assert.ok(isSignalFileName('A.TXT'));
        assert.ok(!isSignalFileName('vigil.json'));
    });
    it('imports into signals/<role>/ without overwriting', () => {
        assert.equal(importFolder('abnormal'), 'signals/abnormal');
        assert.equal(uniqueName('fan.csv', new Set()), 'fan.csv');
        assert.equal(uniqueName('fan.csv', new Set(['fan.csv', 'fan-2.csv'])), 'fan-3.csv');
        assert.equal(uniqueName('README', new Set(['README'])), 'README-2');
    });
    it('knows roles from benchmarks, then folders, then names', () => {
        const known = { regular: new Set(['/p/x.csv']), abnormal: new Set(['/p/regular-but-abnormal.csv']) };
        assert.equal(roleOf('/p/x.csv', 'x.csv', known), 'regular');
        assert.equal(roleOf('/p/regular-but-abnormal.csv', 'regular-but-abnormal.csv', known), 'abnormal');
        assert.equal(roleOf('/p/signals/abnormal/run1.csv', 'signals/abnormal/run1.csv'), 'abnormal');
        assert.equal(roleOf('/p/signals/regular/run1.csv', 'signals/regular/run1.csv'), 'regular');
        assert.equal(roleOf('/p/abnormal.csv', 'abnormal.csv'), 'abnormal');
        assert.equal(roleOf('/p/regular.csv', 'regular.csv'), 'regular');
        assert.equal(roleOf('/p/fan_normal.csv', 'fan_normal.csv'), 'regular');
        assert.equal(roleOf('/p/fan_anomalies.csv', 'fan_anomalies.csv'), 'abnormal');
        assert.equal(roleOf('/p/data.csv', 'data.csv'), undefined);
        assert.equal(roleOf('/p/abnormality.csv', 'abnormality.csv'), 'abnormal');
    });
    it('proposes groups', () => {
        assert.deepEqual(proposeGroups(['a.csv'], ['b.csv']), [{ regular: 'a.csv', abnormal: 'b.csv' }]);
        assert.deepEqual(proposeGroups(['fan-regular.csv', 'pump-regular.csv'], ['pump-abnormal.csv', 'fan-abnormal.csv']), [
            { regular: 'fan-regular.csv', abnormal: 'fan-abnormal.csv' },
            { regular: 'pump-regular.csv', abnormal: 'pump-abnormal.csv' },
        ]);
        assert.deepEqual(proposeGroups(['x.csv', 'y.csv'], ['z.csv']), []);
        assert.deepEqual(proposeGroups([], []), []);
    });
});

describe('paths between the daemon and the workspace', () => {
    it('rebases the daemon spelling of a project onto the workspace one', async () => {
        const { rebasePath, projectRelative, isInside } = await import('../../src/model/paths');
        assert.equal(rebasePath('/real/fan', '/home/ana/fan', '/real/fan/signals/a.csv'), '/home/ana/fan/signals/a.csv');
        assert.equal(rebasePath('/real/fan', '/home/ana/fan', '/real/fan'), '/home/ana/fan');
        assert.equal(rebasePath('/real/fan', '/home/ana/fan', '/elsewhere/a.csv'), '/elsewhere/a.csv');
        assert.equal(rebasePath('/real/fan', '/real/fan', '/real/fan/a.csv'), '/real/fan/a.csv');
        assert.equal(rebasePath('/real/fan', '/home/ana/fan', '/real/fan2/a.csv'), '/real/fan2/a.csv');
        assert.equal(projectRelative('/p', '/p/signals/regular/a.csv'), 'signals/regular/a.csv');
        assert.ok(isInside('/p', '/p/a.csv'));
        assert.ok(!isInside('/p', '/p2/a.csv'));
        assert.ok(!isInside('/p', '/a.csv'));
    });
    it('adds only new pairs to the project\'s groups', () => {
        const fan = { regular: 'fan-regular.csv', abnormal: 'fan-abnormal.csv' };
        assert.deepEqual(groupsToAdd([], ['a.csv'], ['b.csv']), [{ regular: 'a.csv', abnormal: 'b.csv' }]);
        // A group already in vigil.json stays as it is; the new pump files make a new group.
        assert.deepEqual(groupsToAdd([fan], ['fan-regular.csv', 'pump-regular.csv'], ['fan-abnormal.csv', 'pump-abnormal.csv']), [
            { regular: 'pump-regular.csv', abnormal: 'pump-abnormal.csv' },
        ]);
        // Nothing new: nothing to add.
        assert.deepEqual(groupsToAdd([fan], ['fan-regular.csv'], ['fan-abnormal.csv']), []);
        // A lone new file waits for its partner.
        assert.deepEqual(groupsToAdd([fan], ['fan-regular.csv', 'x.csv'], ['fan-abnormal.csv']), []);
    });
});

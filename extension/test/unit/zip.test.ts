// The compile view's zip reading, on zips made here (stored and deflated entries, a top folder,
// a comment) and on broken ones.
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { describe, it } from 'node:test';

import { findEntry, listZip, readZipEntry, topFolder, ZipError } from '../../src/model/zip';

/** A minimal zip writer: one local header + data per entry, the central directory, the end record. */
function makeZip(files: { name: string; data: string; deflate: boolean }[], comment = ''): Buffer {
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const f of files) {
        const raw = Buffer.from(f.data, 'utf8');
        const data = f.deflate ? deflateRawSync(raw) : raw;
        const name = Buffer.from(f.name, 'utf8');
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(f.deflate ? 8 : 0, 8);
        local.writeUInt32LE(data.length, 18);
        local.writeUInt32LE(raw.length, 22);
        local.writeUInt16LE(name.length, 26);
        const extra = Buffer.from([1, 2, 3, 4]);
        local.writeUInt16LE(extra.length, 28);
        locals.push(local, name, extra, data);
        const central = Buffer.alloc(46);
        central.writeUInt32LE(0x02014b50, 0);
        central.writeUInt16LE(f.deflate ? 8 : 0, 10);
        central.writeUInt32LE(data.length, 20);
        central.writeUInt32LE(raw.length, 24);
        central.writeUInt16LE(name.length, 28);
        central.writeUInt32LE(offset, 42);
        centrals.push(central, name);
        offset += 30 + name.length + extra.length + data.length;
    }
    const dir = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(files.length, 8);
    end.writeUInt16LE(files.length, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(offset, 16);
    const c = Buffer.from(comment, 'utf8');
    end.writeUInt16LE(c.length, 20);
    return Buffer.concat([...locals, dir, end, c]);
}

const mainC = '#include "vigil.h"\nint main(void) { return vigil_init(); }\n'.repeat(20);

describe('library zip', () => {
    const zip = makeZip(
        [
            { name: 'vigil-1234-cortex-m4-hard/README.md', data: '# vigil-1234\n', deflate: false },
            { name: 'vigil-1234-cortex-m4-hard/example/main.c', data: mainC, deflate: true },
            { name: 'vigil-1234-cortex-m4-hard/metadata.json', data: '{"flags":["-mthumb"]}', deflate: true },
        ],
        'a comment at the end',
    );

    it('lists the entries with their sizes', () => {
        const entries = listZip(zip);
        assert.deepEqual(
            entries.map((e) => [e.name, e.size, e.method]),
            [
                ['vigil-1234-cortex-m4-hard/README.md', 13, 0],
                ['vigil-1234-cortex-m4-hard/example/main.c', Buffer.byteLength(mainC), 8],
                ['vigil-1234-cortex-m4-hard/metadata.json', 21, 8],
            ],
        );
        assert.ok((entries[1]?.compressedSize ?? 0) < Buffer.byteLength(mainC));
    });

    it('reads stored and deflated entries below the top folder', () => {
        const entries = listZip(zip);
        assert.equal(topFolder(entries.map((e) => e.name)), 'vigil-1234-cortex-m4-hard/');
        const main = findEntry(entries, 'example/main.c');
        assert.ok(main);
        assert.equal(readZipEntry(zip, main).toString('utf8'), mainC);
        const readme = findEntry(entries, 'README.md');
        assert.ok(readme);
        assert.equal(readZipEntry(zip, readme).toString('utf8'), '# vigil-1234\n');
        assert.equal(findEntry(entries, 'missing.c'), undefined);
    });

    it('has no top folder when the entries do not share one', () => {
        assert.equal(topFolder(['a/x', 'b/y']), '');
        assert.equal(topFolder(['x']), '');
        assert.equal(topFolder([]), '');
    });

    it('refuses what is not a zip', () => {
        assert.throws(() => listZip(Buffer.from('not a zip at all, not even close to one')), ZipError);
        assert.throws(() => listZip(Buffer.alloc(3)), ZipError);
        const cut = zip.subarray(0, zip.length - 40);
        assert.throws(() => listZip(cut), ZipError);
    });
});

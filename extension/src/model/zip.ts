// Reading a library zip (docs/compile.md, "The zip") for the compile view: its listing (path,
// size, compressed size) from the central directory, and one entry's bytes (stored or deflated).
// The daemon's library/compile returns metadata.json but neither the listing nor the example's
// text, so the view reads them from the zip the daemon wrote. No zip64 (a library zip is ~1 MB).
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
    /** The path inside the zip, as stored (`vigil-xxxx-cortex-m4-hard/example/main.c`). */
    readonly name: string;
    /** 0 stored, 8 deflated. */
    readonly method: number;
    readonly compressedSize: number;
    readonly size: number;
    readonly localHeaderOffset: number;
}

export class ZipError extends Error {}

const eocdSignature = 0x06054b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;

function findEndOfCentralDirectory(buf: Buffer): number {
    // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
    const stop = Math.max(0, buf.length - 22 - 0xffff);
    for (let i = buf.length - 22; i >= stop; --i) if (buf.readUInt32LE(i) === eocdSignature) return i;
    throw new ZipError('not a zip file (no end of central directory)');
}

/** Every entry of the central directory, in its order. */
export function listZip(buf: Buffer): ZipEntry[] {
    if (buf.length < 22) throw new ZipError('not a zip file (too short)');
    const eocd = findEndOfCentralDirectory(buf);
    const count = buf.readUInt16LE(eocd + 10);
    const size = buf.readUInt32LE(eocd + 12);
    let at = buf.readUInt32LE(eocd + 16);
    if (count === 0xffff || size === 0xffffffff || at === 0xffffffff) throw new ZipError('zip64 archives are not read here');
    if (at + size > eocd) throw new ZipError('the central directory lies outside the file');
    const entries: ZipEntry[] = [];
    for (let n = 0; n < count; ++n) {
        if (at + 46 > buf.length || buf.readUInt32LE(at) !== centralSignature) throw new ZipError(`bad central directory entry ${String(n + 1)}`);
        const method = buf.readUInt16LE(at + 10);
        const compressedSize = buf.readUInt32LE(at + 20);
        const uncompressed = buf.readUInt32LE(at + 24);
        const nameLength = buf.readUInt16LE(at + 28);
        const extraLength = buf.readUInt16LE(at + 30);
        const commentLength = buf.readUInt16LE(at + 32);
        const localHeaderOffset = buf.readUInt32LE(at + 42);
        const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
        entries.push({ name, method, compressedSize, size: uncompressed, localHeaderOffset });
        at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
}

/** The uncompressed bytes of one entry. */
export function readZipEntry(buf: Buffer, entry: ZipEntry): Buffer {
    const at = entry.localHeaderOffset;
    if (at + 30 > buf.length || buf.readUInt32LE(at) !== localSignature) throw new ZipError(`bad local header for ${entry.name}`);
    const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
    const data = buf.subarray(start, start + entry.compressedSize);
    if (data.length !== entry.compressedSize) throw new ZipError(`${entry.name} is cut short`);
    if (entry.method === 0) return Buffer.from(data);
    if (entry.method === 8) return inflateRawSync(data);
    throw new ZipError(`${entry.name}: compression method ${String(entry.method)} is not read here`);
}

/** The common top folder of the entries (`vigil-xxxx-cortex-m4-hard/`), or '' when there is none. */
export function topFolder(names: readonly string[]): string {
    const first = names[0];
    if (first === undefined) return '';
    const slash = first.indexOf('/');
    if (slash < 0) return '';
    const top = first.slice(0, slash + 1);
    return names.every((n) => n.startsWith(top)) ? top : '';
}

/** The entry whose path, below the top folder, is `relative` (`example/main.c`). */
export function findEntry(entries: readonly ZipEntry[], relative: string): ZipEntry | undefined {
    const top = topFolder(entries.map((e) => e.name));
    return entries.find((e) => e.name === top + relative);
}

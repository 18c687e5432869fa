// Paths between the daemon's spelling (symlinks resolved: project/open's `folder`) and the
// workspace's (the folder as VS Code opened it), so that what the daemon names lands on the
// editor's documents.
import * as path from 'node:path';

/** `p` under `from` moved under `to`; other paths unchanged. */
export function rebasePath(from: string, to: string, p: string): string {
    if (from === to) return p;
    const rel = path.relative(from, p);
    return rel === '' ? to : rel.startsWith('..') || path.isAbsolute(rel) ? p : path.join(to, rel);
}

/** The project-relative POSIX path of a file in `folder` (what params like `path` take). */
export function projectRelative(folder: string, file: string): string {
    return path.relative(folder, file).split(path.sep).join('/');
}

/** True when `file` lies inside `folder` (or is it). */
export function isInside(folder: string, file: string): boolean {
    const rel = path.relative(folder, file);
    return !rel.startsWith('..') && !path.isAbsolute(rel);
}

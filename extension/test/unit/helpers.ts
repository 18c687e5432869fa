// Shared by the unit tests: where the extension and the repository are, and the daemon binaries
// (VIGILD / VIGIL, else the release build) for the tests that drive the real daemon.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';

/** extension/ (the tests run from out-test/). */
export const extensionRoot = path.resolve(__dirname, '..');
export const repositoryRoot = path.resolve(extensionRoot, '..');

function executable(p: string | undefined): string | undefined {
    if (!p) return undefined;
    try {
        accessSync(p, constants.X_OK);
        return p;
    } catch {
        return undefined;
    }
}

export const vigildPath = executable(process.env.VIGILD ?? path.join(repositoryRoot, 'build', 'release', 'backend', 'vigild'));
export const vigilPath = executable(process.env.VIGIL ?? path.join(repositoryRoot, 'build', 'release', 'backend', 'vigil'));

/** The reason to skip a test that needs the daemon, or false. */
export const needsDaemon: string | false = vigildPath && vigilPath
    ? false
    : 'vigild/vigil not built (cmake --build build/release --target vigild vigil, or set VIGILD and VIGIL)';

/** `vigil synth`: regular.csv and abnormal.csv in `dir`. */
export function synth(dir: string, ...args: string[]): void {
    if (!vigilPath) throw new Error('vigil not built');
    execFileSync(vigilPath, ['synth', '--out', dir, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A silent Logger that keeps the lines (tests print them when something fails). */
export function memoryLog(): { lines: string[]; info(m: string): void; warn(m: string): void; error(m: string): void; trace(m: string): void } {
    const lines: string[] = [];
    return {
        lines,
        info: (m) => lines.push(`info ${m}`),
        warn: (m) => lines.push(`warn ${m}`),
        error: (m) => lines.push(`error ${m}`),
        trace: (m) => lines.push(`trace ${m}`),
    };
}

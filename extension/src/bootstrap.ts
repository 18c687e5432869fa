// Finds the `vigild` to start: `vigil.serverPath`, else the binary bundled in the extension
// (`server/vigild`, put there by `npm run package`), else PATH; each candidate must answer
// `vigild --version`. A missing or foreign binary gets an error naming the setting. (The
// protocol major is checked at `initialize`, in client.ts.) No `vscode` import.
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';

import {
    notFoundMessage,
    parseVersion,
    serverCandidates,
    type DaemonVersion,
    type DiscoveryInput,
    type ServerCandidate,
    type ServerSource,
} from './model/discovery';

export interface FoundServer {
    readonly path: string;
    readonly source: ServerSource;
    readonly version: DaemonVersion;
}

export class BootstrapError extends Error {}

export type Probe = { readonly ok: true; readonly version: DaemonVersion } | { readonly ok: false; readonly problem: string };

/** Checks one binary: it exists, is executable and answers `--version` as vigild does. */
export async function probeBinary(path: string, timeoutMs = 10_000): Promise<Probe> {
    try {
        const s = await stat(path);
        if (s.isDirectory()) return { ok: false, problem: 'is a folder, not the vigild binary' };
    } catch {
        return { ok: false, problem: 'not found' };
    }
    try {
        await access(path, constants.X_OK);
    } catch {
        return { ok: false, problem: 'is not executable (chmod +x)' };
    }
    return new Promise((resolve) => {
        execFile(path, ['--version'], { timeout: timeoutMs, windowsHide: true }, (error, stdout, stderr) => {
            if (error) {
                const why = stderr.trim().split('\n')[0] ?? error.message;
                resolve({ ok: false, problem: `\`${path} --version\` failed: ${why || error.message}` });
                return;
            }
            const version = parseVersion(stdout);
            if (!version) {
                const said = stdout.trim().split('\n')[0] ?? '';
                resolve({ ok: false, problem: `does not look like vigild (\`--version\` printed '${said.slice(0, 80)}')` });
                return;
            }
            resolve({ ok: true, version });
        });
    });
}

/** The first usable candidate, in discovery order; a BootstrapError naming the setting otherwise. */
export async function findServer(input: DiscoveryInput, probe: (path: string) => Promise<Probe> = probeBinary): Promise<FoundServer> {
    const tried: { candidate: ServerCandidate; problem: string }[] = [];
    for (const candidate of serverCandidates(input)) {
        const result = await probe(candidate.path);
        if (result.ok) return { path: candidate.path, source: candidate.source, version: result.version };
        tried.push({ candidate, problem: result.problem });
    }
    throw new BootstrapError(notFoundMessage(input, tried));
}

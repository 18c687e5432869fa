// Where the extension looks for `vigild`, in order, and how it reads `vigild --version`.
// (rust-analyzer's bootstrap.ts and node-clangd's `prepare`: a configured path wins and is never
// silently replaced by another binary.)

export type ServerSource = 'setting' | 'bundled' | 'path';

export interface ServerCandidate {
    readonly path: string;
    readonly source: ServerSource;
}

export interface DiscoveryInput {
    /** `vigil.serverPath`, variables already expanded; empty or undefined when unset. */
    readonly settingPath: string | undefined;
    /** The extension's folder (the packaged `.vsix` carries `server/vigild`). */
    readonly extensionPath: string;
    /** The PATH environment variable. */
    readonly pathEnv: string | undefined;
    readonly platform: string;
}

/** The setting that names the daemon's binary (named in every "not found" error). */
export const serverPathSetting = 'vigil.serverPath';
/** The setting that names a daemon to reach over WebSocket instead of starting one. */
export const serverUrlSetting = 'vigil.serverUrl';
/**
 * The protocol major this extension speaks; `initialize` returns the daemon's
 * (`InitializeResult.protocolVersion`) and a different one is refused.
 */
export const protocolMajor = 1;

function separator(platform: string): string {
    return platform === 'win32' ? '\\' : '/';
}

function executable(name: string, platform: string): string {
    return platform === 'win32' && !/\.exe$/i.test(name) ? `${name}.exe` : name;
}

function join(dir: string, name: string, platform: string): string {
    const sep = separator(platform);
    return dir.endsWith('/') || dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}

function pathDirs(pathEnv: string | undefined, platform: string): string[] {
    if (!pathEnv) return [];
    const dirs = pathEnv.split(platform === 'win32' ? ';' : ':').filter((d) => d.trim() !== '');
    return [...new Set(dirs)];
}

function isBareName(path: string): boolean {
    return !path.includes('/') && !path.includes('\\');
}

/**
 * The binaries to try, in order. When `vigil.serverPath` is set it is the only candidate (a bare
 * name such as `vigild-dev` is looked up in PATH): a wrong setting must be reported, not hidden by
 * another daemon. Otherwise: the binary bundled in the extension, then every PATH entry.
 */
export function serverCandidates(input: DiscoveryInput): ServerCandidate[] {
    const setting = input.settingPath?.trim();
    if (setting) {
        if (!isBareName(setting)) return [{ path: setting, source: 'setting' }];
        return pathDirs(input.pathEnv, input.platform).map((dir) => ({
            path: join(dir, executable(setting, input.platform), input.platform),
            source: 'setting' as const,
        }));
    }
    const name = executable('vigild', input.platform);
    return [
        { path: join(join(input.extensionPath, 'server', input.platform), name, input.platform), source: 'bundled' },
        ...pathDirs(input.pathEnv, input.platform).map((dir) => ({ path: join(dir, name, input.platform), source: 'path' as const })),
    ];
}

export interface DaemonVersion {
    readonly name: string;
    readonly version: string;
    readonly major: number;
    readonly minor: number;
    readonly patch: number;
}

/** Reads `vigild --version` ("vigild 0.1.0", maybe with a suffix: "vigild 0.2.0-dev+abc"). */
export function parseVersion(stdout: string): DaemonVersion | undefined {
    const m = /^\s*(vigild)\s+v?((\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.+-]*)?)\s*$/m.exec(stdout);
    if (!m) return undefined;
    const [, name = '', version = '', major = '0', minor = '0', patch = '0'] = m;
    return { name, version, major: Number(major), minor: Number(minor), patch: Number(patch) };
}

/** Words for where a candidate came from, in messages. */
export function describeSource(candidate: ServerCandidate): string {
    switch (candidate.source) {
        case 'setting':
            return `${serverPathSetting} (${candidate.path})`;
        case 'bundled':
            return `the daemon bundled with the extension (${candidate.path})`;
        case 'path':
            return `PATH (${candidate.path})`;
    }
}

/** The error shown when no candidate is usable (`problem`: "not found", "is not executable"...). */
export function notFoundMessage(input: DiscoveryInput, tried: readonly { candidate: ServerCandidate; problem: string }[]): string {
    if (input.settingPath?.trim()) {
        const setting = input.settingPath.trim();
        const found = tried.filter((t) => t.problem !== 'not found');
        const why = found.length
            ? found.map((t) => `${t.candidate.path} ${t.problem}`).join('; ')
            : isBareName(setting)
              ? `'${setting}' is not in PATH`
              : `${setting} does not exist`;
        return `The Vigil daemon set in ${serverPathSetting} cannot be used: ${why}. Fix the setting (an absolute path to vigild), or clear it to use the bundled daemon.`;
    }
    const bad = tried.filter((t) => t.problem !== 'not found');
    const details = bad.length ? ` (${bad.map((t) => `${t.candidate.path}: ${t.problem}`).join('; ')})` : '';
    return `The Vigil daemon (vigild) was not found in the extension nor in PATH${details}. Set ${serverPathSetting} to the vigild binary (build it with \`cmake --build build/release --target vigild\`), or ${serverUrlSetting} to a running daemon.`;
}

/** The error shown when the daemon speaks another protocol major. */
export function protocolMismatchMessage(daemon: string, daemonMajor: unknown): string {
    return `${daemon} speaks protocol ${String(daemonMajor)}, this extension protocol ${protocolMajor}: install matching versions, or point ${serverPathSetting} at a compatible vigild.`;
}

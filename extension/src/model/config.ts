// Variables in path settings (`vigil.serverPath`): ${workspaceFolder}, ${userHome}, ${env:NAME}
// and a leading `~`, as VS Code's own settings spell them.

export interface Variables {
    readonly workspaceFolder: string | undefined;
    readonly userHome: string;
    readonly env: Readonly<Record<string, string | undefined>>;
}

export function expandVariables(value: string, vars: Variables): string {
    let out = value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
        if (name === 'workspaceFolder' || name === 'workspaceRoot') return vars.workspaceFolder ?? whole;
        if (name === 'userHome') return vars.userHome;
        if (name.startsWith('env:')) return vars.env[name.slice(4)] ?? '';
        return whole;
    });
    if (out === '~' || out.startsWith('~/')) out = vars.userHome + out.slice(1);
    return out;
}

/** Settings whose change needs the daemon restarted (the others are read at each use). */
export const restartSettings = ['vigil.serverPath', 'vigil.serverUrl', 'vigil.trace'] as const;

export type TraceLevel = 'off' | 'messages' | 'verbose';

export function traceLevel(value: unknown): TraceLevel {
    return value === 'messages' || value === 'verbose' ? value : 'off';
}

/** A positive whole number or undefined (unset, 0, or nonsense): `vigil.benchmark.jobs`. */
export function positiveInteger(value: unknown): number | undefined {
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** A positive number or undefined: `vigil.benchmark.timeLimit` (seconds; 0 means none). */
export function positiveNumber(value: unknown): number | undefined {
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

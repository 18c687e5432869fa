// Which files of a project are signal files, and their role (regular or abnormal) for the
// pickers. The role comes from the strongest source: the project's groups (vigil.json's
// `signals`) and earlier benchmarks' inputs, then the folder the import command copies into
// (signals/regular/, signals/abnormal/), then the file's name. Importing or generating files
// records new pairs in vigil.json (groupsToAdd), so a benchmark started from the command line
// (`vigil bench` without files) uses the same files as the editor.

export type SignalRole = 'regular' | 'abnormal';

export const signalsFolder = 'signals';

export function isSignalFileName(name: string): boolean {
    return /\.(csv|txt)$/i.test(name);
}

/** Folders never searched for signal files. */
export const excludedFolders = ['.vigil', 'node_modules', '.git'];

/** Where the import command copies a file of this role (project-relative, POSIX separators). */
export function importFolder(role: SignalRole): string {
    return `${signalsFolder}/${role}`;
}

/** `name` or, if taken, `stem-2.ext`, `stem-3.ext`... (taken: names already in the folder). */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
    if (!taken.has(name)) return name;
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const ext = dot > 0 ? name.slice(dot) : '';
    for (let n = 2; ; ++n) {
        const candidate = `${stem}-${n}${ext}`;
        if (!taken.has(candidate)) return candidate;
    }
}

export interface KnownInputs {
    /** Absolute paths of files used as regular / abnormal by earlier benchmarks. */
    readonly regular: ReadonlySet<string>;
    readonly abnormal: ReadonlySet<string>;
}

/** The role of a signal file (absolute path and its project-relative POSIX path). */
export function roleOf(absolute: string, relative: string, known?: KnownInputs): SignalRole | undefined {
    if (known?.abnormal.has(absolute)) return 'abnormal';
    if (known?.regular.has(absolute)) return 'regular';
    const parts = relative.toLowerCase().split('/');
    const file = parts.pop() ?? '';
    if (parts.includes('abnormal') || parts.includes('anomalies') || parts.includes('anomaly')) return 'abnormal';
    if (parts.includes('regular') || parts.includes('normal') || parts.includes('nominal')) return 'regular';
    if (/(^|[^a-z])(abnormal|anomal(y|ies|ous))/.test(file)) return 'abnormal';
    if (/(^|[^a-z])(regular|normal|nominal)/.test(file)) return 'regular';
    return undefined;
}

export interface SignalGroup {
    readonly regular: string;
    readonly abnormal: string;
}

/**
 * Groups to propose for a benchmark: one regular file with one abnormal file. With one of each,
 * that pair; otherwise files whose names match once the role words are removed
 * (fan-regular.csv with fan-abnormal.csv). Unmatched files are left to the user.
 */
export function proposeGroups(regular: readonly string[], abnormal: readonly string[]): SignalGroup[] {
    if (regular.length === 1 && abnormal.length === 1) return [{ regular: regular[0] ?? '', abnormal: abnormal[0] ?? '' }];
    const key = (path: string) =>
        (path.split(/[\\/]/).pop() ?? '')
            .toLowerCase()
            .replace(/\.(csv|txt)$/, '')
            .replace(/abnormal|anomal(y|ies|ous)|regular|normal|nominal/g, '')
            .replace(/[^a-z0-9]+/g, '');
    const byKey = new Map<string, string[]>();
    for (const a of abnormal) byKey.set(key(a), [...(byKey.get(key(a)) ?? []), a]);
    const groups: SignalGroup[] = [];
    for (const r of regular) {
        const match = byKey.get(key(r));
        if (match?.length === 1 && match[0]) groups.push({ regular: r, abnormal: match[0] });
    }
    return groups;
}

/**
 * The groups to add to vigil.json's `signals` once files arrived: pairs (proposeGroups) among the
 * regular and abnormal files that no group names yet. Existing groups are never changed.
 */
export function groupsToAdd(existing: readonly SignalGroup[], regular: readonly string[], abnormal: readonly string[]): SignalGroup[] {
    const used = new Set(existing.flatMap((g) => [g.regular, g.abnormal]));
    return proposeGroups(
        regular.filter((r) => !used.has(r)),
        abnormal.filter((a) => !used.has(a)),
    );
}

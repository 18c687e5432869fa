// Signals pasted into the emulator panel, as emulator/learn and emulator/detect take them
// (`signals`: one row of numbers per signal). One signal per line, numbers separated by spaces,
// tabs, commas or semicolons, as in a signal file. Only the numbers are read here; their count
// (axes x length of the library) is checked by the daemon, whose message says what it expected.

export type ParsedSignals = { readonly signals: number[][] } | { readonly error: string };

const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseSignalsText(text: string): ParsedSignals {
    const signals: number[][] = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; ++i) {
        const line = (lines[i] ?? '').trim();
        if (line === '') continue;
        const tokens = line.split(/[\s,;]+/).filter((t) => t !== '');
        const row: number[] = [];
        for (let j = 0; j < tokens.length; ++j) {
            const token = tokens[j] ?? '';
            const value = numberPattern.test(token) ? Number(token) : Number.NaN;
            if (!Number.isFinite(value)) {
                const shown = token.length > 24 ? `${token.slice(0, 24)}…` : token;
                return { error: `line ${String(i + 1)}, value ${String(j + 1)}: '${shown}' is not a number` };
            }
            row.push(value);
        }
        signals.push(row);
    }
    if (!signals.length) return { error: 'no signal: paste one signal per line (its numbers separated by spaces or commas)' };
    return { signals };
}

/** A sensitivity as typed ("1", "1.5", "0.8"); undefined when it is not a number >= 0. */
export function parseSensitivity(text: string): number | undefined {
    const t = text.trim();
    if (!numberPattern.test(t)) return undefined;
    const v = Number(t);
    return Number.isFinite(v) && v >= 0 ? v : undefined;
}

// Where a dataset/check finding goes in the editor. The daemon gives 1-based lines and 1-based
// *byte* columns (docs/check.md; a BOM is not counted); VS Code wants 0-based UTF-16 positions.
import type { Issue } from '../protocol.generated';

export interface IssueRange {
    /** 0-based line. */
    readonly line: number;
    /** 0-based UTF-16 offsets in the line. */
    readonly start: number;
    readonly end: number;
}

/** A big end for a whole-line range when the line's text is unknown (VS Code clamps it). */
export const lineEnd = 1 << 20;

/** The UTF-16 offset of a 1-based byte column in `lineText` (the line without its BOM). */
export function byteColumnToCharacter(lineText: string, byteColumn: number): number {
    let bytes = 0;
    let i = 0;
    const target = byteColumn - 1;
    while (i < lineText.length && bytes < target) {
        const code = lineText.codePointAt(i) ?? 0;
        bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        i += code >= 0x10000 ? 2 : 1;
    }
    return i;
}

const separators = new Set([' ', '\t', ',', ';']);

/** The end of the token starting at `start` (up to the next separator; at least one character). */
export function tokenEnd(lineText: string, start: number): number {
    let i = start;
    while (i < lineText.length && !separators.has(lineText[i] ?? '')) ++i;
    return i > start ? i : start + 1;
}

/**
 * The range of an issue. `lineText(line0)` gives a line's text when the document is at hand
 * (then the column is converted exactly and the token underlined); without it the column is
 * taken as a character offset (signal files are ASCII) and one character is marked.
 */
export function issueRange(issue: Issue, lineText?: (line0: number) => string | undefined): IssueRange {
    const line1 = issue.line ?? issue.lines[0] ?? 1;
    const line = Math.max(0, line1 - 1);
    let text = lineText?.(line);
    if (text !== undefined && line === 0) text = text.replace(/^\uFEFF/, '');
    const bom = line === 0 && lineText?.(0)?.startsWith('\uFEFF') ? 1 : 0;
    if (issue.line == null || issue.column == null) return { line, start: 0, end: text?.length ?? lineEnd };
    if (text === undefined) return { line, start: issue.column - 1, end: issue.column };
    const start = byteColumnToCharacter(text, issue.column);
    return { line, start: start + bom, end: tokenEnd(text, start) + bom };
}

/** The message of the diagnostic: the daemon's sentence, its hint, and the lines a warning involves. */
export function issueMessage(issue: Issue): string {
    const parts = [issue.message];
    if (issue.hint) parts.push(`hint: ${issue.hint}`);
    const lines = issue.lines;
    if (lines.length) parts.push(`lines: ${lines.join(', ')}`);
    return parts.join('\n');
}

/** The lines of a warning other than the one the diagnostic sits on (its related information). */
export function relatedLines(issue: Issue): number[] {
    const primary = issue.line ?? issue.lines[0];
    return issue.lines.filter((l) => l !== primary);
}

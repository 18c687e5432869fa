// JSON-RPC errors from the daemon, read for the user: the daemon's message is the message (it
// names the file, line, column or parameter); the code only picks the actions offered.
import { errorCodes } from '../protocol.generated';

export interface RpcErrorLike {
    readonly code: number;
    readonly message: string;
    readonly data?: unknown;
}

export function isRpcError(e: unknown): e is RpcErrorLike {
    return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number' && typeof (e as { message?: unknown }).message === 'string';
}

/** -32800: cancelled by the user (no error to show). vscode-jsonrpc also rejects with it. */
export function isCancelled(e: unknown): boolean {
    return isRpcError(e) && e.code === errorCodes.RequestCancelled;
}

export function errorText(e: unknown): string {
    if (isRpcError(e)) return e.message;
    if (e instanceof Error) return e.message;
    return String(e);
}

export interface Location {
    readonly file: string;
    readonly line: number | null;
    readonly column: number | null;
    readonly kind?: string;
}

/** The file position of a refused request (`LocatedErrorData`), if the error carries one. */
export function errorLocation(e: unknown): Location | undefined {
    if (!isRpcError(e) || typeof e.data !== 'object' || e.data === null) return undefined;
    const d = e.data as Record<string, unknown>;
    if (typeof d.file !== 'string') return undefined;
    const num = (v: unknown) => (typeof v === 'number' && v > 0 ? v : null);
    return { file: d.file, line: num(d.line), column: num(d.column), ...(typeof d.kind === 'string' ? { kind: d.kind } : {}) };
}

/** The whole check report a refused benchmark carries (`LocatedErrorData.report`). */
export function errorReport(e: unknown): unknown {
    if (!isRpcError(e) || typeof e.data !== 'object' || e.data === null) return undefined;
    return (e.data as Record<string, unknown>).report;
}

/** The actions worth offering with an error. */
export function errorActions(e: unknown): ('show-problem' | 'open-settings' | 'show-log')[] {
    if (!isRpcError(e)) return ['show-log'];
    if (errorLocation(e)) return ['show-problem'];
    if (e.code === errorCodes.ToolMissing || e.code === errorCodes.InternalError) return ['show-log'];
    return [];
}

/** The vigil.json field a refused setting names (`SettingsErrorData.field`, e.g. "sensor.axes"). */
export function errorField(e: unknown): { file: string; field: string } | undefined {
    if (!isRpcError(e) || typeof e.data !== 'object' || e.data === null) return undefined;
    const d = e.data as Record<string, unknown>;
    return typeof d.file === 'string' && typeof d.field === 'string' ? { file: d.file, field: d.field } : undefined;
}

/**
 * Where `field` ("sensor.axes") is written in a vigil.json text: the 0-based offset and length of
 * its last key (`"axes"`) inside its parent's object, or undefined. Editor work only: locating a
 * name the daemon gave in the text the user sees.
 */
export function findSettingKey(text: string, field: string): { offset: number; length: number } | undefined {
    const keys = field.split('.').filter(Boolean);
    let from = 0;
    let found: { offset: number; length: number } | undefined;
    for (const key of keys) {
        const needle = JSON.stringify(key);
        const re = new RegExp(`${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`, 'g');
        re.lastIndex = from;
        const m = re.exec(text);
        if (!m) return found;
        found = { offset: m.index, length: needle.length };
        from = m.index + m[0].length;
    }
    return found;
}

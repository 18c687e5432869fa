// The new-project wizard's answers: validation of what the user types (so a mistake is shown
// under the input box at once) and the `settings` object for project/create, spelled as
// vigil.json spells it. The limits come from the OpenRPC document's SettingsInput schema; the
// daemon still checks everything and has the last word.
import type { ProjectCreateParams, SettingsInput } from '../protocol.generated';
import { trimNumber } from './format';

export interface NumberRange {
    readonly min: number;
    readonly max: number;
    readonly integer: boolean;
}

/** The range of `properties.<path>` in a JSON schema object (its minimum, maximum, integer type). */
export function rangeFromSchema(schema: unknown, path: readonly string[], fallback: NumberRange): NumberRange {
    let node: unknown = schema;
    for (const key of path) {
        const props = (node as { properties?: Record<string, unknown> } | undefined)?.properties;
        node = props?.[key];
    }
    if (typeof node !== 'object' || node === null) return fallback;
    const n = node as { minimum?: unknown; maximum?: unknown; type?: unknown };
    const types = Array.isArray(n.type) ? n.type : [n.type];
    return {
        min: typeof n.minimum === 'number' ? n.minimum : fallback.min,
        max: typeof n.maximum === 'number' ? n.maximum : fallback.max,
        integer: types.includes('integer') ? true : types.includes('number') ? false : fallback.integer,
    };
}

export interface WizardLimits {
    readonly maxRamKb: NumberRange;
    readonly axes: NumberRange;
    readonly samplingRateHz: NumberRange;
}

/** The limits of SettingsInput (components.schemas.SettingsInput of the OpenRPC document). */
export function wizardLimits(settingsInputSchema: unknown): WizardLimits {
    return {
        maxRamKb: rangeFromSchema(settingsInputSchema, ['max_ram_kb'], { min: 0.25, max: 1048576, integer: false }),
        axes: rangeFromSchema(settingsInputSchema, ['sensor', 'axes'], { min: 1, max: 16, integer: true }),
        samplingRateHz: rangeFromSchema(settingsInputSchema, ['sampling_rate_hz'], { min: 0.001, max: 1e7, integer: false }),
    };
}

/** A number as typed: "16", "0.5", "1e3", " 8 ". NaN for anything else. */
export function parseNumber(text: string): number {
    const t = text.trim();
    if (!/^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number.NaN;
    return Number(t);
}

export function validateName(text: string): string | undefined {
    if (text.trim() === '') return 'A project needs a name.';
    if (/\p{Cc}/u.test(text)) return 'The name cannot hold control characters.';
    return undefined;
}

/** Undefined when `text` is a number in range, else the message to show. */
export function validateNumber(text: string, range: NumberRange, what: string): string | undefined {
    const n = parseNumber(text);
    const span = `${trimNumber(range.min, 3)} to ${trimNumber(range.max, 3)}`;
    if (Number.isNaN(n)) return `${what}: type a ${range.integer ? 'whole number' : 'number'} from ${span}.`;
    if (range.integer && !Number.isInteger(n)) return `${what}: a whole number from ${span}.`;
    if (n < range.min || n > range.max) return `${what}: from ${span}.`;
    return undefined;
}

/** Like validateNumber, but an empty answer is fine (the setting is optional). */
export function validateOptionalNumber(text: string, range: NumberRange, what: string): string | undefined {
    return text.trim() === '' ? undefined : validateNumber(text, range, what);
}

export interface WizardAnswers {
    readonly name: string;
    readonly description: string;
    readonly core: string;
    /** As typed. */
    readonly maxRamKb: string;
    readonly sensorType: string;
    /** What each line holds (a SignalKind); absent: generic. */
    readonly kind?: string;
    /** As typed; empty: the sensor type's usual count, which the daemon fills in. */
    readonly axes: string;
    /** As typed; empty: no sampling rate. */
    readonly samplingRateHz: string;
}

/** The first problem of a complete set of answers, or undefined. */
export function validateAnswers(a: WizardAnswers, limits: WizardLimits): string | undefined {
    return (
        validateName(a.name) ??
        validateNumber(a.maxRamKb, limits.maxRamKb, 'Max RAM (kB)') ??
        validateOptionalNumber(a.axes, limits.axes, 'Axes') ??
        validateOptionalNumber(a.samplingRateHz, limits.samplingRateHz, 'Sampling rate (Hz)')
    );
}

/** The `settings` of project/create. */
export function settingsFromAnswers(a: WizardAnswers): SettingsInput {
    const sensor: NonNullable<SettingsInput['sensor']> = { type: a.sensorType };
    if (a.axes.trim() !== '') sensor.axes = parseNumber(a.axes);
    if (a.kind && a.kind !== 'generic') sensor.kind = a.kind;
    const settings: SettingsInput = {
        name: a.name.trim(),
        core: a.core,
        max_ram_kb: parseNumber(a.maxRamKb),
        sensor,
    };
    if (a.description.trim() !== '') settings.description = a.description.trim();
    if (a.samplingRateHz.trim() !== '') settings.sampling_rate_hz = parseNumber(a.samplingRateHz);
    return settings;
}

export function createParams(folder: string, a: WizardAnswers): ProjectCreateParams {
    return { folder, settings: settingsFromAnswers(a) };
}

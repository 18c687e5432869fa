// Editing one project setting in place (the Project view's pencil): which settings can be
// edited, how each is asked for, and the project/update change an answer makes. Free of
// `vscode` so the rules are unit-tested; the limits come from the OpenRPC document's
// SettingsChanges schema through wizardLimits, and the daemon has the last word.
import type { Settings, SettingsChanges, SignalKind } from '../protocol.generated';
import { trimNumber } from './format';
import { parseNumber, validateName, validateNumber, validateOptionalNumber, type WizardLimits } from './wizard';

export type SettingKey = 'name' | 'description' | 'board' | 'core' | 'max_ram_kb' | 'max_flash_kb' | 'sensor.type' | 'sensor.kind' | 'sensor.axes' | 'sampling_rate_hz';

/** How the editor asks: a pick among values, or typed text with its validation. */
export type SettingQuestion =
    | { readonly kind: 'pick'; readonly prompt: string; readonly values: readonly string[]; readonly current: string; readonly details?: Readonly<Record<string, string>> }
    | { readonly kind: 'text'; readonly prompt: string; readonly current: string; readonly validate: (text: string) => string | undefined };

/** One line per signal kind (vigil.json sensor.kind), for the New Project wizard and the Kind row. */
export const signalKindDetails: Readonly<Record<SignalKind, string>> = {
    generic: 'Not sure: the benchmark tries every preprocessing path (the default)',
    vibration: 'Time series from an accelerometer or gyroscope: spectra and bands first',
    current: 'Motor current, a time series: like vibration, plus the level of the line',
    acoustic: 'Sound, a time series at an audio rate: spectra and bands',
    spectrum: 'Each line already is a magnitude spectrum or a feature vector: the values themselves',
    process: 'Slow process variables (temperature, pressure, flow): levels, trends, channels',
};

/** The kinds in the protocol's order. */
export const signalKinds = Object.keys(signalKindDetails) as SignalKind[];

/** What "no board" is called in the board pick. */
export const noBoard = 'none (only the core)';

export function settingQuestion(key: SettingKey, s: Settings, limits: WizardLimits, cores: readonly string[], sensorTypes: readonly string[], boards: readonly string[] = []): SettingQuestion {
    const span = (r: { min: number; max: number }) => `${trimNumber(r.min, 3)} to ${trimNumber(r.max, 3)}`;
    switch (key) {
        case 'name':
            return { kind: 'text', prompt: 'Project name', current: s.name, validate: validateName };
        case 'description':
            return { kind: 'text', prompt: 'Description: the machine, the sensor, what counts as abnormal', current: s.description, validate: () => undefined };
        case 'board':
            return { kind: 'pick', prompt: 'The board the library is for (it sets the core; Flash and Test uses it)', values: [...boards, noBoard], current: s.board ?? noBoard };
        case 'core':
            return { kind: 'pick', prompt: 'Target core: the library is compiled for it, and its RAM and flash are measured for it', values: cores, current: s.core };
        case 'max_ram_kb':
            return { kind: 'text', prompt: `Max RAM of the library in kB (${span(limits.maxRamKb)}): bigger candidates are never benchmarked`, current: trimNumber(s.max_ram_kb, 3), validate: (t) => validateNumber(t, limits.maxRamKb, 'Max RAM') };
        case 'max_flash_kb':
            return { kind: 'text', prompt: 'Max flash of the library in kB; empty: no flash budget', current: s.max_flash_kb != null ? trimNumber(s.max_flash_kb, 3) : '', validate: (t) => validateOptionalNumber(t, { min: 1, max: 16777216, integer: false }, 'Max flash') };
        case 'sensor.type':
            return { kind: 'pick', prompt: 'Sensor type', values: sensorTypes, current: s.sensor.type };
        case 'sensor.kind':
            return { kind: 'pick', prompt: 'What each line holds (the benchmark tries that kind\'s paths first)', values: signalKinds, current: s.sensor.kind, details: signalKindDetails };
        case 'sensor.axes':
            return { kind: 'text', prompt: `Axes per sample (${span(limits.axes)}): values per sample in each line`, current: String(s.sensor.axes), validate: (t) => validateNumber(t, limits.axes, 'Axes') };
        case 'sampling_rate_hz':
            return { kind: 'text', prompt: 'Sampling rate in Hz; empty: none (spectra are then in cycles per sample)', current: s.sampling_rate_hz != null ? trimNumber(s.sampling_rate_hz, 6) : '', validate: (t) => validateOptionalNumber(t, limits.samplingRateHz, 'Sampling rate') };
    }
}

/** The project/update `settings` for an answer; undefined when nothing changes. */
export function settingChange(key: SettingKey, answer: string, s: Settings): SettingsChanges | undefined {
    const text = answer.trim();
    const optionalNumber = (current: number | undefined) => {
        if (text === '') return current == null ? undefined : null;
        const n = parseNumber(text);
        return n === current ? undefined : n;
    };
    switch (key) {
        case 'name':
            return text === s.name ? undefined : { name: text };
        case 'description':
            return text === s.description ? undefined : { description: text };
        case 'board':
            if (text === noBoard) return s.board == null ? undefined : { board: null };
            return text === s.board ? undefined : { board: text };
        case 'core':
            return text === s.core ? undefined : { core: text };
        case 'max_ram_kb': {
            const n = parseNumber(text);
            return n === s.max_ram_kb ? undefined : { max_ram_kb: n };
        }
        case 'max_flash_kb': {
            const v = optionalNumber(s.max_flash_kb);
            return v === undefined ? undefined : { max_flash_kb: v };
        }
        case 'sensor.type':
            return text === s.sensor.type ? undefined : { sensor: { type: text } };
        case 'sensor.kind':
            return text === s.sensor.kind ? undefined : { sensor: { kind: text } };
        case 'sensor.axes': {
            const n = parseNumber(text);
            return n === s.sensor.axes ? undefined : { sensor: { axes: n } };
        }
        case 'sampling_rate_hz': {
            const v = optionalNumber(s.sampling_rate_hz);
            return v === undefined ? undefined : { sampling_rate_hz: v };
        }
    }
}

/** What changing this setting does to the project's existing work, said before it is done. */
export function settingWarning(key: SettingKey, benchmarks: number): string | undefined {
    if (benchmarks === 0) return undefined;
    if (key === 'sensor.axes') return 'Earlier benchmarks and libraries keep the axes they were made with; new benchmarks read the signal files with the new count.';
    if (key === 'sensor.kind') return 'Earlier benchmarks keep the kind they ran with and no longer follow the settings; the next benchmark searches for the new kind (a resume under another kind is refused).';
    if (key === 'board' || key === 'core' || key === 'max_ram_kb' || key === 'max_flash_kb') return 'Earlier benchmarks keep their results; the change applies to the next benchmark (a resume keeps the settings it started with).';
    return undefined;
}

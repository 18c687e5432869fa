// Emulator panel (emulator/*): the library's calls one by one — init, set sensitivity, learn,
// detect — from a project file or pasted numbers, or all in that order; the session's state, the
// log of every call with the daemon's answer, and the similarities of the last detection.
import { formatCount, plural, trimNumber } from '../../src/model/format';
import type { EmulatorFromView, EmulatorSession, EmulatorToView, LogEntry, SignalSource } from '../../src/webviews/messages';
import type { EmulatorDetectResult, EmulatorState } from '../../src/protocol.generated';
import { onMessage, post, saveKey, saveUi, uiState } from '../api';
import { Chart, type ChartData } from '../chart';
import { app, button, h, message, replace, section } from '../dom';

const pasted = '__pasted__';

let session: EmulatorSession | undefined;
let refs:
    | {
          state: HTMLElement;
          log: HTMLElement;
          chart: HTMLElement;
          busy: HTMLElement;
          buttons: HTMLElement[];
      }
    | undefined;
let lastDetect: EmulatorDetectResult | undefined;

const ui = uiState({ sensitivity: '1', learn: '', detect: '', text: '' });

function save(): void {
    saveUi('emulator', ui);
}

function stateView(s: EmulatorState): HTMLElement[] {
    return [
        h('span', { class: `state ${s.ready ? 'state-finished' : 'state-running'}`, text: s.ready ? 'ready to detect' : 'learning' }),
        h('span', { class: 'muted', text: ` learn calls ${formatCount(s.learnCount)} of at least ${formatCount(s.minLearn)} · sensitivity ${trimNumber(s.sensitivity, 4)}` }),
    ];
}

function sourceOf(value: string): SignalSource {
    return value === pasted ? { text: ui.text } : { file: value };
}

function select(id: string, files: EmulatorSession['files'], chosen: string, onChange: (v: string) => void): HTMLElement {
    const sel = h('vscode-single-select', { attrs: { id } });
    for (const f of files)
        sel.appendChild(h('vscode-option', { attrs: { value: f.relative, selected: f.relative === chosen, description: f.role ?? '' }, text: `${f.relative}${f.role ? ` (${f.role})` : ''}` }));
    sel.appendChild(h('vscode-option', { attrs: { value: pasted, selected: chosen === pasted }, text: 'the pasted signals (below)' }));
    sel.addEventListener('change', () => {
        onChange(sel.value);
    });
    return sel;
}

function logLine(e: LogEntry): HTMLElement {
    switch (e.kind) {
        case 'call':
            return h('div', { class: 'log-call' }, h('span', { class: 'codicon codicon-chevron-right' }), e.text);
        case 'state':
            return h('div', { class: 'log-state', text: e.text });
        case 'error':
            return h('div', { class: 'log-error' }, h('span', { class: 'codicon codicon-error' }), ` ${e.text}`);
        case 'detect': {
            const anomalies = e.result.results.filter((d) => d.status === 'anomaly').map((d) => d.line);
            const shown = anomalies.slice(0, 24).join(', ');
            return h(
                'div',
                { class: 'log-detect' },
                h('div', { text: e.text }),
                anomalies.length
                    ? h('div', { class: 'muted', text: `anomalies at ${anomalies.length === 1 ? 'line' : 'lines'} ${shown}${anomalies.length > 24 ? `, … (${formatCount(anomalies.length)} in all)` : ''}` })
                    : h('div', { class: 'muted', text: 'no anomaly' }),
            );
        }
    }
}

function drawDetection(): void {
    if (!refs) return;
    replace(refs.chart);
    const d = lastDetect;
    if (!d) {
        refs.chart.appendChild(h('p', { class: 'muted', text: 'Detect a file or pasted signals: their similarities appear here.' }));
        return;
    }
    // The daemon gives the resolved path: shown relative to the project.
    const folder = session?.key.folder;
    const source = d.source === 'signals' ? 'Pasted signals' : folder && d.source.startsWith(`${folder}/`) ? d.source.slice(folder.length + 1) : d.source;
    refs.chart.appendChild(h('p', { class: 'muted', text: `${source}: ${plural(d.nominal, 'nominal', 'nominal')}, ${plural(d.anomalies, 'anomaly', 'anomalies')} (similarity below 90)` }));
    const x = d.results.map((r) => r.line);
    const lowest = Math.min(90, ...d.results.map((r) => r.exact));
    const bottom = Math.max(0, Math.floor((lowest - 2) / 5) * 5);
    const data: ChartData = [x, d.results.map((r) => (r.status === 'nominal' ? r.exact : null)), d.results.map((r) => (r.status === 'anomaly' ? r.exact : null)), d.results.map(() => 90)];
    new Chart(
        refs.chart,
        {
            height: 200,
            description: 'Similarity of each detected signal: nominal in blue, anomalies in red, threshold 90 dashed',
            x: { label: d.source === 'signals' ? 'pasted signal' : 'line', format: (v) => formatCount(v), integer: true },
            y: { label: 'similarity', range: [bottom, 100], format: (v) => trimNumber(v, 0) },
            series: [
                { label: 'nominal', role: 'blue', points: 5, format: (v) => trimNumber(v, 1) },
                { label: 'anomaly', role: 'red', points: 5, format: (v) => trimNumber(v, 1) },
                { label: 'threshold 90', role: 'foreground', width: 1.5, dash: [6, 4], alpha: 0.8 },
            ],
        },
        data,
    );
}

function setBusy(busy: boolean): void {
    if (!refs) return;
    refs.busy.hidden = !busy;
    for (const b of refs.buttons) b.toggleAttribute('disabled', busy);
}

function render(s: EmulatorSession): void {
    const files = s.files;
    const firstOf = (role: 'regular' | 'abnormal') => files.find((f) => f.role === role)?.relative ?? files[0]?.relative ?? pasted;
    const known = (v: string) => v === pasted || files.some((f) => f.relative === v);
    if (!known(ui.learn)) ui.learn = firstOf('regular');
    if (!known(ui.detect)) ui.detect = firstOf('abnormal');
    save();

    const sensitivity = h('vscode-textfield', { attrs: { id: 'sensitivity', value: ui.sensitivity, size: 6 } });
    sensitivity.value = ui.sensitivity;
    sensitivity.addEventListener('input', () => {
        ui.sensitivity = sensitivity.value;
        save();
    });
    const learnSel = select('learn-source', files, ui.learn, (v) => {
        ui.learn = v;
        save();
    });
    const detectSel = select('detect-source', files, ui.detect, (v) => {
        ui.detect = v;
        save();
    });
    const text = h('vscode-textarea', { attrs: { id: 'pasted', rows: 3, placeholder: `One signal per line: ${String(s.opened.axes)} axes × ${String(s.opened.length)} samples = ${formatCount(s.opened.axes * s.opened.length)} numbers, axes interleaved (x0 y0 z0 x1 …), separated by spaces or commas`, resize: 'vertical' } });
    text.value = ui.text;
    text.addEventListener('input', () => {
        ui.text = text.value;
        save();
    });
    const send = (m: EmulatorFromView) => {
        post<EmulatorFromView>(m);
    };
    const buttons = [
        button('Init', () => {
            send({ type: 'init' });
        }, { secondary: true, icon: 'debug-restart', id: 'init' }),
        button('Set', () => {
            send({ type: 'setSensitivity', sensitivity: ui.sensitivity });
        }, { secondary: true, id: 'set-sensitivity' }),
        button('Learn', () => {
            send({ type: 'learn', source: sourceOf(ui.learn) });
        }, { secondary: true, icon: 'mortar-board', id: 'learn' }),
        button('Detect', () => {
            send({ type: 'detect', source: sourceOf(ui.detect) });
        }, { secondary: true, icon: 'search', id: 'detect' }),
        button('Run All in Order', () => {
            send({ type: 'runAll', sensitivity: ui.sensitivity, learn: sourceOf(ui.learn), detect: sourceOf(ui.detect) });
        }, { icon: 'run-all', id: 'run-all' }),
    ];
    const [initB, setB, learnB, detectB, runAllB] = buttons;
    const stateEl = h('div', { class: 'session-state', attrs: { id: 'session-state' } }, ...stateView(s.state));
    const logEl = h('div', { class: 'log', attrs: { id: 'emulator-log', role: 'log' } }, ...s.log.map(logLine));
    const chartEl = h('div', {});
    const busy = h('vscode-progress-ring', { class: 'busy' });
    busy.hidden = true;
    refs = { state: stateEl, log: logEl, chart: chartEl, busy, buttons };
    lastDetect = [...s.log].reverse().find((e): e is Extract<LogEntry, { kind: 'detect' }> => e.kind === 'detect')?.result;

    replace(
        app(),
        h(
            'header',
            { class: 'page-head' },
            h('div', {}, h('h1', { text: `Emulator — ${s.opened.origin}` }), h('p', { class: 'muted', text: `${s.project} — ${s.opened.session}: the device's code on the host, through the Vigil daemon (emulator/*)` })),
            h('div', { class: 'actions' }, busy, runAllB ?? null),
        ),
        h('p', {}, h('code', { class: 'recipe', text: s.opened.summary })),
        stateEl,
        h(
            'div',
            { class: 'two-columns' },
            section(
                'Calls',
                h(
                    'div',
                    { class: 'steps' },
                    h('div', { class: 'step-label', text: '1. Init' }),
                    h('div', { class: 'step-body' }, initB ?? null, h('span', { class: 'muted', text: 'forget all knowledge; sensitivity back to 1' })),
                    h('div', { class: 'step-label', text: '2. Sensitivity' }),
                    h('div', { class: 'step-body' }, sensitivity, setB ?? null, h('span', { class: 'muted', text: 'rescales similarities (1: as benchmarked)' })),
                    h('div', { class: 'step-label', text: '3. Learn' }),
                    h('div', { class: 'step-body' }, learnSel, learnB ?? null),
                    h('div', { class: 'step-label', text: '4. Detect' }),
                    h('div', { class: 'step-body' }, detectSel, detectB ?? null),
                ),
                h('vscode-label', { attrs: { for: 'pasted' }, text: 'Pasted signals' }),
                text,
            ),
            h(
                'section',
                { class: 'card' },
                h(
                    'div',
                    { class: 'card-head' },
                    h('h2', { text: 'Output' }),
                    button('Clear', () => {
                        send({ type: 'clearLog' });
                    }, { secondary: true, icon: 'clear-all' }),
                ),
                logEl,
            ),
        ),
        section('Last detection', chartEl),
    );
    drawDetection();
    logEl.scrollTop = logEl.scrollHeight;
}

export function emulator(): void {
    onMessage<EmulatorToView>((m) => {
        switch (m.type) {
            case 'session':
                session = m;
                saveKey('emulator', m.key);
                render(m);
                break;
            case 'state':
                if (session) session = { ...session, state: m.state };
                if (refs) replace(refs.state, ...stateView(m.state));
                break;
            case 'log':
                if (session) session = { ...session, log: [...session.log, m.entry] };
                if (refs) {
                    refs.log.appendChild(logLine(m.entry));
                    refs.log.scrollTop = refs.log.scrollHeight;
                }
                if (m.entry.kind === 'detect') {
                    lastDetect = m.entry.result;
                    drawDetection();
                }
                break;
            case 'busy':
                setBusy(m.busy);
                break;
            case 'loading':
                replace(app(), h('p', { class: 'muted' }, h('vscode-progress-ring', {}), ` Opening ${m.what}…`));
                break;
            case 'error':
                if (refs && session) {
                    refs.log.appendChild(logLine({ kind: 'error', text: m.message }));
                } else replace(app(), message('error', m.message));
                break;
        }
    });
}

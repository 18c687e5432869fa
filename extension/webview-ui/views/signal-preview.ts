// Signal preview (dataset/plot): per axis, the mean line, the min–max band and the ±1 std band
// across the file's signals; a second tab with the mean amplitude spectrum of every axis.
import { formatCount, trimNumber } from '../../src/model/format';
import type { PlotMessage, SignalPreviewFromView, SignalPreviewToView } from '../../src/webviews/messages';
import type { AxisStats } from '../../src/protocol.generated';
import { onMessage, post, saveKey, saveUi, uiState } from '../api';
import { Chart, type ChartData, type Role } from '../chart';
import { app, button, h, message, replace, section } from '../dom';

const axisRoles: Role[] = ['blue', 'orange', 'purple', 'green', 'yellow', 'red'];

function roleOf(axis: number): Role {
    return axisRoles[axis % axisRoles.length] ?? 'blue';
}

function num(v: number): string {
    const a = Math.abs(v);
    if (a !== 0 && (a < 0.001 || a >= 1e5)) return v.toExponential(2);
    return trimNumber(v, a < 1 ? 4 : 3);
}

function legendChip(role: Role, kind: 'line' | 'band' | 'band-faint', text: string): HTMLElement {
    return h('span', { class: 'legend-chip' }, h('span', { class: `swatch swatch-${kind} role-${role}` }), text);
}

function signalChart(parent: HTMLElement, a: AxisStats, x: number[], xLabel: string): void {
    const p = a.per_sample;
    const lowerStd = p.mean.map((m, i) => m - (p.std[i] ?? 0));
    const upperStd = p.mean.map((m, i) => m + (p.std[i] ?? 0));
    const data: ChartData = [x, p.min, p.max, lowerStd, upperStd, p.mean];
    const role = roleOf(a.axis);
    const card = h(
        'div',
        { class: 'axis-chart' },
        h(
            'div',
            { class: 'axis-head' },
            h('h3', { text: `Axis ${a.name}` }),
            h('span', { class: 'legend' }, legendChip(role, 'line', 'mean'), legendChip(role, 'band', '±1 std'), legendChip(role, 'band-faint', 'min–max')),
        ),
    );
    parent.appendChild(card);
    new Chart(
        card,
        {
            height: 190,
            description: `Axis ${a.name}: mean, ±1 standard deviation and min–max of every sample across the signals`,
            legend: 'none',
            x: { label: xLabel },
            y: { label: a.name, format: num },
            series: [
                { label: 'min', role, width: 1, alpha: 0.35, legend: false, format: num },
                { label: 'max', role, width: 1, alpha: 0.35, legend: false, format: num },
                { label: 'mean − std', role, width: 0, legend: false, format: num },
                { label: 'mean + std', role, width: 0, legend: false, format: num },
                { label: 'mean', role, width: 2, format: num },
            ],
            bands: [
                { upper: 2, lower: 1, role, alpha: 0.13 },
                { upper: 4, lower: 3, role, alpha: 0.3 },
            ],
        },
        data,
    );
}

function spectrumChart(parent: HTMLElement, axes: readonly AxisStats[], logScale: boolean): void {
    const first = axes[0];
    if (!first) return;
    const freq = first.spectrum.frequency;
    const unit = first.spectrum.unit === 'Hz' ? 'Hz' : 'cycles/sample';
    // A log scale cannot show 0: those bins are left out of the line.
    const amp = (values: number[]) => values.map((v) => (logScale && !(v > 0) ? null : v));
    const data: ChartData = [freq, ...axes.map((a) => amp(a.spectrum.amplitude))];
    new Chart(
        parent,
        {
            height: 300,
            description: 'Mean amplitude spectrum of every axis',
            x: { label: `frequency (${unit})`, format: (v) => trimNumber(v, unit === 'Hz' ? 1 : 3) },
            y: { label: 'mean amplitude', format: num, ...(logScale ? { log: 10 as const } : {}) },
            series: axes.map((a) => ({ label: `axis ${a.name}`, role: roleOf(a.axis), width: 1.5, format: num })),
        },
        data,
    );
}

function summaryTable(axes: readonly AxisStats[]): HTMLElement {
    return h(
        'table',
        { class: 'data-table compact' },
        h('thead', {}, h('tr', {}, h('th', { text: 'axis' }), ...['mean', 'std', 'min', 'max'].map((t) => h('th', { class: 'num', text: t })))),
        h(
            'tbody',
            {},
            ...axes.map((a) =>
                h(
                    'tr',
                    {},
                    h('td', {}, h('span', { class: `swatch swatch-line role-${roleOf(a.axis)}` }), ` ${a.name}`),
                    h('td', { class: 'num', text: num(a.summary.mean) }),
                    h('td', { class: 'num', text: num(a.summary.std) }),
                    h('td', { class: 'num', text: num(a.summary.min) }),
                    h('td', { class: 'num', text: num(a.summary.max) }),
                ),
            ),
        ),
    );
}

function render(m: PlotMessage): void {
    const ui = uiState({ tab: 0, log: true });
    const plot = m.plot;
    const rate = plot.rateHz;
    const x = Array.from({ length: plot.length }, (_v, i) => (rate ? (i / rate) * 1000 : i));
    const xLabel = rate ? 'time (ms)' : 'sample';
    const signalsPanel = h('vscode-tab-panel', {});
    const spectrumPanel = h('vscode-tab-panel', {});
    const tabs = h(
        'vscode-tabs',
        { attrs: { 'selected-index': ui.tab } },
        h('vscode-tab-header', { attrs: { slot: 'header', 'data-tab': 'signal' }, text: 'Signal per axis' }),
        signalsPanel,
        h('vscode-tab-header', { attrs: { slot: 'header', 'data-tab': 'spectrum' }, text: 'Spectrum' }),
        spectrumPanel,
    );
    tabs.addEventListener('vsc-tabs-select', (e) => {
        ui.tab = e.detail.selectedIndex;
        saveUi('signal-preview', ui);
    });
    const shape = `${formatCount(plot.signals)} signals × ${formatCount(plot.length)} samples × ${String(plot.perAxis.length)} ${plot.perAxis.length === 1 ? 'axis' : 'axes'}${rate ? ` at ${trimNumber(rate, 3)} Hz` : ''}`;
    replace(
        app(),
        h(
            'header',
            { class: 'page-head' },
            h('div', {}, h('h1', { text: m.relative }), h('p', { class: 'muted', text: `${shape} — statistics across the signals of the file, from the Vigil daemon (dataset/plot)` })),
            h(
                'div',
                { class: 'actions' },
                button('Open File', () => {
                    post<SignalPreviewFromView>({ type: 'openFile' });
                }, { secondary: true, icon: 'go-to-file' }),
                button('Refresh', () => {
                    post<SignalPreviewFromView>({ type: 'refresh' });
                }, { secondary: true, icon: 'refresh' }),
            ),
        ),
        tabs,
    );
    const perAxis = h('div', { class: 'axis-grid' });
    signalsPanel.appendChild(perAxis);
    for (const a of plot.perAxis) signalChart(perAxis, a, x, xLabel);

    const logBox = h('input', { attrs: { type: 'checkbox', id: 'log-scale', checked: ui.log } });
    const spectrumHolder = h('div', {});
    logBox.addEventListener('change', () => {
        ui.log = logBox.checked;
        saveUi('signal-preview', ui);
        replace(spectrumHolder);
        spectrumChart(spectrumHolder, plot.perAxis, ui.log);
    });
    spectrumPanel.appendChild(
        section(
            'Mean amplitude spectrum',
            h('label', { class: 'check' }, logBox, ' logarithmic amplitude'),
            spectrumHolder,
            h('h3', { text: 'Per-axis summary' }),
            summaryTable(plot.perAxis),
        ),
    );
    spectrumChart(spectrumHolder, plot.perAxis, ui.log);
}

export function signalPreview(): void {
    onMessage<SignalPreviewToView>((m) => {
        switch (m.type) {
            case 'plot':
                saveKey('signal-preview', m.key);
                render(m);
                break;
            case 'loading':
                replace(app(), h('p', { class: 'muted' }, h('vscode-progress-ring', {}), ` Reading ${m.what}…`));
                break;
            case 'error':
                replace(app(), message('error', m.message));
                break;
        }
    });
}

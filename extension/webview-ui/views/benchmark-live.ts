// Benchmark live chart ($/progress): the best so far (balanced accuracy and confidence, and its
// RAM) over the benchmark's time, and the candidates evaluated per second; the figures of the
// latest report; Stop while it runs, Open Results and Compile once it ended. A benchmark this
// window did not follow is drawn from its stored result's `evolution`.
import { formatBytes, formatCount, formatDuration, formatPercentage, formatRatio, trimNumber } from '../../src/model/format';
import type { BenchmarkLiveFromView, BenchmarkLiveToView, LiveInit } from '../../src/webviews/messages';
import type { BenchmarkResult, BenchmarkProgressValue } from '../../src/protocol.generated';
import { onMessage, post, saveKey } from '../api';
import { Chart, type ChartData } from '../chart';
import { app, button, h, message, replace, tile } from '../dom';

interface Point {
    readonly t: number;
    readonly accuracy: number | null;
    readonly confidence: number | null;
    readonly ram: number | null;
    readonly rate: number | null;
}

let init: LiveInit | undefined;
let points: Point[] = [];
let latest: BenchmarkProgressValue | undefined;
/** The latest begin or report (an `end` carries no best nor rate). */
let lastReport: Exclude<BenchmarkProgressValue, { kind: 'end' }> | undefined;
let charts: { quality: Chart; ram: Chart; rate: Chart } | undefined;
let refs: { state: HTMLElement; bar: HTMLElement; barText: HTMLElement; tiles: HTMLElement; best: HTMLElement; actions: HTMLElement; note: HTMLElement } | undefined;

function pointOf(v: BenchmarkProgressValue): Point | undefined {
    if (v.kind === 'end') return undefined;
    return {
        t: v.elapsedS,
        accuracy: v.best ? v.best.balancedAccuracy * 100 : null,
        confidence: v.best ? v.best.confidence : null,
        ram: v.best ? v.best.ramBytes : null,
        rate: v.evaluated > 0 ? v.candidatesPerSecond : null,
    };
}

function fromEvolution(r: BenchmarkResult): Point[] {
    return r.evolution.map((e) => {
        const n = (k: string) => (typeof e[k] === 'number' ? e[k] : null);
        const accuracy = n('balanced_accuracy');
        return { t: n('elapsed_s') ?? 0, accuracy: accuracy == null ? null : accuracy * 100, confidence: n('confidence'), ram: n('ram_bytes'), rate: null };
    });
}

function series(): { quality: ChartData; ram: ChartData; rate: ChartData } {
    const t = points.map((p) => p.t);
    return {
        quality: [t, points.map((p) => p.accuracy), points.map((p) => p.confidence)],
        ram: [t, points.map((p) => p.ram)],
        rate: [t, points.map((p) => p.rate)],
    };
}

function stateOf(): { text: string; live: boolean; state: string } {
    if (latest?.kind === 'end') return { text: latest.state, live: false, state: latest.state };
    if (latest) return { text: 'running', live: true, state: 'running' };
    if (init?.result) return { text: init.result.state, live: false, state: init.result.state };
    return { text: init?.live ? 'running' : 'waiting', live: init?.live ?? false, state: 'running' };
}

function updateFigures(): void {
    if (!refs || !init) return;
    const s = stateOf();
    refs.state.textContent = s.text;
    refs.state.className = `state state-${s.state}`;
    const v = latest;
    const r = init.result;
    let pct = 0;
    let text = s.live ? 'waiting for the first report…' : '';
    if (v && v.kind !== 'end') {
        pct = v.percentage;
        text = v.message;
    } else if (v?.kind === 'end') {
        pct = v.state === 'finished' ? 100 : v.evaluated != null && v.planned ? Math.round((v.evaluated / v.planned) * 100) : 0;
        text = v.message;
    } else if (r) {
        pct = r.state === 'finished' ? 100 : 0;
        text = `${r.state}: ${formatCount(r.counts.evaluated)} evaluations in ${formatDuration(r.elapsed_s)}`;
    }
    refs.bar.style.width = `${String(Math.max(0, Math.min(100, pct)))}%`;
    refs.barText.textContent = `${formatPercentage(pct)} — ${text}`;

    const report = lastReport;
    const best = report ? report.best : null;
    const tiles: HTMLElement[] = [];
    // Once it ended with a result, the final best (re-evaluated with its learning curve's minimum).
    const final = !s.live && r?.best ? r.best : undefined;
    if (final) {
        tiles.push(tile('Best balanced accuracy', formatRatio(final.indicators.balanced_accuracy), 'the final best, with its recommended minimum of learn calls'));
        tiles.push(tile('Its confidence', final.indicators.confidence.toFixed(1)));
        tiles.push(tile('Its RAM', formatBytes(final.indicators.ram_bytes)));
        tiles.push(tile('Its flash', formatBytes(final.indicators.flash_bytes)));
    } else if (best) {
        tiles.push(tile('Best balanced accuracy', formatRatio(best.balancedAccuracy), 'of the best candidate so far, averaged over its splits'));
        tiles.push(tile('Its confidence', best.confidence.toFixed(1), 'how far the similarities are from the 90 threshold (0..100)'));
        tiles.push(tile('Its RAM', formatBytes(best.ramBytes)));
        tiles.push(tile('Its flash', formatBytes(best.flashBytes)));
    }
    if (report) {
        // Once ended, the end's counts and time (the last report came up to 100 ms before it).
        const end = v?.kind === 'end' ? v : undefined;
        const evaluated = end?.evaluated ?? report.evaluated;
        const planned = end?.planned ?? report.planned;
        const elapsedS = end?.elapsedS ?? report.elapsedS;
        tiles.push(tile('Candidates per second', formatCount(Math.round(report.candidatesPerSecond)), `all ${String(report.jobs)} jobs together`));
        tiles.push(tile('Evaluated', `${formatCount(evaluated)} of ${formatCount(planned)}`, end ? `${String(report.stages)} stages` : `stage ${String(report.stage + 1)} of ${String(report.stages)}`));
        tiles.push(tile(s.live ? 'Elapsed · left' : 'Elapsed', s.live ? `${formatDuration(elapsedS)} · ${report.etaS == null ? '?' : formatDuration(report.etaS)}` : formatDuration(elapsedS)));
    } else if (r) {
        tiles.push(tile('Candidates per second', formatCount(Math.round(r.candidates_per_s))));
        tiles.push(tile('Evaluated', formatCount(r.counts.evaluated)));
        tiles.push(tile('Elapsed', formatDuration(r.elapsed_s)));
    }
    replace(refs.tiles, ...tiles);
    const summary = final?.summary ?? best?.summary;
    replace(
        refs.best,
        summary
            ? h('span', {}, h('span', { class: 'muted', text: final ? 'Best library: ' : 'Best so far: ' }), h('code', { class: 'recipe', text: summary }))
            : h('span', { class: 'muted', text: 'No candidate evaluated yet.' }),
    );

    const ended = !s.live;
    replace(
        refs.actions,
        s.live
            ? button('Stop', () => {
                  post<BenchmarkLiveFromView>({ type: 'stop' });
              }, { icon: 'debug-stop', id: 'stop' })
            : null,
        ended && s.state !== 'failed'
            ? button('Open Results', () => {
                  post<BenchmarkLiveFromView>({ type: 'openResults' });
              }, { icon: 'graph', id: 'open-results' })
            : null,
        ended && s.state !== 'failed'
            ? button('Compile Library…', () => {
                  post<BenchmarkLiveFromView>({ type: 'compile' });
              }, { secondary: true, icon: 'package' })
            : null,
    );
    replace(
        refs.note,
        !init.values.length && r
            ? message('info', 'This window did not follow the run: the curves are the stored evolution of the best (each time it changed); candidates per second are not recorded.')
            : null,
    );
}

function render(): void {
    if (!init) return;
    const stateEl = h('span', { class: 'state' });
    const bar = h('div', { class: 'bar-fill' });
    const barText = h('div', { class: 'bar-text' });
    const tilesEl = h('div', { class: 'tiles' });
    const bestEl = h('p', { class: 'best-line' });
    const actions = h('div', { class: 'actions' });
    const note = h('div', {});
    refs = { state: stateEl, bar, barText, tiles: tilesEl, best: bestEl, actions, note };
    const qualityCard = h('section', { class: 'card' }, h('h2', { text: 'Best so far: balanced accuracy and confidence' }));
    const ramCard = h('section', { class: 'card' }, h('h2', { text: 'RAM of the best so far' }));
    const rateCard = h('section', { class: 'card' }, h('h2', { text: 'Candidates evaluated per second' }));
    replace(
        app(),
        h(
            'header',
            { class: 'page-head' },
            h('div', {}, h('h1', {}, `Benchmark ${String(init.benchmark)} `, stateEl), h('p', { class: 'muted', text: `${init.project} — live from the Vigil daemon ($/progress)` })),
            actions,
        ),
        h('div', { class: 'bar', attrs: { role: 'progressbar' } }, bar),
        barText,
        note,
        tilesEl,
        bestEl,
        h('div', { class: 'chart-grid' }, qualityCard, h('div', { class: 'chart-column' }, ramCard, rateCard)),
    );
    const data = series();
    const seconds = (v: number) => `${trimNumber(v, v < 10 ? 1 : 0)} s`;
    const secondSteps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
    charts = {
        quality: new Chart(
            qualityCard,
            {
                height: 360,
                description: 'Balanced accuracy and confidence of the best candidate so far, over time',
                x: { label: 'elapsed (s)', format: seconds, steps: secondSteps },
                y: { label: '%', format: (v) => trimNumber(v, 1), include: [50, 100] },
                series: [
                    { label: 'balanced accuracy (%)', role: 'blue', width: 2, stepped: true, format: (v) => `${trimNumber(v, 1)} %` },
                    { label: 'confidence', role: 'orange', width: 2, stepped: true, format: (v) => trimNumber(v, 1) },
                ],
            },
            data.quality,
        ),
        ram: new Chart(
            ramCard,
            {
                height: 150,
                description: 'RAM of the best candidate so far, over time',
                x: { label: 'elapsed (s)', format: seconds, steps: secondSteps },
                y: { label: 'RAM', format: (v) => formatBytes(v), include: [0], steps: [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288, 1048576] },
                series: [{ label: 'RAM', role: 'purple', width: 2, stepped: true, format: (v) => formatBytes(v) }],
            },
            data.ram,
        ),
        rate: new Chart(
            rateCard,
            {
                height: 150,
                description: 'Candidates evaluated per second, over time',
                x: { label: 'elapsed (s)', format: seconds, steps: secondSteps },
                y: { label: 'per second', format: (v) => formatCount(Math.round(v)), include: [0] },
                series: [{ label: 'candidates/s', role: 'green', width: 2, format: (v) => formatCount(Math.round(v)) }],
            },
            data.rate,
        ),
    };
    updateFigures();
}

function redrawData(): void {
    if (!charts) return;
    const data = series();
    charts.quality.setData(data.quality);
    charts.ram.setData(data.ram);
    charts.rate.setData(data.rate);
}

export function benchmarkLive(): void {
    onMessage<BenchmarkLiveToView>((m) => {
        switch (m.type) {
            case 'init': {
                init = m;
                saveKey('benchmark-live', m.key);
                latest = m.values.at(-1);
                lastReport = [...m.values].reverse().find((x): x is Exclude<BenchmarkProgressValue, { kind: 'end' }> => x.kind !== 'end');
                points = m.values.map(pointOf).filter((p): p is Point => p !== undefined);
                if (!points.length && m.result) points = fromEvolution(m.result);
                render();
                break;
            }
            case 'progress': {
                if (!init) return;
                if (m.value.kind === 'begin') points = [];
                latest = m.value;
                if (m.value.kind !== 'end') lastReport = m.value;
                const p = pointOf(m.value);
                if (p) {
                    points.push(p);
                    redrawData();
                }
                updateFigures();
                break;
            }
            case 'error':
                replace(app(), message('error', m.message));
                break;
        }
    });
}

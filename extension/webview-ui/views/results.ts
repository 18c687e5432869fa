// Results (benchmark/result, docs/bench.md): the best library and its indicators, the similarity
// of every signal of split 0 (regular blue, abnormal red, the threshold dashed), the top
// candidates, the learning curve with the recommended minimum of learn calls, the held-out check
// with its warning, and the search's counts.
import { formatBytes, formatCount, formatDuration, formatRatio, plural, trimNumber } from '../../src/model/format';
import type { ResultMessage, ResultsFromView, ResultsToView } from '../../src/webviews/messages';
import type { BenchmarkResult, Indicators } from '../../src/protocol.generated';
import { onMessage, post, saveKey } from '../api';
import { Chart, type ChartData } from '../chart';
import { app, button, h, message, replace, section, tile } from '../dom';

type Signal = NonNullable<BenchmarkResult['similarities']>['signals'][number];

function num(o: Record<string, unknown> | null | undefined, k: string): number | undefined {
    const v = o?.[k];
    return typeof v === 'number' ? v : undefined;
}

function indicatorTiles(i: Indicators): HTMLElement {
    return h(
        'div',
        { class: 'tiles' },
        tile('Balanced accuracy', formatRatio(i.balanced_accuracy), `mean of TNR and TPR over ${String(i.splits)} splits`, i.balanced_accuracy >= 0.9 ? 'good' : i.balanced_accuracy < 0.7 ? 'bad' : undefined),
        tile('Confidence', i.confidence.toFixed(1), 'how far the similarities stay from the 90 threshold (0..100)'),
        tile('Regular kept (TNR)', formatRatio(i.tnr), 'regular signals detected as nominal'),
        tile('Abnormal caught (TPR)', formatRatio(i.tpr), 'abnormal signals detected as anomalies'),
        tile('RAM', formatBytes(i.ram_bytes), 'the state + a bound of the stack on the project\'s core; the compiled library states the exact figure'),
        tile('Flash', formatBytes(i.flash_bytes), 'a bound from libraries compiled for the core; the compiled library states the exact figure'),
        tile('Per detect', `${formatCount(i.instructions_per_detect)} instr.`),
    );
}

function scatter(parent: HTMLElement, m: ResultMessage): void {
    const sims = m.result.similarities;
    if (!sims?.signals.length) {
        parent.appendChild(message('info', 'No similarities: the benchmark has no best library.'));
        return;
    }
    const signals: Signal[] = sims.signals;
    const x = signals.map((_s, i) => i + 1);
    // From a round value under the lowest similarity (and the threshold) up to 100: the points
    // near the threshold stay apart.
    const lowest = Math.min(sims.threshold, ...signals.map((s) => s.similarity));
    const bottom = Math.max(0, Math.floor((lowest - 2) / 5) * 5);
    const data: ChartData = [
        x,
        signals.map((s) => (s.abnormal ? null : s.similarity)),
        signals.map((s) => (s.abnormal ? s.similarity : null)),
        signals.map(() => sims.threshold),
    ];
    const byFile = m.files.map((f) => {
        const mine = signals.filter((s) => s.file === f.file);
        const below = mine.filter((s) => s.status === 'anomaly').length;
        const abnormal = mine.some((s) => s.abnormal);
        return { f, count: mine.length, below, abnormal, first: mine[0]?.line ?? 1 };
    });
    parent.appendChild(
        h(
            'p',
            { class: 'muted' },
            `Each point is a signal of split 0 that the library did not learn, in file order; its similarity is what vigil_detect returns (0–100). Regular signals should stay above ${trimNumber(sims.threshold, 1)}, abnormal ones fall below. Click a point to open its line.`,
        ),
    );
    new Chart(
        parent,
        {
            height: 300,
            description: `Similarity of each signal: regular in blue, abnormal in red, threshold ${String(sims.threshold)} dashed`,
            x: { label: 'signal (file order)', format: (v) => formatCount(v), integer: true },
            y: { label: 'similarity', range: [bottom, 100], format: (v) => trimNumber(v, 0) },
            series: [
                { label: 'regular', role: 'blue', points: 5, format: (v) => trimNumber(v, 1) },
                { label: 'abnormal', role: 'red', points: 5, format: (v) => trimNumber(v, 1) },
                { label: `threshold ${trimNumber(sims.threshold, 1)}`, role: 'foreground', width: 1.5, dash: [6, 4], alpha: 0.8, format: (v) => trimNumber(v, 0) },
            ],
            onClick: (i) => {
                const s = signals[i];
                if (s) post<ResultsFromView>({ type: 'openFile', file: s.file, line: s.line });
            },
        },
        data,
    );
    parent.appendChild(
        h(
            'ul',
            { class: 'file-list' },
            ...byFile.map((b) =>
                h(
                    'li',
                    {},
                    h('span', { class: `swatch swatch-dot role-${b.abnormal ? 'red' : 'blue'}` }),
                    h('a', {
                        attrs: { href: '#' },
                        text: b.f.relative,
                        on: {
                            click: (e) => {
                                e.preventDefault();
                                post<ResultsFromView>({ type: 'openFile', file: b.f.file, line: b.first });
                            },
                        },
                    }),
                    h('span', { class: 'muted', text: ` — ${b.abnormal ? 'abnormal' : 'regular'}: ${plural(b.count, 'signal')} detected, ${plural(b.below, 'anomaly', 'anomalies')}` }),
                ),
            ),
        ),
    );
}

function topTable(r: BenchmarkResult): HTMLElement {
    if (!r.top.length) return message('info', 'No candidate was evaluated.');
    const bestKey = r.best?.candidate_key;
    const ties = r.top.filter((c) => c.tied_with_best).length;
    return h(
        'div',
        { class: 'table-wrap' },
        ...(ties > 1
            ? [h('p', { class: 'muted table-note', text: `= marks the ${String(ties)} candidates within the best's split-to-split noise: among statistical ties the smallest library wins.` })]
            : []),
        h(
            'table',
            { class: 'data-table', attrs: { id: 'top-candidates' } },
            h(
                'thead',
                {},
                h(
                    'tr',
                    {},
                    h('th', { class: 'num', text: '#' }),
                    h('th', { text: 'library (model | preprocessing)' }),
                    ...['stage', 'balanced acc.', 'confidence', 'TNR', 'TPR', 'RAM', 'flash'].map((t) => h('th', { class: 'num', text: t })),
                ),
            ),
            h(
                'tbody',
                {},
                ...r.top.map((c) =>
                    h(
                        'tr',
                        { class: c.key === bestKey ? 'best-row' : '' },
                        h('td', {
                            class: 'num',
                            text: c.tied_with_best ? `= ${String(c.rank)}` : String(c.rank),
                            ...(c.tied_with_best ? { title: 'Within the best\'s split-to-split noise: ties lead, smallest RAM first' } : {}),
                        }),
                        h('td', { class: 'summary' }, h('code', { text: c.summary })),
                        h('td', { class: 'num', text: String(c.stage + 1), title: `${String(c.indicators.splits)} splits` }),
                        h('td', { class: 'num', text: formatRatio(c.indicators.balanced_accuracy) }),
                        h('td', { class: 'num', text: c.indicators.confidence.toFixed(1) }),
                        h('td', { class: 'num', text: formatRatio(c.indicators.tnr) }),
                        h('td', { class: 'num', text: formatRatio(c.indicators.tpr) }),
                        h('td', { class: 'num', text: formatBytes(c.indicators.ram_bytes) }),
                        h('td', { class: 'num', text: formatBytes(c.indicators.flash_bytes) }),
                    ),
                ),
            ),
        ),
    );
}

function learningCurve(parent: HTMLElement, r: BenchmarkResult): void {
    const lc = r.learning_curve;
    if (!lc) {
        parent.appendChild(message('info', `No learning curve: the benchmark ${r.state === 'stopped' ? 'was stopped before the end' : 'has none'} (resume it to finish).`));
        return;
    }
    const pts = lc.points
        .map((p) => ({ calls: num(p, 'learn_calls'), ba: num(p, 'balanced_accuracy'), conf: num(p, 'confidence'), failed: p.failed === true }))
        .filter((p): p is { calls: number; ba: number | undefined; conf: number | undefined; failed: boolean } => p.calls !== undefined);
    parent.appendChild(
        h(
            'p',
            { id: 'recommended-min-learn' },
            h('strong', { text: `Recommended minimum: ${plural(lc.recommended_min_learn, 'learn call')}` }),
            h('span', { class: 'muted', text: ` before detecting (best balanced accuracy on the curve ${formatRatio(lc.best_balanced_accuracy)}). The compiled library refuses to detect before it.` }),
        ),
    );
    new Chart(
        parent,
        {
            height: 240,
            description: `Balanced accuracy and confidence against the number of learn calls; recommended minimum ${String(lc.recommended_min_learn)}`,
            // Exactly the measured learn calls (a log scale would round up to the next power of 2).
            x: { label: 'learn calls', log: 2, format: (v) => formatCount(v), integer: true, range: [pts[0]?.calls ?? 1, pts.at(-1)?.calls ?? 2] },
            y: { label: '%', format: (v) => trimNumber(v, 0), include: [50, 100] },
            series: [
                { label: 'balanced accuracy (%)', role: 'blue', width: 2, format: (v) => `${trimNumber(v, 1)} %` },
                { label: 'confidence', role: 'orange', width: 2, format: (v) => trimNumber(v, 1) },
            ],
            markers: [{ x: lc.recommended_min_learn, label: `recommended: ${String(lc.recommended_min_learn)}`, role: 'green' }],
        },
        [pts.map((p) => p.calls), pts.map((p) => (p.ba == null || p.failed ? null : p.ba * 100)), pts.map((p) => (p.conf == null || p.failed ? null : p.conf))],
    );
}

function heldOut(r: BenchmarkResult): HTMLElement[] {
    const ho = r.held_out;
    if (!ho) return [message('info', `No held-out check: the benchmark ${r.state === 'stopped' ? 'was stopped before the end' : 'has none'}.`)];
    const ba = num(ho, 'balanced_accuracy');
    const sel = num(ho, 'selection_balanced_accuracy');
    const warn = ho.warning === true;
    const text = typeof ho.message === 'string' ? ho.message : '';
    return [
        warn ? message('warning', `Held-out warning: ${text}`) : message('info', `Held-out check passed: ${text}`),
        h(
            'div',
            { class: 'tiles' },
            tile('Held-out balanced accuracy', ba == null ? '?' : formatRatio(ba), 'on signals the search never saw (20 % of every file)', warn ? 'warn' : 'good'),
            tile('In selection', sel == null ? '?' : formatRatio(sel)),
            tile('Regular kept (TNR)', formatRatio(num(ho, 'tnr') ?? 0)),
            tile('Abnormal caught (TPR)', formatRatio(num(ho, 'tpr') ?? 0)),
            tile('Confidence', (num(ho, 'confidence') ?? 0).toFixed(1)),
            tile('Held-out signals', `${formatCount(num(ho, 'regular_signals') ?? 0)} + ${formatCount(num(ho, 'abnormal_signals') ?? 0)}`, 'regular + abnormal'),
        ),
    ];
}

function countsTable(r: BenchmarkResult): HTMLElement {
    const c = r.counts;
    return h(
        'div',
        {},
        h(
            'p',
            { class: 'muted' },
            `${formatCount(c.space)} valid recipes, ${formatCount(c.filtered_by_ram)} over the RAM budget${c.filtered_by_flash ? `, ${formatCount(c.filtered_by_flash)} over the flash budget` : ''}: ${formatCount(c.candidates)} candidates benchmarked, ${formatCount(c.evaluated)} evaluations in ${formatDuration(r.elapsed_s)} (${formatCount(Math.round(r.candidates_per_s))}/s on ${plural(r.jobs, 'thread')}), seed ${String(r.seed)}.`,
        ),
        h(
            'table',
            { class: 'data-table compact' },
            h('thead', {}, h('tr', {}, ...['stage', 'splits', 'planned', 'evaluated'].map((t) => h('th', { class: 'num', text: t })))),
            h(
                'tbody',
                {},
                ...c.stages.map((s) =>
                    h('tr', {}, h('td', { class: 'num', text: String(s.stage + 1) }), h('td', { class: 'num', text: String(s.splits) }), h('td', { class: 'num', text: formatCount(s.planned) }), h('td', { class: 'num', text: formatCount(s.evaluated) })),
                ),
            ),
        ),
    );
}

function render(m: ResultMessage): void {
    const r = m.result;
    const scatterCard = section('Similarity of each signal');
    const curveCard = section('Learning curve');
    curveCard.id = 'learning-curve';
    replace(
        app(),
        h(
            'header',
            { class: 'page-head' },
            h('div', {}, h('h1', {}, `Benchmark ${String(r.benchmark)} `, h('span', { class: `state state-${r.state}`, text: r.state })), h('p', { class: 'muted', text: `${m.project} — results from the Vigil daemon (benchmark/result)` })),
            h(
                'div',
                { class: 'actions' },
                r.best
                    ? button('Compile Library…', () => {
                          post<ResultsFromView>({ type: 'compile' });
                      }, { icon: 'package', id: 'compile' })
                    : null,
                r.best
                    ? button('Open Emulator', () => {
                          post<ResultsFromView>({ type: 'emulator' });
                      }, { secondary: true, icon: 'vm', id: 'emulator' })
                    : null,
                button('Refresh', () => {
                    post<ResultsFromView>({ type: 'refresh' });
                }, { secondary: true, icon: 'refresh' }),
            ),
        ),
        r.best
            ? section('Best library', h('p', {}, h('code', { class: 'recipe', text: r.best.summary })), indicatorTiles(r.best.indicators))
            : message('warning', 'No best library: nothing was evaluated.'),
        h('div', { class: 'two-columns' }, scatterCard, h('div', {}, section('Held-out check', ...heldOut(r)), curveCard)),
        section('Top candidates', topTable(r)),
        section('Search', countsTable(r)),
    );
    scatter(scatterCard, m);
    learningCurve(curveCard, r);
}

export function results(): void {
    onMessage<ResultsToView>((m) => {
        switch (m.type) {
            case 'result':
                saveKey('results', m.key);
                render(m);
                break;
            case 'loading':
                replace(app(), h('p', { class: 'muted' }, h('vscode-progress-ring', {}), ` Loading the results of ${m.what}…`));
                break;
            case 'error':
                replace(app(), message('error', m.message));
                break;
        }
    });
}

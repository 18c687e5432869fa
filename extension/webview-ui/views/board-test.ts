// Board test (target/test): the verdict against the emulator, the real image's size, the time
// per call (cycles and latency on a board, instructions under QEMU), the first difference and
// every detection on both sides.
import { formatBytes, formatCount } from '../../src/model/format';
import type { BoardTestFromView, BoardTestReport, BoardTestToView } from '../../src/webviews/messages';
import { onMessage, post, saveKey } from '../api';
import { app, button, h, message, replace, section, tile } from '../dom';

function send(m: BoardTestFromView): void {
    post<BoardTestFromView>(m);
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
    return typeof v === 'object' && v !== null ? (v as Json) : {};
}

function num(v: unknown): number | undefined {
    return typeof v === 'number' ? v : undefined;
}

function str(v: unknown): string {
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** The mean per call, from the report's timing: "12,345 · 102.9 µs" (cycles) or "38,928" (instructions). */
function perCall(timing: Json, what: 'learn' | 'detect', clockHz: number | undefined): string {
    const cycles = num(obj(obj(timing.cycles)[what]).mean);
    if (cycles != null) {
        const us = clockHz ? (cycles * 1e6) / clockHz : undefined;
        return `${formatCount(Math.round(cycles))}${us != null ? ` · ${us.toFixed(1)} µs` : ''}`;
    }
    const instructions = num(obj(obj(timing.instructions)[what]).mean);
    return instructions != null ? formatCount(Math.round(instructions)) : 'not measured';
}

function render(m: BoardTestReport): void {
    const r = m.report;
    const board = obj(r.board);
    const runner = obj(r.runner);
    const library = obj(r.library);
    const image = obj(r.image);
    const timing = obj(r.timing);
    const a = r.agreement;
    const agree = r.verdict === 'agree';
    const onQemu = runner.kind === 'qemu';
    const clockHz = num(board.clock_hz);
    const diff = a.first_difference ? obj(a.first_difference) : undefined;
    const detect = r.detect.map(obj);
    replace(
        app(),
        h(
            'header',
            { class: 'page-head' },
            h(
                'div',
                {},
                h('h1', {}, `Library ${m.key.kind === 'board-test' ? String(m.key.library) : ''} (${str(library.id)}) on ${str(board.name)} `, h('span', { class: `state ${agree ? 'state-finished' : 'state-failed'}`, text: agree ? 'AGREES' : 'DIFFERS', attrs: { id: 'verdict' } })),
                h('p', { class: 'muted', text: `${m.project} — ${onQemu ? `run in QEMU (${str(obj(board).mcu) || 'the core\'s machine'}), instructions counted` : `flashed through OpenOCD, ${formatCount(clockHz ?? 0)} Hz core clock`}; learned ${m.learn.join(', ')}, detected ${m.detect.join(', ') || 'nothing'}` }),
            ),
            h(
                'div',
                { class: 'actions' },
                button('Run Again', () => {
                    send({ type: 'runAgain' });
                }, { icon: 'debug-restart', id: 'run-again' }),
                button('Copy Report', () => {
                    send({ type: 'copyReport' });
                }, { secondary: true, icon: 'copy' }),
            ),
        ),
        h(
            'div',
            { class: 'tiles' },
            tile('Agree with emulator', `${formatCount(a.matching)} of ${formatCount(a.total)}`, 'calls whose status and similarity are the emulator\'s, bit for bit', agree ? 'good' : 'bad'),
            tile(onQemu ? 'Instructions / learn' : 'Cycles / learn', perCall(timing, 'learn', clockHz), onQemu ? 'QEMU has no timing model: instructions, not cycles' : 'DWT cycle counter (SysTick on M0/M0+), latency at the catalog clock'),
            tile(onQemu ? 'Instructions / detect' : 'Cycles / detect', perCall(timing, 'detect', clockHz)),
            tile('Image flash', formatBytes(num(image.flash_bytes) ?? 0), `of ${formatBytes(num(image.board_flash_bytes) ?? 0)} on the board (arm-none-eabi-size)`),
            tile('Image RAM', formatBytes(num(image.ram_bytes) ?? 0), `of ${formatBytes(num(image.board_ram_bytes) ?? 0)}; stack ${formatBytes(num(image.stack_bytes) ?? 0)} besides`),
            tile('Run', `${(num(runner.seconds) ?? 0).toFixed(1)} s`, Array.isArray(runner.command) ? runner.command.map(str).join(' ') : ''),
        ),
        diff
            ? message('error', `First difference: ${str(diff.call)} ${String((num(diff.index) ?? 0) + 1)} (${str(diff.file)}:${str(diff.line)}), ${str(diff.field)}: board ${str(diff.board)}, emulator ${str(diff.emulator)}`)
            : message('info', `The ${onQemu ? 'QEMU machine' : 'board'} computed exactly what the emulator and the benchmark computed: ${formatCount(a.total)} calls (init, ${formatCount(r.learn.length)} learn, ${formatCount(detect.length)} detect).`),
        ...(Array.isArray(r.notes) ? r.notes.map((n) => h('p', { class: 'muted', text: n })) : []),
        section(
            'Detections, board and emulator',
            h(
                'div',
                { class: 'table-wrap tall' },
                h(
                    'table',
                    { class: 'data-table compact', attrs: { id: 'detections' } },
                    h(
                        'thead',
                        {},
                        h('tr', {}, h('th', { class: 'num', text: '#' }), h('th', { text: 'signal' }), h('th', { class: 'num', text: 'board' }), h('th', { class: 'num', text: 'emulator' }), h('th', { text: 'verdict' }), h('th', { text: 'same' }), h('th', { class: 'num', text: onQemu ? 'instructions' : 'cycles' })),
                    ),
                    h(
                        'tbody',
                        {},
                        ...detect.slice(0, 500).map((d, i) => {
                            const e = obj(d.emulator);
                            return h(
                                'tr',
                                { class: d.match === false ? 'mismatch-row' : '' },
                                h('td', { class: 'num', text: String(i + 1) }),
                                h('td', {}, h('code', { text: `${str(d.file).split('/').pop() ?? ''}:${str(d.line)}` })),
                                h('td', { class: 'num', text: str(d.similarity) || str(d.status) }),
                                h('td', { class: 'num', text: str(e.similarity) || str(e.status) }),
                                h('td', { text: d.anomaly === true ? 'anomaly' : d.anomaly === false ? 'nominal' : '—' }),
                                h('td', { text: d.match === true ? '✓' : '✗' }),
                                h('td', { class: 'num', text: formatCount(num(onQemu ? d.instructions : d.cycles) ?? 0) }),
                            );
                        }),
                    ),
                ),
            ),
            detect.length > 500 ? h('p', { class: 'muted', text: `The first 500 of ${formatCount(detect.length)} detections; Copy Report has them all.` }) : null,
        ),
    );
}

/** The run's bar (its width set through the CSSOM: the CSP allows no inline style attribute). */
function progressBar(percentage: number): HTMLElement {
    const fill = h('div', { class: 'bar-fill' });
    fill.style.width = `${String(Math.max(0, Math.min(100, percentage)))}%`;
    return h('div', { class: 'bar' }, fill);
}

export function boardTest(): void {
    onMessage<BoardTestToView>((m) => {
        switch (m.type) {
            case 'report':
                saveKey('board-test', m.key);
                render(m);
                break;
            case 'running':
                saveKey('board-test', m.key);
                replace(
                    app(),
                    h('header', { class: 'page-head' }, h('div', {}, h('h1', { text: m.title }), h('p', { class: 'muted', text: 'target/test: build the test firmware, flash or start QEMU, stream the signals, compare with the emulator' })), h('div', { class: 'actions' }, button('Cancel', () => {
                        send({ type: 'cancel' });
                    }, { secondary: true, icon: 'debug-stop', id: 'cancel' }))),
                    m.percentage != null ? progressBar(m.percentage) : null,
                    h('ol', { class: 'steps', attrs: { id: 'steps' } }, ...m.steps.map((s, i) => h('li', {}, i === m.steps.length - 1 ? h('vscode-progress-ring', {}) : null, ` ${s}`))),
                );
                break;
            case 'idle':
                saveKey('board-test', m.key);
                replace(app(), message('info', m.text), h('div', { class: 'actions left' }, button('Run Again', () => {
                    send({ type: 'runAgain' });
                }, { icon: 'debug-restart', id: 'run-again' })));
                break;
            case 'error':
                replace(app(), message('error', m.message), h('div', { class: 'actions left' }, button('Run Again', () => {
                    send({ type: 'runAgain' });
                }, { icon: 'debug-restart', id: 'run-again' })));
                break;
        }
    });
}

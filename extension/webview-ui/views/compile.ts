// Compile view (library/compile, the zip): target, RAM and flash, the compile flags to match,
// the example program (example/main.c) and the zip's contents with their sizes.
import { formatBytes, formatCount, formatRatio } from '../../src/model/format';
import type { CompileFromView, CompileToView, LibraryMessage } from '../../src/webviews/messages';
import { onMessage, post, saveKey } from '../api';
import { app, button, h, message, replace, section, tile } from '../dom';

function send(m: CompileFromView): void {
    post<CompileFromView>(m);
}

function text(v: unknown): string {
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function render(m: LibraryMessage): void {
    const meta = m.metadata;
    const r = m.record;
    const target = `${meta.target.core}, ${meta.target.float_abi} float${meta.target.fpu ? ` (${meta.target.fpu})` : ''}`;
    const signal = meta.signal;
    const abi = (meta as unknown as { abi?: { match_with?: unknown } }).abi;
    const total = m.entries.reduce((sum, e) => sum + e.bytes, 0);
    const hashes = meta.sha256;
    replace(
        app(),
        h(
            'header',
            { class: 'page-head' },
            h(
                'div',
                {},
                h('h1', { text: `Library ${String(r.id)} — ${meta.library}` }),
                h('p', { class: 'muted', text: `${m.project} — ${target}, compiled by ${text(meta.toolchain.version_line) || text(meta.toolchain.compiler)}${r.benchmark != null ? `, from benchmark ${String(r.benchmark)}` : ''}` }),
            ),
            h(
                'div',
                { class: 'actions' },
                button('Reveal Zip', () => {
                    send({ type: 'reveal' });
                }, { icon: 'folder-opened', id: 'reveal' }),
                button('Copy Path', () => {
                    send({ type: 'copy', what: 'path' });
                }, { secondary: true, icon: 'copy' }),
            ),
        ),
        h('p', {}, h('span', { class: 'muted', text: 'Zip: ' }), h('code', { text: m.zipPath, attrs: { id: 'zip-path' } }), m.zipBytes != null ? h('span', { class: 'muted', text: ` (${formatBytes(m.zipBytes)})` }) : null),
        h(
            'div',
            { class: 'tiles' },
            tile('RAM', formatBytes(meta.ram_bytes), 'state + scratch of the library (sizeof)'),
            tile('Flash', formatBytes(meta.flash_bytes), text((meta as unknown as Record<string, unknown>).flash_measured_as)),
            tile('Learn first', plural(meta.min_learn_calls), 'vigil_learn calls before vigil_detect'),
            tile('Signal', `${text(signal.axes)} × ${text(signal.length)}`, text(signal.layout)),
            tile('Target', meta.target.core),
            meta.indicators ? tile('Balanced accuracy', formatRatio(meta.indicators.balanced_accuracy), 'in the benchmark') : null,
        ),
        h('p', {}, h('code', { class: 'recipe', text: meta.recipe_summary })),
        m.zipProblem ? message('warning', m.zipProblem) : null,
        h(
            'div',
            { class: 'two-columns' },
            h(
                'div',
                {},
                section(
                    'Compile flags',
                    h('p', { class: 'muted', text: 'Build your firmware with the same ABI flags (float ABI, FPU, enum size) as the library:' }),
                    h('div', { class: 'flags', attrs: { id: 'flags' } }, ...meta.flags.map((f) => h('code', { class: 'flag', text: f }))),
                    abi && typeof abi.match_with === 'string' ? h('p', { class: 'muted' }, 'Also match: ', h('code', { text: abi.match_with })) : null,
                    h(
                        'div',
                        { class: 'actions left' },
                        button('Copy Flags', () => {
                            send({ type: 'copy', what: 'flags' });
                        }, { secondary: true, icon: 'copy' }),
                    ),
                ),
                section(
                    'Zip contents',
                    h('p', { class: 'muted', text: `${plural(m.entries.length, 'file')}, ${formatBytes(total)} uncompressed` }),
                    h(
                        'div',
                        { class: 'table-wrap tall' },
                        h(
                            'table',
                            { class: 'data-table compact', attrs: { id: 'zip-contents' } },
                            h('thead', {}, h('tr', {}, h('th', { text: 'file' }), h('th', { class: 'num', text: 'size' }), h('th', { text: 'sha256' }))),
                            h(
                                'tbody',
                                {},
                                ...m.entries.map((e) =>
                                    h(
                                        'tr',
                                        {},
                                        h('td', {}, h('code', { text: e.path })),
                                        h('td', { class: 'num', text: formatBytes(e.bytes) }),
                                        h('td', { class: 'hash', text: e.sha256.slice(0, 8), title: hashes[e.path] === e.sha256 ? `${e.sha256} (as metadata.json lists it)` : e.path === 'metadata.json' ? `${e.sha256} (metadata.json holds the hashes of the other files)` : e.sha256 }),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
            section(
                'Example: example/main.c',
                m.snippet !== undefined
                    ? h('pre', { class: 'code snippet', attrs: { id: 'snippet' } }, h('code', { text: m.snippet }))
                    : message('info', 'The example is not available.'),
                h(
                    'div',
                    { class: 'actions left' },
                    button('Open in Editor', () => {
                        send({ type: 'openSnippet' });
                    }, { secondary: true, icon: 'go-to-file', disabled: m.snippet === undefined }),
                    button('Copy', () => {
                        send({ type: 'copy', what: 'snippet' });
                    }, { secondary: true, icon: 'copy', disabled: m.snippet === undefined }),
                ),
            ),
        ),
    );
}

function plural(n: number, one = 'call', many = `${one}s`): string {
    return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function compileView(): void {
    onMessage<CompileToView>((m) => {
        switch (m.type) {
            case 'library':
                saveKey('compile', m.key);
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

// Building the page without innerHTML: every text from the daemon goes in as text.
type Child = Node | string | number | null | undefined | false;

export interface Props {
    /** Space-separated classes. */
    readonly class?: string;
    readonly text?: string;
    readonly title?: string;
    readonly id?: string;
    readonly attrs?: Readonly<Record<string, string | boolean | number | undefined>>;
    readonly on?: Readonly<Record<string, (e: Event) => void>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
    const el = document.createElement(tag);
    if (props.class) el.className = props.class;
    if (props.title) el.title = props.title;
    if (props.id) el.id = props.id;
    for (const [name, value] of Object.entries(props.attrs ?? {})) {
        if (value === undefined || value === false) continue;
        el.setAttribute(name, value === true ? '' : String(value));
    }
    for (const [name, handler] of Object.entries(props.on ?? {})) el.addEventListener(name, handler);
    if (props.text !== undefined) el.textContent = props.text;
    append(el, ...children);
    return el;
}

export function append(parent: Node, ...children: Child[]): void {
    for (const c of children) {
        if (c === null || c === undefined || c === false) continue;
        parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
}

/** Replaces the children of `el`. */
export function replace(el: Element, ...children: Child[]): void {
    el.replaceChildren();
    append(el, ...children);
}

export function app(): HTMLElement {
    const el = document.getElementById('app');
    if (!el) throw new Error('the page has no #app');
    return el;
}

/** A labelled figure: "Balanced accuracy / 95.0 %". */
export function tile(label: string, value: string, hint?: string, tone?: 'good' | 'warn' | 'bad'): HTMLElement {
    return h('div', { class: `tile${tone ? ` tone-${tone}` : ''}`, ...(hint ? { title: hint } : {}) }, h('div', { class: 'tile-label', text: label }), h('div', { class: 'tile-value', text: value }));
}

export function section(title: string, ...children: Child[]): HTMLElement {
    return h('section', { class: 'card' }, h('h2', { text: title }), ...children);
}

export function message(kind: 'error' | 'warning' | 'info', text: string): HTMLElement {
    return h('div', { class: `banner banner-${kind}`, attrs: { role: kind === 'error' ? 'alert' : 'status' } }, h('span', { class: `codicon codicon-${kind === 'info' ? 'info' : kind}` }), h('span', { text }));
}

export function button(label: string, onClick: () => void, options: { secondary?: boolean; icon?: string; id?: string; disabled?: boolean } = {}): HTMLElement {
    return h('vscode-button', {
        attrs: { secondary: options.secondary, icon: options.icon, id: options.id, disabled: options.disabled },
        on: {
            click: () => {
                onClick();
            },
        },
        text: label,
    });
}

// Colours come only from VS Code's theme: the CSS variables it sets on the page, read when a
// chart is drawn (canvas cannot use var()), and again whenever the theme changes.

/** The value of a theme variable (`--vscode-charts-blue`), or `fallback` when the theme has none. */
export function cssVar(name: string, fallback: string): string {
    const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim() || getComputedStyle(document.body).getPropertyValue(name).trim();
    return v || fallback;
}

export interface ChartTheme {
    readonly foreground: string;
    readonly muted: string;
    readonly grid: string;
    readonly background: string;
    readonly font: string;
    readonly blue: string;
    readonly red: string;
    readonly green: string;
    readonly yellow: string;
    readonly orange: string;
    readonly purple: string;
    readonly dark: boolean;
}

export function chartTheme(): ChartTheme {
    const foreground = cssVar('--vscode-foreground', '#cccccc');
    const family = cssVar('--vscode-font-family', 'sans-serif');
    const dark = !document.body.classList.contains('vscode-light') && !document.body.classList.contains('vscode-high-contrast-light');
    return {
        foreground,
        muted: cssVar('--vscode-descriptionForeground', foreground),
        grid: withAlpha(foreground, dark ? 0.13 : 0.16),
        background: cssVar('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
        font: `12px ${family}`,
        blue: cssVar('--vscode-charts-blue', '#3794ff'),
        red: cssVar('--vscode-charts-red', '#f14c4c'),
        green: cssVar('--vscode-charts-green', '#89d185'),
        yellow: cssVar('--vscode-charts-yellow', '#cca700'),
        orange: cssVar('--vscode-charts-orange', '#d18616'),
        purple: cssVar('--vscode-charts-purple', '#b180d7'),
        dark,
    };
}

/** `color` (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba()) with its alpha multiplied by `alpha`. */
export function withAlpha(color: string, alpha: number): string {
    const c = color.trim();
    let r: number, g: number, b: number, a = 1;
    const hex = /^#([0-9a-f]{3,8})$/i.exec(c)?.[1];
    if (hex && (hex.length === 3 || hex.length === 4)) {
        [r, g, b] = [0, 1, 2].map((i) => parseInt((hex[i] ?? '0').repeat(2), 16)) as [number, number, number];
        if (hex.length === 4) a = parseInt((hex[3] ?? 'f').repeat(2), 16) / 255;
    } else if (hex && (hex.length === 6 || hex.length === 8)) {
        [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
        if (hex.length === 8) a = parseInt(hex.slice(6, 8), 16) / 255;
    } else {
        const m = /^rgba?\(([^)]+)\)$/i.exec(c);
        if (!m?.[1]) return c;
        const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
        [r, g, b] = [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
        if (parts[3] !== undefined) a = parts[3];
    }
    return `rgba(${String(r)}, ${String(g)}, ${String(b)}, ${String(Math.round(a * alpha * 1000) / 1000)})`;
}

/** Calls `redraw` (debounced) when VS Code switches the theme: body class or the variables change. */
export function onThemeChange(redraw: () => void): void {
    let timer: number | undefined;
    const soon = () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(redraw, 50);
    };
    const observer = new MutationObserver(soon);
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}

// The page every Vigil webview loads: a strict Content-Security-Policy (nothing by default;
// scripts only with this page's nonce; styles, fonts and images only from the extension's
// webview folder), the bundled stylesheet and script, and the panel to draw in `data-view`.
// Plain logic (no `vscode`): host.ts fills in the webview's URIs.

export interface WebviewPage {
    /** `webview.cspSource`: the origin the webview serves the extension's files from. */
    readonly cspSource: string;
    /** A fresh random value for this page (see `makeNonce`). */
    readonly nonce: string;
    /** `asWebviewUri` of out/webview/main.js, main.css and codicon.css. */
    readonly scriptUri: string;
    readonly styleUri: string;
    readonly codiconUri: string;
    /** The codicon font, preloaded so the buttons' icons are there on first paint. */
    readonly codiconFontUri: string;
    /** Which panel the script draws (`ViewKind`). */
    readonly view: string;
    readonly title: string;
}

/** The policy: `default-src 'none'`, then only what the bundle needs. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
    return [
        "default-src 'none'",
        `img-src ${cspSource} data:`,
        `style-src ${cspSource}`,
        `font-src ${cspSource}`,
        `script-src 'nonce-${nonce}'`,
    ].join('; ');
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

export function webviewHtml(p: WebviewPage): string {
    const attr = (s: string) => escapeHtml(s);
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="preload" href="${attr(p.codiconFontUri)}" as="font" type="font/ttf" crossorigin>
<link rel="stylesheet" href="${attr(p.codiconUri)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${attr(p.styleUri)}">
<title>${escapeHtml(p.title)}</title>
</head>
<body data-view="${attr(p.view)}">
<main id="app" aria-live="polite"><p class="muted">Loading…</p></main>
<script nonce="${attr(p.nonce)}" src="${attr(p.scriptUri)}"></script>
</body>
</html>
`;
}

/** 32 characters of [A-Za-z0-9] from the given random source (crypto in host.ts). */
export function makeNonce(randomBytes: (n: number) => Uint8Array): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    return Array.from(randomBytes(32), (b) => alphabet[b % alphabet.length]).join('');
}

// The webview page: a strict CSP (nothing by default, scripts only with the page's nonce, styles
// and fonts only from the webview's own origin, nothing from the network), no inline style or
// script, and the bundle files the build writes and the .vsix ships.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { contentSecurityPolicy, escapeHtml, makeNonce, webviewHtml } from '../../src/model/webview-html';
import { extensionRoot } from './helpers';

const page = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'AbC123xyzAbC123xyzAbC123xyzAbC12',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/out/webview/main.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/out/webview/main.css',
    codiconUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/out/webview/codicon.css',
    codiconFontUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/out/webview/codicon.ttf',
    view: 'results',
    title: 'Benchmark 1 <results> & "more"',
};

describe('webview page', () => {
    it('has a strict content security policy', () => {
        const csp = contentSecurityPolicy(page.cspSource, page.nonce);
        const directives = new Map(csp.split(';').map((d) => {
            const [name = '', ...values] = d.trim().split(/\s+/);
            return [name, values] as const;
        }));
        assert.deepEqual(directives.get('default-src'), ["'none'"]);
        assert.deepEqual(directives.get('script-src'), [`'nonce-${page.nonce}'`]);
        assert.deepEqual(directives.get('style-src'), [page.cspSource]);
        assert.deepEqual(directives.get('font-src'), [page.cspSource]);
        assert.deepEqual(directives.get('img-src'), [page.cspSource, 'data:']);
        assert.ok(!csp.includes('unsafe'), csp);
        assert.ok(!/\*|http:|connect-src/.test(csp), csp);
    });

    it('loads one script, with the nonce, and no inline style or script', () => {
        const html = webviewHtml(page);
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        assert.equal(scripts.length, 1);
        assert.ok(scripts[0]?.includes(`nonce="${page.nonce}"`));
        assert.ok(scripts[0]?.includes(`src="${page.scriptUri}"`));
        assert.ok(!/<style\b|\sstyle=|\son\w+=/.test(html), 'no inline style or event handler');
        assert.ok(html.includes('id="vscode-codicon-stylesheet"'), 'the codicon sheet <vscode-icon> looks for');
        assert.ok(html.includes('data-view="results"'));
        assert.ok(html.includes('<title>Benchmark 1 &lt;results&gt; &amp; &quot;more&quot;</title>'));
    });

    it('escapes what goes into attributes and text', () => {
        assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    });

    it('makes 32-character alphanumeric nonces', () => {
        let i = 0;
        const nonce = makeNonce((n) => Uint8Array.from({ length: n }, () => (i += 37) % 256));
        assert.match(nonce, /^[A-Za-z0-9]{32}$/);
    });

    it('names the bundle files the build writes and the .vsix ships', () => {
        const host = readFileSync(path.join(extensionRoot, 'src', 'webviews', 'host.ts'), 'utf8');
        const ignore = readFileSync(path.join(extensionRoot, '.vscodeignore'), 'utf8');
        const esbuild = readFileSync(path.join(extensionRoot, 'scripts', 'esbuild.mjs'), 'utf8');
        for (const f of ['main.js', 'main.css', 'codicon.css', 'codicon.ttf']) {
            assert.ok(host.includes(`uri('${f}')`), `host.ts loads ${f}`);
            assert.ok(ignore.includes(`!out/webview/${f}`), `.vscodeignore ships out/webview/${f}`);
        }
        assert.ok(esbuild.includes("outdir: 'out/webview'") && esbuild.includes("entryPoints: ['webview-ui/main.ts']"));
        assert.ok(host.includes("joinPath(extensionUri, 'out', 'webview')"), 'localResourceRoots is the bundle folder');
    });
});

// package.json against the code: every command the code registers is contributed (with the
// Vigil category) and the other way round; views, colours, settings and media files the code
// names exist; menus only name contributed commands and views.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { extensionRoot } from './helpers';

interface Manifest {
    engines: { vscode: string };
    main: string;
    activationEvents: string[];
    contributes: {
        commands: { command: string; title: string; category?: string; icon?: string }[];
        views: Record<string, { id: string }[]>;
        viewsContainers: { activitybar: { id: string; icon: string }[] };
        menus: Record<string, { command: string; when?: string }[]>;
        configuration: { properties: Record<string, unknown> };
        colors: { id: string; defaults: Record<string, string> }[];
    };
}

const manifest = JSON.parse(readFileSync(path.join(extensionRoot, 'package.json'), 'utf8')) as Manifest;

function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
        const p = path.join(dir, f);
        return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.generated.ts') ? [p] : [];
    });
}
const code = sources(path.join(extensionRoot, 'src')).map((f) => readFileSync(f, 'utf8')).join('\n');

describe('package.json', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));

    it('contributes exactly the commands the code registers', () => {
        // Command tables: `'vigil.x': { enabled... }` or `'vigil.x': xCommand(app)`.
        const registered = new Set([...code.matchAll(/'(vigil\.[A-Za-z.]+)':\s*(?:\{|\w+Command\()/g)].map((m) => m[1]));
        assert.deepEqual([...registered].sort(), [...contributed].sort());
        for (const c of manifest.contributes.commands) assert.equal(c.category, 'Vigil', c.command);
    });
    it('only runs contributed (or built-in) commands', () => {
        const used = new Set([...code.matchAll(/command:\s*'([\w.]+)'|executeCommand\('([\w.]+)'|commandLink\('[^']*', '([\w.]+)'/g)].map((m) => m[1] ?? m[2] ?? m[3]));
        const builtIn = new Set(['vscode.open', 'revealInExplorer', 'workbench.action.openSettings', 'workbench.actions.view.problems', 'setContext', 'workbench.view.extension.vigil']);
        for (const id of used) if (id && !builtIn.has(id)) assert.ok(contributed.has(id), `${id} is used but not contributed`);
    });
    it('has menus naming contributed commands and views', () => {
        const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));
        for (const [menu, items] of Object.entries(manifest.contributes.menus))
            for (const item of items) {
                assert.ok(contributed.has(item.command), `${menu}: ${item.command}`);
                for (const m of (item.when ?? '').matchAll(/view == ([\w.]+)/g)) assert.ok(views.has(m[1] ?? ''), `${menu}: unknown view ${m[1] ?? ''}`);
            }
        for (const id of views) assert.ok(code.includes(`'${id}'`), `view ${id} has no provider`);
    });
    it('contributes the colours, settings and media the code uses', () => {
        const colors = new Set(manifest.contributes.colors.map((c) => c.id));
        for (const m of code.matchAll(/ThemeColor\('(vigil\.[\w.]+)'\)/g)) assert.ok(colors.has(m[1] ?? ''), `colour ${m[1] ?? ''}`);
        for (const c of manifest.contributes.colors) for (const theme of ['dark', 'light', 'highContrast']) assert.ok(c.defaults[theme], `${c.id} ${theme}`);
        const settings = Object.keys(manifest.contributes.configuration.properties);
        for (const m of code.matchAll(/section\.get(?:<[^>]+>)?\('([\w.]+)'\)/g)) assert.ok(settings.includes(`vigil.${m[1] ?? ''}`), `setting vigil.${m[1] ?? ''}`);
        assert.deepEqual(settings.sort(), [
            'vigil.benchmark.jobs',
            'vigil.benchmark.maxSplits',
            'vigil.benchmark.spaceLimit',
            'vigil.benchmark.timeLimit',
            'vigil.serverPath',
            'vigil.serverUrl',
            'vigil.trace',
        ]);
        for (const m of code.matchAll(/media\('([\w.-]+)'\)/g)) assert.ok(existsSync(path.join(extensionRoot, 'media', m[1] ?? '')), `media/${m[1] ?? ''}`);
        for (const c of manifest.contributes.viewsContainers.activitybar) assert.ok(existsSync(path.join(extensionRoot, c.icon)), c.icon);
    });
    it('activates on vigil.json (and to revive its webview panels) and targets the VS Code of code-server 4.100', () => {
        const viewTypes = [...code.matchAll(/^\s+'?[\w-]+'?: '(vigil\.\w+)',$/gm)].map((m) => m[1]);
        assert.deepEqual(viewTypes, ['vigil.signalPreview', 'vigil.benchmarkLive', 'vigil.results', 'vigil.emulator', 'vigil.compile', 'vigil.boardTest']);
        assert.deepEqual(manifest.activationEvents, ['workspaceContains:vigil.json', ...viewTypes.map((v) => `onWebviewPanel:${v}`)]);
        assert.equal(manifest.engines.vscode, '^1.100.0');
        assert.equal(manifest.main, './out/extension.js');
    });
});

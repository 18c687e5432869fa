#!/usr/bin/env node
// Bundles the extension (src/extension.ts -> out/extension.js: cjs, node, `vscode` external) and
// the webviews' browser code (webview-ui/main.ts -> out/webview/main.js and main.css: iife,
// browser, with uPlot, its CSS and @vscode-elements/elements inside; the codicon font copied
// beside them), or, with --tests, each unit test (test/unit/*.test.ts -> out-test/*.test.js)
// for `node --test`.
//
//   node scripts/esbuild.mjs [--production] [--watch] [--tests]
//
// Tests are bundled without `vscode` available, so a test that pulls in a module importing
// `vscode` fails to build: the unit-tested code (src/model/) stays plain Node.
// Errors are printed as `file:line:column: error: text`, which VS Code's problem matchers read.

import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
for (const a of args)
    if (!['--production', '--watch', '--tests'].includes(a)) {
        console.error(`esbuild.mjs: unknown argument '${a}' (usage: esbuild.mjs [--production] [--watch] [--tests])`);
        process.exit(64);
    }
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');

const problemMatcher = {
    name: 'problem-matcher',
    setup(build) {
        build.onEnd((result) => {
            for (const { text, location } of [...result.errors, ...result.warnings]) {
                const where = location ? `${location.file}:${location.line}:${location.column + 1}: ` : '';
                console.error(`${where}${result.errors.some((e) => e.text === text) ? 'error' : 'warning'}: ${text}`);
            }
            if (watch) console.error(`[watch] build finished with ${result.errors.length} error(s)`);
        });
    },
};

const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    plugins: [problemMatcher],
};

function extensionOptions() {
    return {
        ...common,
        entryPoints: ['src/extension.ts'],
        outfile: 'out/extension.js',
        // ws's optional native speed-ups are loaded in a try/catch: leave them out of the bundle.
        external: ['vscode', 'bufferutil', 'utf-8-validate'],
        minify: production,
        sourcemap: production ? false : 'linked',
        sourcesContent: false,
    };
}

function webviewOptions() {
    return {
        ...common,
        entryPoints: ['webview-ui/main.ts'],
        outdir: 'out/webview',
        entryNames: '[name]',
        format: 'iife',
        platform: 'browser',
        target: ['chrome120'],
        // Everything the page runs is in main.js and main.css: the CSP allows nothing else.
        loader: { '.css': 'css' },
        minify: production,
        sourcemap: production ? false : 'linked',
        sourcesContent: false,
        legalComments: 'none',
    };
}

/** The codicon font of @vscode/codicons, which <vscode-icon> and the buttons' icons use. */
function copyCodicons() {
    const from = join(root, 'node_modules', '@vscode', 'codicons', 'dist');
    const to = join(root, 'out', 'webview');
    mkdirSync(to, { recursive: true });
    for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(join(from, f), join(to, f));
}

function testOptions() {
    const dir = join(root, 'test', 'unit');
    const entryPoints = readdirSync(dir)
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => `test/unit/${f}`);
    rmSync(join(root, 'out-test'), { recursive: true, force: true });
    return {
        ...common,
        entryPoints,
        outdir: 'out-test',
        // The TypeScript compiler is loaded from node_modules at run time (the generator test
        // type-checks its output); everything else is bundled.
        external: ['typescript'],
        sourcemap: 'inline',
    };
}

const builds = tests ? [testOptions()] : [extensionOptions(), webviewOptions()];
try {
    if (!tests) copyCodicons();
    if (watch) {
        for (const options of builds) {
            const ctx = await esbuild.context(options);
            await ctx.watch();
        }
        console.error('[watch] watching for changes');
    } else {
        await Promise.all(builds.map((options) => esbuild.build(options)));
    }
} catch {
    // Already printed by the problem matcher plugin.
    process.exit(1);
}

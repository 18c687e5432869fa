// The Vigil extension end to end in a real VS Code (code-server), driven like a person would
// with playwright-core and Debian's Chromium: create a project with the wizard, import both
// signal files, see the warning in Problems, preview the signals, run a benchmark with its live
// chart, open the results, see the verdicts in a signal file, run the emulator, compile a
// library; then switch to a light theme (Preferences: Color Theme) and look at every view again. Every step asserts on
// what is visible (tree rows, notifications, Problems entries, CodeLens text, webview text) and
// saves a screenshot of each view, in both themes, to the artifacts folder.
//
// Started by ./run, which installs code-server and this folder's packages, builds the .vsix,
// installs it and starts code-server. Environment (all set by ./run):
//   E2E_URL        code-server's URL (http://127.0.0.1:PORT/)
//   E2E_WORKSPACE  the folder VS Code opens (the example data is in its example/)
//   E2E_EXT_DIR    code-server's --extensions-dir (where the .vsix was installed)
//   E2E_ARTIFACTS  where the screenshots go
//   E2E_NODE_MODULES  this folder's installed packages (playwright-core)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const env = (name) => {
    const v = process.env[name];
    if (!v) {
        console.error(`e2e.mjs: ${name} is not set (run tests/e2e_vscode/run)`);
        process.exit(64);
    }
    return v;
};
const url = env('E2E_URL');
const workspace = env('E2E_WORKSPACE');
const extDir = env('E2E_EXT_DIR');
const artifacts = env('E2E_ARTIFACTS');
const require = createRequire(path.join(env('E2E_NODE_MODULES'), 'noop.js'));
const { chromium } = require('playwright-core');

const projectName = 'fan-monitor';
const regularFile = path.join(workspace, 'example', 'regular.csv');
const abnormalFile = path.join(workspace, 'example', 'abnormal.csv');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- results ---

const outcomes = [];
const consoleProblems = [];
let page;
let theme = 'dark';

function log(text) {
    console.log(`[${elapsed()}] ${text}`);
}

async function shot(name, { keepMouse = false } = {}) {
    const file = path.join(artifacts, `${name}-${theme}.png`);
    // No tooltip from where the mouse last was: the activity bar's empty part.
    if (!keepMouse) {
        await page.mouse.move(20, 650);
        await sleep(150);
    }
    await page.screenshot({ path: file });
    log(`  screenshot ${path.relative(process.cwd(), file)}`);
    return file;
}

/** Runs one step; a failure is recorded (with a screenshot) and the next steps still run. */
async function step(name, body) {
    log(`STEP ${name}`);
    const t = Date.now();
    try {
        await body();
        outcomes.push({ name, ok: true });
        log(`  ok (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    } catch (e) {
        outcomes.push({ name, ok: false, error: e });
        log(`  FAILED: ${e instanceof Error ? e.message : String(e)}`);
        try {
            await page.screenshot({ path: path.join(artifacts, `FAILED-${name.replace(/[^\w]+/g, '-')}-${theme}.png`) });
        } catch {
            // the page may be gone
        }
        // Leave the UI in a known state: close whatever quick input is open.
        try {
            await page.keyboard.press('Escape');
            await page.keyboard.press('Escape');
        } catch {
            // ignore
        }
    }
}

function check(cond, what) {
    if (!cond) throw new Error(what);
}

// --- VS Code helpers ---

async function waitFor(what, fn, timeoutMs = 20_000, everyMs = 200) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
        try {
            const v = await fn();
            if (v) return v;
        } catch (e) {
            last = e;
        }
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (${last.message ?? last})` : ''}`);
        await sleep(everyMs);
    }
}

/** The quick input's visible text: title, prompt/validation message, placeholder and rows. */
async function quickInputText() {
    return page.evaluate(() => {
        const w = document.querySelector('.quick-input-widget');
        if (!w || w.style.display === 'none' || w.offsetParent === null) return undefined;
        const input = w.querySelector('.quick-input-box input');
        return `${w.innerText}\n${input?.getAttribute('placeholder') ?? ''}\n${input?.getAttribute('aria-label') ?? ''}`;
    });
}

/** Waits for a quick input whose text matches, types `value` (replacing what is there) and presses Enter. */
async function answer(expect, value, { timeoutMs = 20_000, pick } = {}) {
    await waitFor(`a quick input matching ${expect}`, async () => expect.test((await quickInputText()) ?? ''), timeoutMs);
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(value);
    if (pick) {
        // A QuickPick: wait until the row to pick is the first one shown.
        await waitFor(`the row ${pick}`, async () => {
            const first = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().innerText();
            return pick.test(first);
        });
    }
    await sleep(150);
    await input.press('Enter');
}

/** The editor's hover at the cursor, from the keyboard (Ctrl+K Ctrl+I), the mouse out of the way. */
async function keyboardHover() {
    await page.mouse.move(20, 650);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
}

/** Gives the keyboard back to the workbench (a click in a webview keeps it in the webview's frame). */
async function focusWorkbench() {
    await page.locator('.part.titlebar').click({ position: { x: 200, y: 12 } });
    await page.keyboard.press('Escape');
}

/** Runs a command from the palette by its title (the row whose label is exactly it). */
async function command(title) {
    await focusWorkbench();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    // Labels without the trailing ellipsis ("New Project…", "Go to File..."): the exact one first,
    // else the first that starts with the title.
    const bare = (s) => s.replace(/\s+/g, ' ').trim().replace(/(…|\.\.\.)$/, '');
    let labels = [];
    const index = await waitFor(`the command "${title}"`, async () => {
        labels = (await rows.allInnerTexts()).map((t) => bare(t.split('\n')[0] ?? ''));
        let i = labels.findIndex((l) => l === bare(title));
        if (i < 0) i = labels.findIndex((l) => l.startsWith(bare(title)));
        return i >= 0 ? i + 1 : undefined;
    }).catch((e) => {
        throw new Error(`${e.message}; the palette shows: ${labels.join(' | ')}`);
    });
    await rows.nth(index - 1).click();
}

async function goToLine(line) {
    await command('Go to Line/Column...');
    // The quick input starts with ':' (go to line); without it, it would search files.
    await answer(/./, `:${String(line)}`);
}

async function notifications() {
    return page.locator('.notifications-toasts .notification-toast').allInnerTexts();
}

/**
 * Waits for a notification whose text matches; returns the matching line. A toast hides itself
 * after a while: then the notification centre (where it went) is looked at.
 */
async function notification(re, timeoutMs = 30_000) {
    const line = (text) => text.split('\n').find((l) => re.test(l)) ?? text.replace(/\n/g, ' ');
    try {
        return line(await waitFor(`a notification matching ${re}`, async () => (await notifications()).find((t) => re.test(t.replace(/\n/g, ' '))), timeoutMs));
    } catch (e) {
        await command('Notifications: Show Notifications');
        const rows = await page.locator('.notifications-center .monaco-list-row').allInnerTexts().catch(() => []);
        await command('Notifications: Hide Notifications').catch(() => undefined);
        const found = rows.find((t) => re.test(t.replace(/\n/g, ' ')));
        if (found) return line(found);
        throw e;
    }
}

async function clickNotificationButton(re, label) {
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: re }).first();
    await toast.locator('.monaco-button', { hasText: label }).first().click();
}

async function clearNotifications() {
    await page.keyboard.press('Escape');
    try {
        await command('Notifications: Clear All Notifications');
    } catch {
        // none
    }
}

/** Opens the Vigil container in the activity bar; returns the rows of its trees. */
async function vigilRows() {
    const container = page.locator('[id="workbench.view.extension.vigil"]');
    if (!(await container.isVisible().catch(() => false))) await page.locator('.activitybar .action-item a[aria-label^="Vigil"]').first().click();
    await container.waitFor({ state: 'visible' });
    return container.locator('.monaco-list-row').allInnerTexts();
}

/** Expands a collapsed pane of the Vigil container (Libraries and Boards start collapsed). */
async function expandPane(title) {
    await vigilRows();
    const header = page.locator('[id="workbench.view.extension.vigil"] .pane-header', { hasText: title }).first();
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
}

async function openFile(file) {
    await command('Go to File...');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(path.relative(workspace, file));
    await waitFor(`${path.basename(file)} in Quick Open`, async () => (await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().innerText()).includes(path.basename(file)));
    await input.press('Enter');
    await page.locator(`.tabs-container .tab[aria-label*="${path.basename(file)}"]`).first().waitFor({ state: 'visible' });
}

/** The frame of the visible webview of a kind (its <body data-view>). */
async function webview(view, timeoutMs = 30_000) {
    return waitFor(`the ${view} webview`, async () => {
        for (const f of page.frames()) {
            try {
                if (await f.$(`body[data-view="${view}"]`)) return f;
            } catch {
                // a frame that went away
            }
        }
        return undefined;
    }, timeoutMs);
}

async function frameText(frame) {
    return frame.evaluate(() => document.body.innerText);
}

/** Waits until the webview shows `re` (its data arrived and was drawn). */
async function webviewShows(view, re, timeoutMs = 30_000) {
    return waitFor(`the ${view} webview to show ${re}`, async () => {
        const f = await webview(view, timeoutMs);
        return re.test(await frameText(f)) ? f : undefined;
    }, timeoutMs);
}

/** The charts of a webview: the values each holds (data-points) and its canvas size. */
async function charts(frame) {
    return frame.evaluate(() =>
        [...document.querySelectorAll('.chart')].map((c) => {
            const canvas = c.querySelector('canvas');
            return { points: Number(c.dataset.points ?? 0), w: canvas?.width ?? 0, h: canvas?.height ?? 0 };
        }),
    );
}

/** The share of a chart's canvas that is painted (an empty chart has only its grid and labels). */
async function chartInk(frame, index = 0) {
    return frame.evaluate((i) => {
        const c = document.querySelectorAll('.chart canvas')[i];
        if (!c || !c.width) return 0;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let p = 3; p < d.length; p += 4) if (d[p] > 0) painted++;
        return painted / (c.width * c.height);
    }, index);
}

/** Waits until `count` charts hold data and are drawn. */
async function chartsDrawn(frame, count) {
    return waitFor(`${count} drawn chart(s)`, async () => {
        const c = await charts(frame);
        return c.filter((x) => x.points > 0 && x.w > 100).length >= count ? c : undefined;
    }, 15_000);
}

async function tab(title) {
    const t = page.locator('.tabs-container .tab', { hasText: title }).first();
    await t.click();
    return t;
}

/** Switches the colour theme as a person does: Preferences: Color Theme, type its name, Enter. */
async function setTheme(name) {
    await command('Preferences: Color Theme');
    await answer(/Select Color Theme/, name, { pick: new RegExp(`^${name}`) });
}

// --- the flow ---

const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
page = await context.newPage();
page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to (load|apply|execute|connect)/i.test(text)) consoleProblems.push(text);
});
page.on('pageerror', (e) => {
    if (/vigil|uplot|vscode-elements/i.test(`${e.message} ${e.stack ?? ''}`)) consoleProblems.push(`page error: ${e.message}`);
});

await step('the .vsix is installed in code-server', async () => {
    const installed = readdirSync(extDir).filter((d) => d.startsWith('vigil.vigil-'));
    check(installed.length === 1, `extensions folder holds ${installed.join(', ') || 'no vigil extension'}`);
    const dir = path.join(extDir, installed[0]);
    check(statSync(path.join(dir, 'server', 'vigild')).mode & 0o100, 'server/vigild is executable');
    check(existsSync(path.join(dir, 'server', 'libicount.so')), 'server/libicount.so (QEMU board tests count instructions)');
    check(existsSync(path.join(dir, 'out', 'webview', 'main.js')), 'the webview bundle is in the .vsix');
});

await step('VS Code opens the folder with the example data', async () => {
    await page.goto(`${url}?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await waitFor('the dark theme', () => page.locator('.monaco-workbench.vs-dark').count(), 30_000);
    await waitFor('the example folder in the Explorer', async () => (await page.locator('.explorer-folders-view .monaco-list-row').allInnerTexts()).some((t) => t.includes('example')), 30_000);
    await sleep(1500);
});

await step('the wizard creates the project', async () => {
    await command('Vigil: New Project');
    await answer(/Where should the project live/, path.basename(workspace), { pick: new RegExp(path.basename(workspace)) });
    await answer(/Project name/, projectName);
    await answer(/Description/, 'Fan bearing, accelerometer on the motor housing (end-to-end test)');
    await answer(/Target core/, 'cortex-m4', { pick: /cortex-m4/ });
    await answer(/Max RAM/, '16');
    await answer(/Sensor type/, 'accelerometer', { pick: /accelerometer/ });
    await answer(/What each line holds/, 'vibration', { pick: /^vibration/ });
    await answer(/Axes per sample/, '3');
    await answer(/Sampling rate/, '1600');
    const text = await notification(/Project 'fan-monitor' created/);
    check(/cortex-m4, 16 kB RAM, accelerometer with 3 axes, kind vibration/.test(text), `notification: ${text}`);
    check(existsSync(path.join(workspace, 'vigil.json')), 'vigil.json written');
    const rows = await waitFor('the project in the Vigil sidebar', async () => {
        const r = await vigilRows();
        return r.some((t) => /fan-monitor/.test(t)) ? r : undefined;
    });
    log(`  Vigil rows: ${rows.join(' | ').replace(/\n/g, ' ')}`);
    // The list renders only the rows in view: the Project view opens tall enough (its
    // initialSize) to show every setting down to the folder without scrolling.
    check(rows.some((t) => /^Kind/.test(t)) && rows.some((t) => /^Folder/.test(t)), `every Project row in view: ${rows.join(' | ')}`);
    await shot('sidebar-project');
    await clearNotifications();
});

await step('both signal files are imported and checked', async () => {
    for (const [file, role, expect] of [
        [regularFile, 'Regular', /regular\.csv: 201 signals of 256 samples × 3 axes, 1 warning/],
        [abnormalFile, 'Abnormal', /abnormal\.csv: 200 signals of 256 samples × 3 axes, clean/],
    ]) {
        await command('Vigil: Import Signal File');
        // code-server's file dialog is a quick input: type the path, Enter.
        await answer(/Import Signal File \(one signal per line\)/, file, { timeoutMs: 20_000 });
        await answer(/What do these signals show/, role, { pick: new RegExp(role) });
        log(`  ${await notification(expect, 30_000)}`);
    }
    const rows = await waitFor('both files checked in the Signals view', async () => {
        const r = await vigilRows();
        return r.some((t) => /regular\.csv.*201 signals × 256 · 1 warning/s.test(t)) && r.some((t) => /abnormal\.csv.*200 signals × 256 · clean/s.test(t)) ? r : undefined;
    });
    log(`  Vigil rows: ${rows.join(' | ').replace(/\n/g, ' ')}`);
    // The pair is now the project's group in vigil.json, which `vigil bench` alone would use.
    const settings = await waitFor('the group in vigil.json', async () => {
        const j = JSON.parse(readFileSync(path.join(workspace, 'vigil.json'), 'utf8'));
        return j.signals?.length ? j : undefined;
    });
    check(settings.signals.length === 1 && settings.signals[0].regular === 'example/regular.csv' && settings.signals[0].abnormal === 'example/abnormal.csv', `vigil.json signals: ${JSON.stringify(settings.signals)}`);
    await shot('sidebar-signals');
});

await step('a setting is edited in place in the Project view', async () => {
    await clearNotifications();
    await vigilRows();
    const row = page.locator('[id="workbench.view.extension.vigil"] .monaco-list-row', { hasText: 'Max RAM' }).first();
    // A click on the row edits it. The tree may be redrawing after the import wrote vigil.json
    // (a click then lands on a row being replaced): click again until the input box opens.
    const edit = async () => {
        for (let attempt = 1; ; ++attempt) {
            await row.click();
            try {
                await waitFor('the Max RAM input', async () => /Max RAM of the library/.test((await quickInputText()) ?? ''), 4_000);
                return;
            } catch (e) {
                if (attempt === 3) throw e;
                await page.keyboard.press('Escape');
            }
        }
    };
    await edit();
    // The same validation as the wizard, under the input box.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('0.1');
    await waitFor('the validation message', async () => /Max RAM: from 0\.25/.test(await page.locator('.quick-input-widget').innerText()), 5_000);
    await shot('project-edit');
    await input.fill('24');
    await sleep(150);
    await input.press('Enter');
    await waitFor('24 kB in the Project view', async () => (await vigilRows()).some((t) => /Max RAM\s*24 kB/.test(t)));
    check(JSON.parse(readFileSync(path.join(workspace, 'vigil.json'), 'utf8')).max_ram_kb === 24, 'vigil.json says 24 kB');
    // And back, so the benchmark below runs with the wizard's budget.
    await edit();
    await answer(/Max RAM of the library/, '16');
    await waitFor('16 kB in the Project view', async () => (await vigilRows()).some((t) => /Max RAM\s*16 kB/.test(t)));
    check(JSON.parse(readFileSync(path.join(workspace, 'vigil.json'), 'utf8')).max_ram_kb === 16, 'vigil.json says 16 kB again');
});

await step('the duplicated line is a warning in Problems', async () => {
    await clearNotifications();
    await command('View: Focus Problems');
    const rows = await waitFor('the warning in Problems', async () => {
        const r = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
        return r.some((t) => /repeat an earlier line/.test(t)) ? r : undefined;
    });
    check(rows.some((t) => /regular\.csv/.test(t)), `Problems rows: ${rows.join(' | ')}`);
    const badge = await page.locator('.statusbar-item[id="status.problems"]').innerText();
    check(/1/.test(badge), `status bar problems: ${badge}`);
    // Open the warning: the editor goes to line 201, the duplicate, with its squiggle.
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'repeat an earlier line' }).first().dblclick();
    await page.locator('.tabs-container .tab[aria-label*="regular.csv"]').first().waitFor({ state: 'visible' });
    await waitFor('the warning squiggle', () => page.locator('.monaco-editor .squiggly-warning').count(), 10_000);
    await sleep(300);
    await shot('problems');
    await page.keyboard.press('Escape');
    await command('View: Hide Panel');
});

await step('the signal preview draws mean, bands and spectrum', async () => {
    await openFile(regularFile);
    await command('Vigil: Preview Signals');
    const f = await webviewShows('signal-preview', /201 signals × 256 samples × 3 axes at 1600 Hz/);
    const drawn = await chartsDrawn(f, 3);
    check(drawn[0].points === 5 * 256, `axis x holds min, max, ±std and mean of 256 samples: ${drawn[0].points}`);
    check((await chartInk(f, 0)) > 0.05, 'the bands are painted');
    await shot('signal-preview');
    await f.locator('[data-tab="spectrum"]').click();
    await chartsDrawn(f, 4);
    await sleep(400);
    check(/Mean amplitude spectrum/.test(await frameText(f)), 'spectrum heading');
    await shot('signal-spectrum');
});

await step('a short benchmark runs to completion with the live chart', async () => {
    await command('Vigil: Start Benchmark');
    await answer(/Which signals/, 'regular', { pick: /regular\.csv vs abnormal\.csv/ });
    const f = await webviewShows('benchmark-live', /Benchmark 1/, 30_000);
    // While it runs: the Stop button, a percentage, the curves growing.
    try {
        await waitFor('the benchmark a third done', async () => {
            const m = /^(\d+) % —/m.exec(await frameText(f));
            return m && Number(m[1]) >= 30 && (await f.locator('#stop').isVisible());
        }, 15_000, 100);
        await shot('benchmark-live-running');
    } catch {
        log('  (the benchmark ended before the running state could be captured)');
    }
    const live = await webviewShows('benchmark-live', /FINISHED|finished/, 120_000);
    log(`  ${await notification(/Benchmark 1 finished: \d+ of \d+ evaluations\./, 10_000)}`);
    await clearNotifications();
    const drawn = await chartsDrawn(live, 3);
    log(`  live chart points: ${drawn.map((c) => c.points).join(', ')}`);
    const text = await frameText(live);
    check(/Best balanced accuracy/.test(text) && /Candidates per second/.test(text), `live figures: ${text.slice(0, 300)}`);
    check(await live.locator('#open-results').isVisible(), 'Open Results button');
    await sleep(300);
    await shot('benchmark-live');
});

await step('the results show the scatter, the top candidates, the learning curve and the held-out check', async () => {
    // The live chart's own button (its message goes through the webview host).
    const live = await webview('benchmark-live');
    await live.locator('#open-results').click();
    const f = await webviewShows('results', /Top candidates/, 30_000);
    const text = await frameText(f);
    check(/Recommended minimum: \d+ learn calls/.test(text), 'recommended minimum of learn calls');
    check(/Held-out check (passed|warning)|Held-out warning/.test(text), 'held-out check');
    const rows = await f.locator('#top-candidates tbody tr').count();
    check(rows >= 5, `top candidates: ${rows} rows`);
    await clearNotifications();
    const drawn = await chartsDrawn(f, 2);
    check(drawn[0].points > 100, `the scatter holds the similarities: ${drawn[0].points} values`);
    await shot('results');
    await f.evaluate(() => document.getElementById('learning-curve')?.scrollIntoView());
    await sleep(300);
    await shot('results-curve');
    await f.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await sleep(300);
    await shot('results-bottom');
    await f.evaluate(() => window.scrollTo(0, 0));
});

await step('the signal files show the inline verdicts', async () => {
    await clearNotifications();
    await openFile(regularFile);
    await goToLine(1);
    const regularLens = await waitFor('the verdict CodeLens of regular.csv', async () => {
        const t = await page.locator('.monaco-editor .codelens-decoration').allInnerTexts();
        return t.find((x) => /benchmark 1: [\d.]+ % balanced accuracy — \d+ of \d+ lines below 90 %/.test(x));
    });
    log(`  regular.csv CodeLens: ${regularLens.split('\n')[0]}`);
    await openFile(abnormalFile);
    await goToLine(1);
    const lens = await waitFor('the verdict CodeLens of abnormal.csv', async () => {
        const t = await page.locator('.monaco-editor .codelens-decoration').allInnerTexts();
        return t.find((x) => /benchmark 1: [\d.]+ % balanced accuracy — \d+ of \d+ lines below 90 %/.test(x));
    });
    log(`  abnormal.csv CodeLens: ${lens.split('\n')[0]}`);
    const below = Number(/— (\d+) of/.exec(lens)?.[1] ?? 0);
    check(below > 0, 'anomalies in the abnormal file');
    const marks = await page.locator('.monaco-editor .cgmr').count();
    check(marks > 0, 'gutter marks on detected lines');
    // The hover on a detected line: the first detected lines of split 0 (learned lines have no verdict).
    let hover = '';
    for (const line of [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]) {
        await goToLine(line);
        await keyboardHover();
        try {
            hover = await waitFor('the verdict hover', async () => {
                const t = await page.locator('.monaco-hover').allInnerTexts();
                return t.find((x) => /similarity [\d.() ]+\/ 100 → anomaly/.test(x));
            }, 2_500);
            break;
        } catch {
            await page.keyboard.press('Escape');
        }
    }
    check(hover, 'a hover with the similarity of an anomaly');
    log(`  hover: ${hover.replace(/\n+/g, ' ')}`);
    await sleep(500);
    await shot('verdicts', { keepMouse: true });
    await page.keyboard.press('Escape');
});

await step('the emulator runs init, sensitivity, learn and detect, from files and pasted values', async () => {
    await command('Vigil: Open Emulator');
    const f = await webviewShows('emulator', /Run All in Order/, 30_000);
    const logText = () => f.locator('#emulator-log').innerText();
    // One abnormal signal pasted: learn the regular file, then detect the paste.
    const line = readFileSync(abnormalFile, 'utf8').split('\n')[0];
    await f.locator('#pasted').evaluate((el, v) => {
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
    }, line);
    await f.locator('#learn').click();
    await waitFor('the learn call in the log', async () => /learned 201 signals/.test(await logText()), 20_000);
    await f.locator('#detect-source').evaluate((el) => {
        el.value = '__pasted__';
        el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await f.locator('#detect').click();
    await waitFor('the pasted detection in the log', async () => /the pasted signals: 1 signal detected/.test(await logText()), 20_000);
    // Run all in order: init, sensitivity, learn, detect a file.
    await f.locator('#detect-source').evaluate((el) => {
        el.value = 'example/abnormal.csv';
        el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await f.locator('#run-all').click();
    await waitFor('the detection in the log', async () => /example\/abnormal\.csv: 200 signals detected — \d+ nominal, \d+ anomal/.test(await logText()), 30_000);
    const text = await logText();
    check(/run all: init, sensitivity 1, learn example\/regular\.csv, detect example\/abnormal\.csv/.test(text), `log: ${text}`);
    check(/knowledge forgotten/.test(text), 'init in the log');
    check(/ready to detect/.test(await frameText(f)), 'session state ready');
    await chartsDrawn(f, 1);
    await sleep(300);
    await shot('emulator');
});

let zipPath;
await step('a library is compiled and its zip found', async () => {
    await command('Vigil: Compile Library');
    await answer(/Target core/, 'cortex-m4', { pick: /cortex-m4/ });
    await answer(/Float ABI/, 'Default', { pick: /Default/ });
    await answer(/Where to write the library zip/, 'In the project folder', { pick: /In the project folder/ });
    const text = await notification(/Library 1 for cortex-m4 \(hard float\): .* RAM, .* flash — .*\.zip/, 120_000);
    log(`  ${text}`);
    const f = await webviewShows('compile', /Zip contents/, 30_000);
    zipPath = (await f.locator('#zip-path').innerText()).trim();
    check(existsSync(zipPath), `the zip ${zipPath} exists`);
    check(path.dirname(zipPath) === workspace, `the zip is in the project folder: ${zipPath}`);
    const flags = await f.locator('#flags').innerText();
    check(/-mcpu=cortex-m4/.test(flags) && /-mfloat-abi=hard/.test(flags), `flags: ${flags}`);
    const files = await f.locator('#zip-contents tbody tr').allInnerTexts();
    check(files.some((r) => /example\/main\.c/.test(r)) && files.some((r) => /libvigil\.a/.test(r)), `zip contents: ${files.length} rows`);
    check(/vigil_init\(\)/.test(await f.locator('#snippet').innerText()), 'the example main.c');
    await expandPane('Libraries');
    const rows = await waitFor('the library in the Libraries view', async () => {
        const r = await vigilRows();
        return r.some((t) => /Library 1 · cortex-m4/.test(t)) ? r : undefined;
    });
    log(`  Vigil rows: ${rows.join(' | ').replace(/\n/g, ' ')}`);
    await clearNotifications();
    await shot('compile');
    await f.evaluate(() => document.querySelector('#snippet')?.scrollIntoView());
    await sleep(200);
});

await step('Flash and Test on Board runs the library in QEMU and agrees with the emulator', async () => {
    await clearNotifications();
    await command('Vigil: Flash and Test on Board');
    // The only library is taken; no board is plugged in: the Cortex-M4 QEMU machine.
    await answer(/Which board\? \(cortex-m4\)/, 'QEMU mps2-an386', { pick: /QEMU mps2-an386/ });
    await answer(/Which signals\?/, 'Learn', { pick: /Learn example\/regular\.csv, detect example\/regular\.csv and example\/abnormal\.csv/ });
    const f = await webviewShows('board-test', /AGREES|DIFFERS/, 240_000);
    const verdict = (await f.locator('#verdict').innerText()).trim();
    const text = await frameText(f);
    check(verdict === 'AGREES', `verdict: ${verdict}`);
    const agreement = /Agree with emulator\s*([\d,]+) of ([\d,]+)/.exec(text);
    check(agreement && agreement[1] === agreement[2], `agreement: ${agreement?.[0]}`);
    check(/Instructions \/ detect\s*[\d,]+/.test(text), 'instructions per detect under QEMU');
    const rows = await f.locator('#detections tbody tr').count();
    check(rows === 401, `detections listed: ${rows}`);
    log(`  ${agreement?.[0].replace(/\s+/g, ' ')}; ${/Instructions \/ detect\s*[\d,]+/.exec(text)?.[0].replace(/\s+/g, ' ')}`);
    await shot('board-test');
});

await step('Generate Example Data writes a second group from a simulated machine', async () => {
    await clearNotifications();
    await command('Vigil: Generate Example Data');
    await answer(/The fault in the abnormal signals/, 'Imbalance', { pick: /^Imbalance/ });
    // The toast may be hidden by the earlier ones: notification() then reads the notification centre.
    const text = await notification(/Wrote 200 regular signals and 200 abnormal ones \(imbalance fault: 256 samples × 3 axes at 1600 Hz\) to signals\/example\//, 15_000);
    log(`  ${text.split('\n')[0]}`);
    await page.keyboard.press('Escape');
    for (const f of ['regular.csv', 'abnormal.csv']) check(existsSync(path.join(workspace, 'signals', 'example', f)), `signals/example/${f} written`);
    const groups = JSON.parse(readFileSync(path.join(workspace, 'vigil.json'), 'utf8')).signals;
    check(groups.length === 2 && groups[1].regular === 'signals/example/regular.csv' && groups[1].abnormal === 'signals/example/abnormal.csv', `vigil.json signals: ${JSON.stringify(groups)}`);
    await expandPane('Signals');
    await waitFor('the example files checked in the Signals view', async () => (await vigilRows()).filter((t) => /signals\/example · 200 signals × 256/.test(t)).length === 2);
    await shot('generate-example');
    await clearNotifications();
});

// --- the same views in a light theme ---

await step('every view again in a light theme', async () => {
    await clearNotifications();
    theme = 'light';
    await setTheme('Light Modern');
    await waitFor('the light theme', async () => (await page.locator('.monaco-workbench.vs').count()) > 0 && (await page.locator('.monaco-workbench.vs-dark').count()) === 0, 20_000);
    await sleep(800);
    const views = [
        ['Signals: regular.csv', 'signal-preview', /201 signals/, 'signal-preview'],
        ['Benchmark 1 — live', 'benchmark-live', /FINISHED|finished/, 'benchmark-live'],
        ['Benchmark 1 — results', 'results', /Top candidates/, 'results'],
        ['Emulator — benchmark 1', 'emulator', /Run All in Order/, 'emulator'],
        ['Library 1 — cortex-m4', 'compile', /Zip contents/, 'compile'],
        ['Library 1 on QEMU mps2-an386 (Cortex-M4F)', 'board-test', /AGREES/, 'board-test'],
    ];
    for (const [title, view, ready, name] of views) {
        await tab(title);
        const f = await webviewShows(view, ready, 20_000);
        // Charts redraw in the light theme's colours.
        if ((await charts(f)).length) await chartsDrawn(f, 1);
        await sleep(400);
        if (view === 'signal-preview') {
            // The page kept its tab (setState): back to the first one.
            await f.locator('[data-tab="signal"]').click();
            await chartsDrawn(f, 3);
            await sleep(400);
        }
        await shot(name);
        if (view === 'signal-preview') {
            await f.locator('[data-tab="spectrum"]').click();
            await sleep(500);
            await shot('signal-spectrum');
        }
        if (view === 'results') {
            await f.evaluate(() => document.getElementById('learning-curve')?.scrollIntoView());
            await sleep(300);
            await shot('results-curve');
            await f.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
            await sleep(300);
            await shot('results-bottom');
        }
    }
    await openFile(abnormalFile);
    await goToLine(1);
    // The emulator's detection of this file replaced the benchmark's verdicts: its CodeLens says so.
    await waitFor('the verdict CodeLens', async () => (await page.locator('.monaco-editor .codelens-decoration').allInnerTexts()).some((x) => /emulator \(benchmark 1\): \d+ of 200 lines below 90 %/.test(x)));
    // A line a few lines down, so that the hover opens inside the editor; then its fade-in.
    await goToLine(4);
    await keyboardHover();
    await waitFor('the verdict hover', async () => (await page.locator('.monaco-hover').allInnerTexts()).some((x) => /similarity [\d.() ]+\/ 100/.test(x)), 5_000);
    await sleep(500);
    await shot('verdicts', { keepMouse: true });
    await page.keyboard.press('Escape');
    await command('View: Focus Problems');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'repeat an earlier line' }).first();
    await row.waitFor({ state: 'visible' });
    await row.dblclick();
    await waitFor('the warning squiggle', () => page.locator('.monaco-editor .squiggly-warning').count(), 10_000);
    await sleep(300);
    await shot('problems');
    await command('View: Hide Panel');
    await openFile(path.join(workspace, 'vigil.json'));
    await vigilRows();
    await shot('sidebar-project');
});

await step('the panels come back after a window reload (serializers, saved state)', async () => {
    await command('Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await sleep(2000);
    for (const [title, view, ready] of [
        ['Benchmark 1 — results', 'results', /Top candidates/],
        ['Library 1 — cortex-m4', 'compile', /Zip contents/],
        ['Signals: regular.csv', 'signal-preview', /201 signals/],
    ]) {
        await waitFor(`the tab ${title}`, () => page.locator('.tabs-container .tab', { hasText: title }).count(), 30_000);
        await tab(title);
        await webviewShows(view, ready, 30_000);
    }
});

await step('no webview broke its content security policy', async () => {
    check(consoleProblems.length === 0, consoleProblems.slice(0, 5).join('\n'));
});

await browser.close();

const failed = outcomes.filter((o) => !o.ok);
console.log('');
for (const o of outcomes) console.log(`${o.ok ? 'PASS' : 'FAIL'}  ${o.name}${o.ok ? '' : `: ${o.error instanceof Error ? o.error.message : String(o.error)}`}`);
console.log(`(${elapsed()} in the browser; screenshots in ${artifacts})`);
console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);

// The board commands (PlatformIO's and Cortex-Debug's places: a library's context menu, the
// Boards view, the palette). Flash and Test on Board: which library, which board (QEMU machines
// when none is plugged in), which signals, then target/test in the board-test panel. Record
// Signals: which serial port, which role, how long a signal is, then record/start with the
// count of kept and rejected signals in a notification whose Cancel is record/stop; the file is
// then checked (Problems) and paired in vigil.json like an imported one.
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';

import type { App } from '../app';
import type { CommandFactory } from '../ctx';
import { errorText } from '../model/errors';
import { formatCount, plural } from '../model/format';
import { parseNumber } from '../model/wizard';
import { importFolder, type SignalRole } from '../model/signals';
import { daemonFolder, type Project } from '../projects';
import * as proto from '../protocol.generated';
import { listSignalFiles } from '../views/signals';
import { announce, checkFile } from './import-signals';
import { rememberGroups } from './project-signals';
import { guarded } from './ui';

/** A library named by a Libraries row or a command link ({folder, library}). */
function libraryArg(arg: unknown): { folder: string; library: number } | undefined {
    if (typeof arg !== 'object' || arg === null) return undefined;
    const a = arg as { folder?: unknown; library?: unknown };
    return typeof a.folder === 'string' && typeof a.library === 'number' ? { folder: a.folder, library: a.library } : undefined;
}

/** A board named by a Boards row. */
function boardArg(arg: unknown): proto.Board | undefined {
    if (typeof arg !== 'object' || arg === null) return undefined;
    const b = (arg as { board?: unknown }).board;
    return typeof b === 'object' && b !== null && typeof (b as { id?: unknown }).id === 'string' ? (b as proto.Board) : undefined;
}

async function pickLibrary(project: Project): Promise<proto.LibraryRecord | undefined> {
    const libraries = [...(project.summary?.libraries ?? [])].reverse();
    if (!libraries.length) {
        const choice = await vscode.window.showInformationMessage('Compile a library first: Flash and Test runs a compiled library zip.', 'Compile Library…');
        if (choice) await vscode.commands.executeCommand('vigil.library.compile', { folder: daemonFolder(project) });
        return undefined;
    }
    if (libraries.length === 1) return libraries[0];
    const picked = await vscode.window.showQuickPick(
        libraries.map((l) => ({ label: `Library ${String(l.id)} · ${l.core}`, description: `${l.float_abi} float`, detail: l.recipe_summary, library: l })),
        { title: 'Flash and Test on Board', placeHolder: 'Which library?', ignoreFocusOut: true },
    );
    return picked?.library;
}

/** The boards able to run the library (same core; an M0+ library also runs on the M0 QEMU machine), real boards first. */
async function pickBoard(app: App, library: proto.LibraryRecord, projectBoard: string | undefined): Promise<proto.Board | undefined> {
    const { boards } = await app.ctx.requireClient().request0(proto.boardList);
    const fits = (b: proto.Board) => b.core === library.core || (library.core === 'cortex-m0plus' && b.core === 'cortex-m0' && b.kind === 'qemu');
    // The project's own board first, then real boards, then the QEMU machines.
    const usable = boards
        .filter(fits)
        .sort((a, b) => Number(b.id === projectBoard) - Number(a.id === projectBoard) || Number(a.kind === 'qemu') - Number(b.kind === 'qemu') || a.name.localeCompare(b.name));
    if (!usable.length) {
        void vscode.window.showWarningMessage(`No board of the catalog has a ${library.core}: compile the library for your board's core.`);
        return undefined;
    }
    const picked = await vscode.window.showQuickPick(
        usable.map((b) => ({
            label: `$(${b.kind === 'qemu' ? 'vm' : 'circuit-board'}) ${b.name}`,
            description: `${b.id === projectBoard ? 'the project\'s board · ' : ''}${b.kind === 'qemu' ? 'QEMU, no board needed' : `${b.mcu} · ${b.debug_probe ?? 'probe'} through OpenOCD`}`,
            detail: b.kind === 'qemu' ? `the ${b.core} under QEMU (${b.qemu.machine}): instructions instead of cycles` : `plug it in by USB; ${String(b.clock_hz / 1e6)} MHz, ${String(Math.round(b.flash.size / 1024))} kB flash`,
            board: b,
        })),
        { title: `Flash and Test Library ${String(library.id)}`, placeHolder: `Which board? (${library.core})`, ignoreFocusOut: true },
    );
    return picked?.board;
}

/** Learn the regular file, detect the regular and abnormal ones (vigil.json's first group), or files picked. */
async function pickSignals(project: Project): Promise<{ learn: string[]; detect: string[] } | undefined> {
    const group = project.summary?.settings.signals?.[0];
    const files = await listSignalFiles(project);
    const items: (vscode.QuickPickItem & { learn?: string[]; detect?: string[] })[] = [];
    if (group) items.push({ label: `$(play) Learn ${group.regular}, detect ${group.regular} and ${group.abnormal}`, description: 'the project\'s group', learn: [group.regular], detect: [group.regular, group.abnormal] });
    items.push({ label: '$(list-selection) Choose the files…' });
    const choice = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: 'Flash and Test on Board', placeHolder: 'Which signals? (the board learns, then detects; the emulator does the same)', ignoreFocusOut: true });
    if (!choice) return undefined;
    if (choice.learn && choice.detect) return { learn: choice.learn, detect: choice.detect };
    const options = files.map((f) => ({ label: f.relative, description: f.role ?? '' }));
    const learn = await vscode.window.showQuickPick(options, { title: 'Flash and Test: the file(s) to LEARN (regular signals)', canPickMany: true, ignoreFocusOut: true });
    if (!learn?.length) return undefined;
    const detect = await vscode.window.showQuickPick(options, { title: 'Flash and Test: the file(s) to DETECT', canPickMany: true, ignoreFocusOut: true });
    if (!detect) return undefined;
    return { learn: learn.map((l) => l.label), detect: detect.map((d) => d.label) };
}

/** Serial devices a board shows up as on Linux (ST-LINK's VCP is ttyACM). */
async function serialPorts(): Promise<string[]> {
    try {
        const names = await fs.readdir('/dev');
        return names.filter((n) => /^tty(ACM|USB)\d+$/.test(n)).map((n) => `/dev/${n}`).sort();
    } catch {
        return [];
    }
}

async function pickPort(): Promise<string | undefined> {
    const ports = await serialPorts();
    const typed = '$(edit) Type a device path…';
    const picked = ports.length
        ? await vscode.window.showQuickPick([...ports.map((p) => ({ label: p })), { label: typed }], { title: 'Record Signals', placeHolder: 'The serial port of the board (115200 baud by default)', ignoreFocusOut: true })
        : { label: typed };
    if (!picked) return undefined;
    if (picked.label !== typed) return picked.label;
    return vscode.window.showInputBox({
        title: 'Record Signals',
        prompt: ports.length ? 'The serial device' : 'No /dev/ttyACM* or /dev/ttyUSB* found: plug the board in, or type the device (a pty works too)',
        value: '/dev/ttyACM0',
        ignoreFocusOut: true,
        validateInput: (v) => (v.startsWith('/dev/') ? undefined : 'A device path, like /dev/ttyACM0'),
    });
}

function stamp(d = new Date()): string {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${String(d.getFullYear())}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export function boardCommands(app: App): Record<string, CommandFactory> {
    return {
        'vigil.library.testOnBoard': {
            enabled: guarded(app, 'The board test did not run', async (arg?: unknown) => {
                const given = libraryArg(arg);
                const givenBoard = boardArg(arg);
                const project = await app.projects.pick(given?.folder ?? (givenBoard ? undefined : arg), 'Test a library of which project?');
                if (!project?.summary) return;
                const library = given ? project.summary.libraries.find((l) => l.id === given.library) : await pickLibrary(project);
                if (!library) return;
                const board = givenBoard ?? (await pickBoard(app, library, project.summary.settings.board));
                if (!board) return;
                const signals = await pickSignals(project);
                if (!signals) return;
                const report = await app.panels.boardTest.run(project, { library: library.id, board: board.id, boardName: board.name, ...signals });
                if (report && report.verdict !== 'agree')
                    void vscode.window.showWarningMessage(`Library ${String(library.id)} on ${board.name}: ${formatCount(report.agreement.matching)} of ${formatCount(report.agreement.total)} calls agree with the emulator.`);
            }),
        },
        'vigil.record': {
            enabled: guarded(app, 'The recording did not start', async (arg?: unknown) => {
                const project = await app.projects.pick(arg, 'Record into which project?');
                const settings = project?.summary?.settings;
                if (!project || !settings) return;
                const port = await pickPort();
                if (!port) return;
                const role = (
                    await vscode.window.showQuickPick(
                        [
                            { label: '$(pass) Regular', description: 'the machine runs normally', role: 'regular' as SignalRole },
                            { label: '$(warning) Abnormal', description: 'the behaviour to detect', role: 'abnormal' as SignalRole },
                        ],
                        { title: 'Record Signals', placeHolder: 'What will the machine do while recording?', ignoreFocusOut: true },
                    )
                )?.role;
                if (!role) return;
                const known = (await Promise.all((settings.signals ?? []).slice(0, 1).map((g) => checkFile(app, project, vscode.Uri.joinPath(project.uri, g.regular)).catch(() => undefined))))[0];
                const lengthText = await vscode.window.showInputBox({
                    title: 'Record Signals',
                    prompt: `Samples per axis in one signal (${plural(settings.sensor.axes, 'axis', 'axes')} per sample); a line of the board holds a whole signal or one sample`,
                    value: String(known?.length ?? 256),
                    ignoreFocusOut: true,
                    validateInput: (v) => (Number.isInteger(parseNumber(v)) && parseNumber(v) >= 1 && parseNumber(v) <= 65536 ? undefined : 'A whole number from 1 to 65536'),
                });
                if (!lengthText) return;
                const out = `${importFolder(role)}/recording-${stamp()}.csv`;
                await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(project.uri, ...importFolder(role).split('/')));
                const client = app.ctx.requireClient();
                const token = `vigil-record-${String(Date.now())}`;
                let latest = 'opening the port…';
                let finished: ((summary: proto.TaskProgress) => void) | undefined;
                const ended = new Promise<proto.TaskProgress>((resolve) => (finished = resolve));
                const subscription = client.onTaskProgress(token, (v) => {
                    latest = v.message;
                    if (v.kind === 'end') finished?.(v);
                });
                try {
                    const started = await client.request(proto.recordStart, { folder: daemonFolder(project), port, out, length: parseNumber(lengthText), workDoneToken: token });
                    const summary = await vscode.window.withProgress(
                        { location: vscode.ProgressLocation.Notification, title: `Recording ${role} signals from ${port}`, cancellable: true },
                        async (progress, cancel) => {
                            const timer = setInterval(() => {
                                progress.report({ message: latest });
                            }, 250);
                            // record/stop once: from Cancel, or to collect the summary of a recording that ended by itself.
                            let stopping: Promise<proto.RecordSummary | undefined> | undefined;
                            const stop = () => (stopping ??= client.request(proto.recordStop, { recording: started.recording }).catch(() => undefined));
                            cancel.onCancellationRequested(() => void stop());
                            try {
                                await ended;
                                return await stop();
                            } finally {
                                clearInterval(timer);
                            }
                        },
                    );
                    const file = vscode.Uri.joinPath(project.uri, ...out.split('/'));
                    const kept = (summary?.counters as { kept?: number } | undefined)?.kept ?? 0;
                    if (!kept) {
                        void vscode.window.showWarningMessage(`No signal was recorded from ${port}: ${latest}`);
                        return;
                    }
                    const report = await checkFile(app, project, file);
                    await rememberGroups(app, project);
                    await vscode.window.showTextDocument(file, { preview: true });
                    if (report) await announce([{ name: out, report }]);
                } catch (e) {
                    throw new Error(`${port}: ${errorText(e)}`);
                } finally {
                    subscription.dispose();
                }
            }),
        },
    };
}

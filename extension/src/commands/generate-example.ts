// Generate Example Data: dataset/synth writes a regular and an abnormal file from a simulated
// machine into the project (signals/example/), shaped like the project's sensor and kind; both are
// checked (Problems), recorded as a group in vigil.json, and a benchmark is one click away.
import * as vscode from 'vscode';

import type { App } from '../app';
import type { CommandFactory } from '../ctx';
import { plural } from '../model/format';
import { withCancellableRequest } from '../progress';
import { daemonFolder } from '../projects';
import * as proto from '../protocol.generated';
import { announce, checkFile } from './import-signals';
import { rememberGroups } from './project-signals';
import { guarded } from './ui';

const title = 'Generate Example Data';
/** Where dataset/synth writes by default (its `out`), relative to the project. */
const exampleFolder = ['signals', 'example'];

type Fault = NonNullable<proto.DatasetSynthParams['fault']>;

type Kind = NonNullable<proto.DatasetSynthParams['kind']>;

const faults: readonly { fault: Fault; label: string; detail: string }[] = [
    { fault: 'outer-race', label: 'Bearing outer-race defect', detail: 'impulses at the ball-pass frequency ringing a resonance: invisible to RMS' },
    { fault: 'inner-race', label: 'Bearing inner-race defect', detail: 'impulses at the inner-race frequency, modulated by the shaft' },
    { fault: 'imbalance', label: 'Imbalance', detail: 'a mass off the axis: a stronger 1x shaft tone' },
    { fault: 'misalignment', label: 'Misalignment', detail: 'shafts not collinear: a strong 2x tone, mostly axial' },
    { fault: 'looseness', label: 'Looseness', detail: 'a loose foot: many harmonics and half-harmonics' },
];

/** The faults of the kinds whose lines are not a time series (`vigil synth --kind`). */
const kindFaults: Readonly<Partial<Record<Kind, readonly { fault: Fault; label: string; detail: string }[]>>> = {
    spectrum: [
        { fault: 'band', label: 'Raised band', detail: 'a band of the spectrum rises (a resonance excited by a defect)' },
        { fault: 'harmonics', label: 'Harmonic family', detail: 'new harmonics of a fault frequency (the bearing outer race)' },
    ],
    process: [
        { fault: 'drift', label: 'Drift', detail: 'the temperature drifts away within a line (fouling)' },
        { fault: 'step', label: 'Level step', detail: 'the pressure drops partway through a line' },
        { fault: 'variance', label: 'Variance change', detail: 'every reading gets noisier (instability)' },
        { fault: 'decorrelation', label: 'Broken correlation', detail: 'the motor current stops following the load the flow follows' },
    ],
};

/** The kind dataset/synth makes for a project: its sensor.kind when spectrum or process. */
export function exampleKind(sensorKind: string): Kind | undefined {
    return sensorKind === 'spectrum' || sensorKind === 'process' ? sensorKind : undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}

export function generateExampleCommand(app: App): CommandFactory {
    return {
        enabled: guarded(app, 'Could not generate the example data', async (hint?: unknown) => {
            const project = await app.projects.pick(hint, 'Generate example data for which project?');
            if (!project) return;
            const settings = project.summary?.settings;
            if (!settings) throw new Error(`the project ${project.name} is not open in the daemon${project.error ? `: ${project.error}` : ''}`);
            const kind = exampleKind(settings.sensor.kind);
            const machine =
                kind === 'spectrum'
                    ? 'a rotating machine (magnitude spectra)'
                    : kind === 'process'
                      ? 'a process loop (temperature, pressure, flow, current)'
                      : settings.sensor.type === 'current'
                        ? 'an induction motor (phase currents)'
                        : 'a rotating machine (bearing vibration)';
            const picked = await vscode.window.showQuickPick(
                (kind ? (kindFaults[kind] ?? faults) : faults).map((f) => ({ label: f.label, detail: f.detail, fault: f.fault })),
                { title, placeHolder: `The fault in the abnormal signals of ${machine}, ${plural(settings.sensor.axes, 'axis', 'axes')}`, ignoreFocusOut: true },
            );
            if (!picked) return;
            const folder = vscode.Uri.joinPath(project.uri, ...exampleFolder);
            const taken = (await Promise.all(['regular.csv', 'abnormal.csv'].map((n) => exists(vscode.Uri.joinPath(folder, n))))).some(Boolean);
            if (taken) {
                const replace = await vscode.window.showWarningMessage(`${exampleFolder.join('/')}/ already holds example data. Replace it?`, { modal: true }, 'Replace');
                if (!replace) return;
            }
            const client = app.ctx.requireClient();
            const params: proto.DatasetSynthParams = { folder: daemonFolder(project), fault: picked.fault, ...(kind ? { kind } : {}), ...(taken ? { overwrite: true } : {}) };
            const written = await withCancellableRequest(`${title}: ${picked.label.toLowerCase()}…`, (token) => client.request(proto.datasetSynth, params, token));
            if (!written) return;
            const files = [vscode.Uri.joinPath(folder, 'regular.csv'), vscode.Uri.joinPath(folder, 'abnormal.csv')];
            const reports: { name: string; report: proto.CheckReport }[] = [];
            for (const file of files) {
                const report = await checkFile(app, project, file);
                if (!report) return;
                reports.push({ name: `${exampleFolder.join('/')}/${file.path.split('/').pop() ?? ''}`, report });
            }
            await rememberGroups(app, project);
            const s = written.synth;
            const choice = await vscode.window.showInformationMessage(
                `Wrote ${plural(s.signals, 'regular signal')} and ${plural(s.abnormal_signals, 'abnormal one')} (${s.fault} fault: ${kind === 'spectrum' ? `${String(s.length)} bins` : kind === 'process' ? `${String(s.length)} readings` : `${String(s.length)} samples`} × ${plural(s.axes, kind === 'process' ? 'channel' : 'axis', kind === 'process' ? 'channels' : 'axes')}${kind ? '' : ` at ${String(s.rate_hz)} Hz`}) to ${exampleFolder.join('/')}/.`,
                'Start Benchmark',
                'Preview Signals',
            );
            if (choice === 'Start Benchmark') await vscode.commands.executeCommand('vigil.benchmark.start', { folder: daemonFolder(project) });
            else if (choice === 'Preview Signals') await vscode.commands.executeCommand('vigil.signals.preview', files[0]);
            else if (reports.some((r) => r.report.status !== 'ok')) await announce(reports);
        }),
    };
}

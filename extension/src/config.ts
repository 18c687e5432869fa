// Typed `vigil.*` settings. Paths get ${workspaceFolder}, ${userHome}, ${env:X} and `~`
// expanded; a change to a setting the daemon is started with offers a restart.
import * as os from 'node:os';
import * as vscode from 'vscode';

import { expandVariables, positiveInteger, positiveNumber, restartSettings, traceLevel, type TraceLevel } from './model/config';

export class Config {
    private get section(): vscode.WorkspaceConfiguration {
        return vscode.workspace.getConfiguration('vigil');
    }

    private expand(value: string): string {
        return expandVariables(value, {
            workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
            userHome: os.homedir(),
            env: process.env,
        });
    }

    /** `vigil.serverPath`: the vigild binary; undefined when unset. */
    get serverPath(): string | undefined {
        const v = this.section.get<string>('serverPath')?.trim();
        return v ? this.expand(v) : undefined;
    }

    /** `vigil.serverUrl`: a running `vigild --listen` (ws:// or wss://); undefined: start one on stdio. */
    get serverUrl(): string | undefined {
        const v = this.section.get<string>('serverUrl')?.trim();
        return v ? v : undefined;
    }

    /** `vigil.benchmark.jobs`: threads of a benchmark; undefined: the daemon's default. */
    get benchmarkJobs(): number | undefined {
        return positiveInteger(this.section.get('benchmark.jobs'));
    }

    /** `vigil.benchmark.timeLimit`: seconds after which a benchmark stops (resumable); undefined: none. */
    get benchmarkTimeLimit(): number | undefined {
        return positiveNumber(this.section.get('benchmark.timeLimit'));
    }

    /** `vigil.benchmark.spaceLimit`: benchmark an evenly spaced subset of this many candidates; undefined: all. */
    get benchmarkSpaceLimit(): number | undefined {
        return positiveInteger(this.section.get('benchmark.spaceLimit'));
    }

    /** `vigil.benchmark.maxSplits`: splits of the last stage; undefined: the daemon's default (9). */
    get benchmarkMaxSplits(): number | undefined {
        return positiveInteger(this.section.get('benchmark.maxSplits'));
    }

    /** `vigil.trace`: protocol messages in the Vigil output channel. */
    get trace(): TraceLevel {
        return traceLevel(this.section.get('trace'));
    }

    /** Calls `listener` when a setting the daemon was started with changes. */
    onDidChangeRestartSetting(listener: (setting: string) => void): vscode.Disposable {
        return vscode.workspace.onDidChangeConfiguration((e) => {
            const changed = restartSettings.find((s) => e.affectsConfiguration(s));
            if (changed) listener(changed);
        });
    }
}

// A panel revived after a reload names its project by the daemon's folder; the daemon may still
// be starting and the project not yet opened. This waits for both, with a limit.
import * as vscode from 'vscode';

import type { App } from '../app';
import type { Project } from '../projects';

/** The project of `folder` once it is open in the daemon, or undefined after `timeoutMs`. */
export async function openProject(app: App, folder: string, timeoutMs = 30_000): Promise<Project | undefined> {
    const ready = () => {
        const p = app.projects.get(folder);
        return p?.summary ? p : undefined;
    };
    const now = ready();
    if (now) return now;
    return new Promise((resolve) => {
        const subs: vscode.Disposable[] = [];
        const finish = (p: Project | undefined) => {
            clearTimeout(timer);
            for (const s of subs) s.dispose();
            resolve(p);
        };
        const timer = setTimeout(() => {
            finish(undefined);
        }, timeoutMs);
        subs.push(
            app.projects.onDidChange(() => {
                const p = ready();
                if (p) finish(p);
            }),
        );
    });
}

// Keeps vigil.json's `signals` (the project's groups of regular and abnormal files) in step with
// the files the editor brought in: after an import or Generate Example Data, the pairs no group
// names yet are added with project/update, so `vigil bench` without files on the command line
// and the next Start Benchmark use the same files as the editor.
import type { App } from '../app';
import { groupsToAdd, type SignalGroup } from '../model/signals';
import { daemonFolder, type Project } from '../projects';
import * as proto from '../protocol.generated';
import { listSignalFiles } from '../views/signals';

/** Adds the new pairs to vigil.json's groups; returns them (empty when there were none). */
export async function rememberGroups(app: App, project: Project): Promise<SignalGroup[]> {
    const existing = project.summary?.settings.signals ?? [];
    const files = await listSignalFiles(project);
    const added = groupsToAdd(
        existing,
        files.filter((f) => f.role === 'regular').map((f) => f.relative),
        files.filter((f) => f.role === 'abnormal').map((f) => f.relative),
    );
    if (!added.length) return added;
    const summary = await app.ctx.requireClient().request(proto.projectUpdate, {
        folder: daemonFolder(project),
        settings: { signals: [...existing, ...added] },
    });
    app.projects.updated(project.uri, summary);
    return added;
}

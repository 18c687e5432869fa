// The services the commands, views and inline features share, created once in activate().
import type { Ctx } from './ctx';
import type { CheckDiagnostics } from './diagnostics';
import type { VerdictStore } from './inline/verdicts';
import type { BenchmarkMonitor } from './progress';
import type { Projects } from './projects';
import type { WebviewPanels } from './webviews/panels';

export interface App {
    readonly ctx: Ctx;
    readonly projects: Projects;
    readonly diagnostics: CheckDiagnostics;
    readonly monitor: BenchmarkMonitor;
    readonly verdicts: VerdictStore;
    /** The webview panels (set right after the other services: they need the App). */
    readonly panels: WebviewPanels;
}

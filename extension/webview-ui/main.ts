// The webviews' one bundle: the panel to draw is the page's `data-view`. Styles: uPlot's, then
// ours (theme variables only). Controls: @vscode-elements/elements, only those used.
import 'uplot/dist/uPlot.min.css';
import './style.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';

import type { ViewKind } from '../src/webviews/messages';
import { post } from './api';
import { app, message, replace } from './dom';
import { benchmarkLive } from './views/benchmark-live';
import { boardTest } from './views/board-test';
import { compileView } from './views/compile';
import { emulator } from './views/emulator';
import { results } from './views/results';
import { signalPreview } from './views/signal-preview';

const views: Record<ViewKind, () => void> = {
    'signal-preview': signalPreview,
    'benchmark-live': benchmarkLive,
    results,
    emulator,
    compile: compileView,
    'board-test': boardTest,
};

const view = document.body.dataset.view as ViewKind | undefined;
const start = view ? views[view] : undefined;
if (start) {
    start();
    post({ type: 'ready' });
} else {
    replace(app(), message('error', `Unknown Vigil view '${String(view)}'.`));
}

// Multi-step QuickPick/InputBox wizards with a Back button (the vscode-extension-samples
// multi-step input, trimmed): each step edits the answers and says whether to go on, back or stop.
import * as vscode from 'vscode';

export type StepOutcome = 'next' | 'back' | 'cancel';
export type Step = (index: number, total: number) => Promise<StepOutcome>;

/** Runs the steps in order, Back going to the previous one; true when all were answered. */
export async function runSteps(steps: readonly Step[]): Promise<boolean> {
    let i = 0;
    while (i < steps.length) {
        const step = steps[i];
        if (!step) return false;
        const outcome = await step(i, steps.length);
        if (outcome === 'cancel') return false;
        i = outcome === 'back' ? Math.max(0, i - 1) : i + 1;
    }
    return true;
}

export interface InputOptions {
    readonly title: string;
    readonly index: number;
    readonly total: number;
    readonly value: string;
    readonly prompt: string;
    readonly placeholder?: string;
    readonly validate?: (value: string) => string | undefined;
}

/** An input box; resolves the accepted text ({value}), 'back' or 'cancel'. */
export function input(o: InputOptions): Promise<{ readonly value: string } | 'back' | 'cancel'> {
    return new Promise((resolve) => {
        const box = vscode.window.createInputBox();
        box.title = o.title;
        box.step = o.index + 1;
        box.totalSteps = o.total;
        box.value = o.value;
        box.prompt = o.prompt;
        box.placeholder = o.placeholder;
        box.ignoreFocusOut = true;
        box.buttons = o.index > 0 ? [vscode.QuickInputButtons.Back] : [];
        let done = false;
        const finish = (result: { readonly value: string } | 'back' | 'cancel') => {
            if (done) return;
            done = true;
            resolve(result);
            box.dispose();
        };
        const check = (v: string) => {
            box.validationMessage = o.validate?.(v);
        };
        check(o.value);
        box.onDidChangeValue(check);
        box.onDidTriggerButton(() => {
            finish('back');
        });
        box.onDidAccept(() => {
            const problem = o.validate?.(box.value);
            if (problem) {
                box.validationMessage = problem;
                return;
            }
            finish({ value: box.value });
        });
        box.onDidHide(() => {
            finish('cancel');
        });
        box.show();
    });
}

export interface PickOptions<T extends vscode.QuickPickItem> {
    readonly title: string;
    readonly index: number;
    readonly total: number;
    readonly items: readonly T[];
    readonly active?: T;
    readonly placeholder?: string;
}

/** A single-choice pick; resolves the item, 'back' or 'cancel'. */
export function pick<T extends vscode.QuickPickItem>(o: PickOptions<T>): Promise<T | 'back' | 'cancel'> {
    return new Promise((resolve) => {
        const qp = vscode.window.createQuickPick<T>();
        qp.title = o.title;
        qp.step = o.index + 1;
        qp.totalSteps = o.total;
        qp.items = o.items;
        if (o.active) qp.activeItems = [o.active];
        qp.placeholder = o.placeholder;
        qp.ignoreFocusOut = true;
        qp.buttons = o.index > 0 ? [vscode.QuickInputButtons.Back] : [];
        let done = false;
        const finish = (result: T | 'back' | 'cancel') => {
            if (done) return;
            done = true;
            resolve(result);
            qp.dispose();
        };
        qp.onDidTriggerButton(() => {
            finish('back');
        });
        qp.onDidAccept(() => {
            const item = qp.selectedItems[0] ?? qp.activeItems[0];
            if (item) finish(item);
        });
        qp.onDidHide(() => {
            finish('cancel');
        });
        qp.show();
    });
}

// dataset/check findings in the Problems panel, at the exact line and column the daemon gives
// (byte columns converted with the line's text when the file is open: the ranges are computed
// again when it opens); warnings list the lines they involve as related information. Also the
// errors of a vigil.json the daemon refused, at the field it names.
import * as vscode from 'vscode';

import { errorField, errorLocation, errorText, findSettingKey } from './model/errors';
import { issueMessage, issueRange, relatedLines, type IssueRange } from './model/issues';
import type { CheckReport, Issue } from './protocol.generated';

export class CheckDiagnostics implements vscode.Disposable {
    private readonly collection = vscode.languages.createDiagnosticCollection('vigil');
    private readonly reports = new Map<string, CheckReport>();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    /** Fires when the report of a file changes (the Signals view shows its status). */
    readonly onDidChange = this.changed.event;
    private readonly disposables: vscode.Disposable[];

    constructor() {
        this.disposables = [
            this.collection,
            this.changed,
            // Exact ranges once the text is at hand.
            vscode.workspace.onDidOpenTextDocument((doc) => {
                if (this.reports.has(doc.uri.toString())) this.render(doc.uri);
            }),
        ];
    }

    /** The last check report of a file, if it was checked in this session. */
    report(uri: vscode.Uri): CheckReport | undefined {
        return this.reports.get(uri.toString());
    }

    /** Shows a dataset/check report (replacing the file's previous findings). */
    setReport(uri: vscode.Uri, report: CheckReport): void {
        this.reports.set(uri.toString(), report);
        this.render(uri);
        this.changed.fire(uri);
    }

    clear(uri: vscode.Uri): void {
        this.reports.delete(uri.toString());
        this.collection.delete(uri);
        this.changed.fire(uri);
    }

    private render(uri: vscode.Uri): void {
        const report = this.reports.get(uri.toString());
        if (!report) return;
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        const lineText = doc ? (line: number) => (line < doc.lineCount ? doc.lineAt(line).text : undefined) : undefined;
        const diagnostics = [...report.errors, ...report.warnings].map((issue) => this.diagnostic(uri, issue, lineText));
        this.collection.set(uri, diagnostics);
    }

    private diagnostic(uri: vscode.Uri, issue: Issue, lineText: ((line: number) => string | undefined) | undefined): vscode.Diagnostic {
        const r = issueRange(issue, lineText);
        const d = new vscode.Diagnostic(toRange(r), issueMessage(issue), issue.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        d.source = 'vigil';
        d.code = issue.kind;
        const related = relatedLines(issue);
        if (related.length)
            d.relatedInformation = related.map(
                (line) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, new vscode.Range(line - 1, 0, line - 1, 0)), `line ${line}`),
            );
        return d;
    }

    /** A refused request that points into a file (LocatedErrorData without a whole report). */
    setLocatedError(e: unknown): vscode.Uri | undefined {
        const where = errorLocation(e);
        if (!where) return undefined;
        const uri = vscode.Uri.file(where.file);
        const issue: Issue = {
            kind: where.kind ?? 'refused',
            severity: 'error',
            message: errorText(e),
            hint: '',
            file: where.file,
            line: where.line,
            column: where.column,
            lines: [],
        };
        this.collection.set(uri, [this.diagnostic(uri, issue, undefined)]);
        return uri;
    }

    /** vigil.json refused by project/open: at the field (SettingsErrorData) or position (LocatedErrorData). */
    setSettingsError(settingsFile: vscode.Uri, e: unknown): void {
        if (errorLocation(e)) {
            this.setLocatedError(e);
            return;
        }
        const field = errorField(e);
        let range = new vscode.Range(0, 0, 0, 1);
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === settingsFile.toString());
        if (field && doc) {
            const at = findSettingKey(doc.getText(), field.field);
            if (at) range = new vscode.Range(doc.positionAt(at.offset), doc.positionAt(at.offset + at.length));
        }
        const d = new vscode.Diagnostic(range, errorText(e), vscode.DiagnosticSeverity.Error);
        d.source = 'vigil';
        if (field) d.code = field.field;
        this.collection.set(settingsFile, [d]);
    }

    clearSettings(settingsFile: vscode.Uri): void {
        this.collection.delete(settingsFile);
    }

    dispose(): void {
        for (const d of this.disposables) d.dispose();
    }
}

function toRange(r: IssueRange): vscode.Range {
    return new vscode.Range(r.line, r.start, r.line, r.end);
}

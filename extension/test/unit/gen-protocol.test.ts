// The generator on a small fixture: its output has the expected declarations and type-checks
// (strictly enough that wrong params are errors); bad documents stop it with a clear message.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';

import { extensionRoot } from './helpers';

const script = path.join(extensionRoot, 'scripts', 'gen-protocol.mjs');
const fixture = path.join(extensionRoot, 'test', 'fixtures', 'mini.openrpc.json');
// Inside the extension so that `vscode-jsonrpc` resolves from its node_modules.
const work = path.join(extensionRoot, 'out-test', 'gen-fixture');

function generate(input: string, output: string) {
    return spawnSync(process.execPath, [script, '--in', input, '--out', output], { encoding: 'utf8' });
}

function badDocument(name: string, doc: unknown): { status: number | null; stderr: string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigil-gen-'));
    const input = path.join(dir, `${name}.json`);
    writeFileSync(input, typeof doc === 'string' ? doc : JSON.stringify(doc));
    const r = generate(input, path.join(dir, 'out.ts'));
    rmSync(dir, { recursive: true, force: true });
    return r;
}

describe('gen-protocol.mjs', () => {
    mkdirSync(work, { recursive: true });
    after(() => {
        rmSync(work, { recursive: true, force: true });
    });
    const output = path.join(work, 'protocol.generated.ts');

    it('writes typed requests, notifications, schemas, enums, error codes and the method list', () => {
        const r = generate(fixture, output);
        assert.equal(r.status, 0, r.stderr);
        const code = readFileSync(output, 'utf8');
        for (const expected of [
            'export interface Thing {',
            '    note: string | null;',
            '    size?: Size | null;',
            '    extra?: { [key: string]: number };',
            '    pair?: [string, number];',
            '    kind?: "thing";',
            'export type Color = "red" | "green";',
            'export type Matrix = number[][];',
            'export const colorValues: readonly Color[] = ["red","green"];',
            'export type ThingGetResult = Thing;',
            'export const thingGet = new RequestType<ThingGetParams, ThingGetResult, unknown>("thing/get", ParameterStructures.byName);',
            'export const thingList = new RequestType0<ThingListResult, unknown>("thing/list");',
            '"kebab-key": string;',
            'export const progressNotification = new NotificationType<ProgressNotificationParams>("$/progress");',
            '    RequestCancelled: -32800,',
            'export const methods = ["thing/get","thing/list","initialize","$/weird.name-with parts"] as const;',
            'export const notifications = ["$/progress","exit"] as const;',
            '*\\/ comment terminator',
        ])
            assert.ok(code.includes(expected), `missing: ${expected}`);
        assert.ok(!code.includes('export type InitializeResult = InitializeResult'), 'no self alias');
    });

    it('generates code that type-checks, and rejects wrong params', async () => {
        const ts = (await import('typescript')).default;
        const usage = path.join(work, 'usage.ts');
        writeFileSync(
            usage,
            [
                "import * as p from './protocol.generated';",
                'const params: p.ThingGetParams = { id: 1, token: "t" };',
                '// @ts-expect-error: id is required',
                'const missing: p.ThingGetParams = {};',
                '// @ts-expect-error: not a color',
                'const wrong: p.Color = "blue";',
                'const thing: p.ThingGetResult = { name: "x", color: "red", tags: [], note: null, both: { width: 1, unit: "mm" } };',
                'const listed: p.ThingListResult = { things: [thing] };',
                'const init: p.InitializeParams = { clientInfo: { name: "x" }, processId: 1 };',
                'const names: readonly p.MethodName[] = p.methods;',
                'const code: -32001 = p.errorCodes.Refused;',
                'const progress: p.ProgressNotificationParams = { token: 1, value: { kind: "begin" } };',
                'export const all = [params, missing, wrong, listed, init, names, code, progress, p.thingGet.method, p.thingList.method, p.componentSchemas];',
            ].join('\n'),
        );
        const program = ts.createProgram([usage], {
            strict: true,
            noEmit: true,
            noUnusedLocals: true,
            module: ts.ModuleKind.CommonJS,
            moduleResolution: ts.ModuleResolutionKind.Node10,
            target: ts.ScriptTarget.ES2022,
            types: [],
            skipLibCheck: true,
        });
        const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        assert.deepEqual(problems, []);
    });

    it('refuses what it cannot generate, saying why', () => {
        const cases: [string, unknown, RegExp][] = [
            ['not-json', '{ nope', /not valid JSON/],
            ['not-openrpc', { methods: [] }, /"openrpc" must be a 1\.x version/],
            ['by-position', { openrpc: '1.2.6', methods: [{ name: 'a', paramStructure: 'by-position', params: [], result: { name: 'r', schema: {} } }] }, /by-position params are not supported/],
            ['dangling-ref', { openrpc: '1.2.6', methods: [{ name: 'a', params: [], result: { name: 'r', schema: { $ref: '#/components/schemas/Nope' } } }] }, /names no schema/],
            ['twice', { openrpc: '1.2.6', methods: [{ name: 'a', params: [], result: { name: 'r', schema: {} } }, { name: 'a', params: [], result: { name: 'r', schema: {} } }] }, /described twice/],
            ['no-result', { openrpc: '1.2.6', methods: [{ name: 'a', params: [] }] }, /no result/],
            [
                'clash',
                { openrpc: '1.2.6', methods: [{ name: 'thing/get', params: [], result: { name: 'r', schema: { type: 'string' } } }], components: { schemas: { ThingGetResult: { type: 'number' } } } },
                /ThingGetResult is also a component schema's name/,
            ],
        ];
        for (const [name, doc, message] of cases) {
            const r = badDocument(name, doc);
            assert.equal(r.status, 1, name);
            assert.match(r.stderr, message, name);
        }
        const usage = spawnSync(process.execPath, [script, '--bogus'], { encoding: 'utf8' });
        assert.equal(usage.status, 1);
        assert.match(usage.stderr, /unknown argument '--bogus'/);
    });
});

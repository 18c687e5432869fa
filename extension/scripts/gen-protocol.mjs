#!/usr/bin/env node
// Writes src/protocol.generated.ts from the daemon's OpenRPC document (docs/protocol.openrpc.json):
// one TypeScript type per component schema, `<Method>Params`/`<Method>Result` per method, a
// typed vscode-jsonrpc RequestType (or NotificationType, from `x-notifications`) per method, the
// string enums as runtime arrays, the error codes of `components.errors`, and the method list
// with the document's hash (test/unit/protocol-drift.test.ts compares them with the document).
//
//   node scripts/gen-protocol.mjs [--in FILE] [--out FILE]
//
// Naming, so that hand-written code can rely on it whatever the document calls its schemas:
//   method `benchmark/start`  -> constant `benchmarkStart`, types `BenchmarkStartParams`,
//                                `BenchmarkStartResult`
//   notification `$/progress` -> constant `progressNotification`, type `ProgressNotificationParams`
//                                (an alias when the params are a `$ref`)
//   component schema `Issue`  -> type `Issue`; a string enum `Core` also -> `coreValues`
// A derived name that equals a component's name is only allowed when it is a `$ref` to that
// component (then the component is used as is); any other clash stops the generator.
//
// Supported JSON Schema: $ref (to #/components/schemas/*), type (and type arrays), properties,
// required, additionalProperties, items (and tuple forms), enum, const, oneOf, anyOf, allOf,
// title/description (as doc comments). Anything else is ignored for typing (minimum, pattern...).
// No dependency: it runs before `npm ci` has to be trusted with anything.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const extensionRoot = resolve(here, '..');
export const defaultInput = resolve(extensionRoot, '..', 'docs', 'protocol.openrpc.json');
export const defaultOutput = resolve(extensionRoot, 'src', 'protocol.generated.ts');

export class GenerateError extends Error {}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

// `benchmark/start` -> ['benchmark', 'start']; `$/cancelRequest` -> ['cancel', 'Request'];
// `rpc.discover` -> ['rpc', 'discover'].
function words(name) {
    return name
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .flatMap((w) => w.split(/(?<=[a-z0-9])(?=[A-Z])/));
}

export function pascalCase(name) {
    const ws = words(name);
    if (ws.length === 0) throw new GenerateError(`cannot make a TypeScript name from '${name}'`);
    const out = ws.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
    return /^[0-9]/.test(out) ? `_${out}` : out;
}

export function camelCase(name) {
    const p = pascalCase(name);
    return p[0].toLowerCase() + p.slice(1);
}

function docComment(lines, indent) {
    const text = lines.filter((l) => typeof l === 'string' && l.trim() !== '').join('\n\n');
    if (!text) return '';
    const body = text
        .replace(/\*\//g, '*\\/')
        .split('\n')
        .map((l) => `${indent} *${l ? ` ${l}` : ''}`)
        .join('\n');
    return `${indent}/**\n${body}\n${indent} */\n`;
}

function literal(value) {
    return JSON.stringify(value);
}

class Generator {
    constructor(doc, source) {
        if (!doc || typeof doc !== 'object') throw new GenerateError(`${source}: not a JSON object`);
        if (typeof doc.openrpc !== 'string' || !/^1\./.test(doc.openrpc))
            throw new GenerateError(`${source}: "openrpc" must be a 1.x version string, got ${literal(doc.openrpc)}`);
        if (!Array.isArray(doc.methods)) throw new GenerateError(`${source}: "methods" must be an array`);
        this.doc = doc;
        this.source = source;
        this.schemas = doc.components?.schemas ?? {};
        this.schemaNames = new Map(); // component key -> TS name
        for (const key of Object.keys(this.schemas)) {
            const name = pascalCase(key);
            for (const [other, taken] of this.schemaNames)
                if (taken === name) throw new GenerateError(`${source}: schemas '${other}' and '${key}' both become type ${name}`);
            this.schemaNames.set(key, name);
        }
    }

    refName(ref, where) {
        const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
        if (!m) throw new GenerateError(`${this.source}: ${where}: only #/components/schemas/* references are supported, got '${ref}'`);
        const key = decodeURIComponent(m[1]).replace(/~1/g, '/').replace(/~0/g, '~');
        const name = this.schemaNames.get(key);
        if (!name) throw new GenerateError(`${this.source}: ${where}: '${ref}' names no schema`);
        return name;
    }

    // The TypeScript type of a JSON schema; `indent` is the current indentation.
    type(schema, where, indent = '') {
        if (schema === true || schema === undefined) return 'unknown';
        if (schema === false) return 'never';
        if (typeof schema !== 'object' || schema === null) throw new GenerateError(`${this.source}: ${where}: a schema must be an object`);
        const parts = [];
        if (typeof schema.$ref === 'string') parts.push(this.refName(schema.$ref, where));
        if ('const' in schema) parts.push(literal(schema.const));
        else if (Array.isArray(schema.enum)) parts.push(schema.enum.map(literal).join(' | ') || 'never');
        else if (schema.type !== undefined) parts.push(this.typeKeyword(schema, where, indent));
        else if (schema.properties || schema.additionalProperties !== undefined) parts.push(this.objectType(schema, where, indent));
        else if (schema.items) parts.push(this.arrayType(schema, where, indent));
        const union = (list, kind) =>
            list.map((s, i) => this.type(s, `${where}.${kind}[${i}]`, indent)).map((t) => (/[|&]/.test(t) ? `(${t})` : t));
        if (Array.isArray(schema.oneOf)) parts.push(union(schema.oneOf, 'oneOf').join(' | '));
        if (Array.isArray(schema.anyOf)) parts.push(union(schema.anyOf, 'anyOf').join(' | '));
        if (Array.isArray(schema.allOf)) parts.push(union(schema.allOf, 'allOf').join(' & '));
        if (parts.length === 0) return 'unknown';
        if (parts.length === 1) return parts[0];
        return parts.map((t) => (/[|&]/.test(t) ? `(${t})` : t)).join(' & ');
    }

    typeKeyword(schema, where, indent) {
        const types = Array.isArray(schema.type) ? schema.type : [schema.type];
        const out = types.map((t) => {
            switch (t) {
                case 'string': return 'string';
                case 'integer':
                case 'number': return 'number';
                case 'boolean': return 'boolean';
                case 'null': return 'null';
                case 'object': return this.objectType(schema, where, indent);
                case 'array': return this.arrayType(schema, where, indent);
                default: throw new GenerateError(`${this.source}: ${where}: unknown type '${t}'`);
            }
        });
        return [...new Set(out)].join(' | ');
    }

    arrayType(schema, where, indent) {
        const tuple = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : null;
        if (tuple) return `[${tuple.map((s, i) => this.type(s, `${where}[${i}]`, indent)).join(', ')}]`;
        const item = this.type(schema.items, `${where}.items`, indent);
        return /[|&\s]/.test(item) && !/^\{[\s\S]*\}$/.test(item) ? `Array<${item}>` : `${item}[]`;
    }

    objectType(schema, where, indent) {
        const props = schema.properties ?? {};
        const required = new Set(Array.isArray(schema.required) ? schema.required : []);
        const inner = `${indent}    `;
        const lines = [];
        for (const [name, prop] of Object.entries(props)) {
            const key = identifier.test(name) ? name : literal(name);
            const optional = required.has(name) ? '' : '?';
            const doc = typeof prop === 'object' && prop ? docComment([prop.description], inner) : '';
            lines.push(`${doc}${inner}${key}${optional}: ${this.type(prop, `${where}.${name}`, inner)};`);
        }
        const extra = schema.additionalProperties;
        // Known properties are listed; an open object with none gets an index signature.
        if (lines.length === 0) {
            if (extra === false) return 'Record<string, never>';
            const value = extra === undefined || extra === true ? 'unknown' : this.type(extra, `${where}.additionalProperties`, indent);
            return `{ [key: string]: ${value} }`;
        }
        return `{\n${lines.join('\n')}\n${indent}}`;
    }

    paramsType(method, where) {
        const params = Array.isArray(method.params) ? method.params : [];
        const structure = method.paramStructure ?? 'either';
        if (structure === 'by-position') throw new GenerateError(`${this.source}: ${where}: by-position params are not supported (Vigil's params are by name)`);
        const lines = [];
        for (const [i, p] of params.entries()) {
            if (p.$ref) throw new GenerateError(`${this.source}: ${where}.params[${i}]: content descriptor references are not supported`);
            if (typeof p.name !== 'string') throw new GenerateError(`${this.source}: ${where}.params[${i}]: no name`);
            const key = identifier.test(p.name) ? p.name : literal(p.name);
            const doc = docComment([p.summary, p.description], '    ');
            lines.push(`${doc}    ${key}${p.required ? '' : '?'}: ${this.type(p.schema, `${where}.params.${p.name}`, '    ')};`);
        }
        if (method['x-allowUnknownParams']) lines.push('    /** The method accepts more members (`x-allowUnknownParams`). */\n    [key: string]: unknown;');
        if (lines.length === 0) return 'Record<string, never>';
        return `{\n${lines.join('\n')}\n}`;
    }

    // `export type Name = <type of schema>` unless Name is the component the schema refers to.
    alias(name, schema, where, doc, out) {
        if (typeof schema === 'object' && schema && typeof schema.$ref === 'string' && Object.keys(schema).every((k) => ['$ref', 'description', 'title'].includes(k))) {
            if (this.refName(schema.$ref, where) === name) return;
        }
        if ([...this.schemaNames.values()].includes(name))
            throw new GenerateError(`${this.source}: ${where}: the derived type name ${name} is also a component schema's name`);
        out.push(`${docComment(doc, '')}export type ${name} = ${this.type(schema, where)};\n`);
    }

    generate() {
        const { doc } = this;
        const out = [];
        const text = this.text;
        out.push(
            `// GENERATED by scripts/gen-protocol.mjs from ${this.displaySource} — do not edit, do not commit.\n` +
                `// ${doc.info?.title ?? 'OpenRPC'} ${doc.info?.version ?? ''} (OpenRPC ${doc.openrpc}), sha256 ${sha256(text)}.\n` +
                '/* eslint-disable */\n\n' +
                "import { NotificationType, ParameterStructures, RequestType, RequestType0 } from 'vscode-jsonrpc';\n",
        );

        out.push('// --- component schemas ---\n');
        const enums = [];
        for (const [key, schema] of Object.entries(this.schemas)) {
            const name = this.schemaNames.get(key);
            const doc = docComment([schema?.title && schema.title !== key ? schema.title : undefined, schema?.description], '');
            const type = this.type(schema, `components.schemas.${key}`);
            const plainObject =
                schema?.type === 'object' && !schema.oneOf && !schema.anyOf && !schema.allOf && !schema.$ref && !schema.enum && !('const' in schema);
            if (plainObject && type.startsWith('{\n') && type.endsWith('}'))
                out.push(`${doc}export interface ${name} ${type}\n`);
            else out.push(`${doc}export type ${name} = ${type};\n`);
            if (schema && Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) enums.push([name, schema.enum]);
        }
        if (enums.length) {
            out.push('// --- string enums as values (for pickers) ---\n');
            for (const [name, values] of enums)
                out.push(`export const ${camelCase(name)}Values: readonly ${name}[] = ${literal(values)};\n`);
        }

        // The schemas themselves, for limits shown and checked in pickers before the daemon has
        // the last word (e.g. SettingsInput.max_ram_kb's minimum and maximum).
        out.push('// --- component schemas as data ---\n');
        out.push(
            `export const componentSchemas: Readonly<Record<string, { readonly [key: string]: unknown }>> = JSON.parse(${literal(JSON.stringify(this.schemas))});\n`,
        );

        out.push('// --- methods (requests) ---\n');
        const seen = new Set();
        const methodNames = [];
        for (const [i, method] of doc.methods.entries()) {
            if (method.$ref) throw new GenerateError(`${this.source}: methods[${i}]: method references are not supported`);
            const name = method.name;
            if (typeof name !== 'string' || !name) throw new GenerateError(`${this.source}: methods[${i}]: no name`);
            if (seen.has(name)) throw new GenerateError(`${this.source}: method '${name}' is described twice`);
            seen.add(name);
            methodNames.push(name);
            const base = pascalCase(name);
            const where = `method ${name}`;
            const summary = [method.summary, method.description];
            const params = Array.isArray(method.params) ? method.params : [];
            const paramsName = `${base}Params`;
            const resultName = `${base}Result`;
            if ([...this.schemaNames.values()].includes(paramsName))
                throw new GenerateError(`${this.source}: ${where}: the derived type name ${paramsName} is also a component schema's name`);
            out.push(`${docComment([`Params of \`${name}\`.`], '')}export type ${paramsName} = ${this.paramsType(method, where)};\n`);
            if (!method.result) throw new GenerateError(`${this.source}: ${where}: no result (notifications belong in x-notifications)`);
            if (method.result.$ref) throw new GenerateError(`${this.source}: ${where}: content descriptor references are not supported`);
            this.alias(resultName, method.result.schema, `${where}.result`, [`Result of \`${name}\`${method.result.name ? ` (${method.result.name})` : ''}.`, method.result.description], out);
            const constant = camelCase(name);
            if (params.length === 0 && !method['x-allowUnknownParams'])
                out.push(`${docComment(summary, '')}export const ${constant} = new RequestType0<${resultName}, unknown>(${literal(name)});\n`);
            else
                out.push(`${docComment(summary, '')}export const ${constant} = new RequestType<${paramsName}, ${resultName}, unknown>(${literal(name)}, ParameterStructures.byName);\n`);
        }

        const notifications = Array.isArray(doc['x-notifications']) ? doc['x-notifications'] : [];
        const notificationNames = [];
        if (notifications.length) out.push('// --- notifications (x-notifications) ---\n');
        for (const [i, n] of notifications.entries()) {
            const name = n.name;
            if (typeof name !== 'string' || !name) throw new GenerateError(`${this.source}: x-notifications[${i}]: no name`);
            if (seen.has(name)) throw new GenerateError(`${this.source}: '${name}' is described twice`);
            seen.add(name);
            notificationNames.push(name);
            const base = `${pascalCase(name)}Notification`;
            const where = `notification ${name}`;
            const paramsName = `${base}Params`;
            this.alias(paramsName, n.params ?? { type: 'null' }, `${where}.params`, [`Params of the \`${name}\` notification.`], out);
            const direction = n.direction ? `Direction: ${n.direction}.` : undefined;
            out.push(`${docComment([n.description, direction], '')}export const ${camelCase(name)}Notification = new NotificationType<${paramsName}>(${literal(name)});\n`);
        }

        const errors = doc.components?.errors ?? {};
        const codes = Object.entries(errors).filter(([, e]) => e && Number.isInteger(e.code));
        if (codes.length) {
            out.push('// --- error codes (components.errors) ---\n');
            out.push(`export const errorCodes = {\n${codes.map(([k, e]) => `    ${identifier.test(k) ? k : literal(k)}: ${e.code},`).join('\n')}\n} as const;\n`);
        }

        out.push('// --- the document, for drift tests and diagnostics ---\n');
        out.push(`export const methods = ${literal(methodNames)} as const;\n`);
        out.push('export type MethodName = (typeof methods)[number];\n');
        out.push(`export const notifications = ${literal(notificationNames)} as const;\n`);
        out.push(
            `export const protocolDocument = ${literal({ title: doc.info?.title ?? null, version: doc.info?.version ?? null, openrpc: doc.openrpc, sha256: sha256(text) })} as const;\n`,
        );
        return out.join('\n');
    }
}

export function sha256(text) {
    return createHash('sha256').update(text).digest('hex');
}

// Generates the TypeScript module for the document `text` (read from `source`, for messages).
export function generate(text, source = 'protocol.openrpc.json', displaySource = source) {
    let doc;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new GenerateError(`${source}: not valid JSON: ${e.message}`);
    }
    const g = new Generator(doc, source);
    g.text = text;
    g.displaySource = displaySource;
    return g.generate();
}

function parseArgs(argv) {
    const args = { input: defaultInput, output: defaultOutput };
    for (let i = 0; i < argv.length; ++i) {
        const a = argv[i];
        const value = () => {
            if (i + 1 >= argv.length) throw new GenerateError(`${a} needs a value`);
            return argv[++i];
        };
        if (a === '--in') args.input = resolve(value());
        else if (a === '--out') args.output = resolve(value());
        else throw new GenerateError(`unknown argument '${a}' (usage: gen-protocol.mjs [--in FILE] [--out FILE])`);
    }
    return args;
}

function main() {
    try {
        const { input, output } = parseArgs(process.argv.slice(2));
        let text;
        try {
            text = readFileSync(input, 'utf8');
        } catch (e) {
            throw new GenerateError(`cannot read the OpenRPC document ${input}: ${e.message}`);
        }
        const display = relative(resolve(extensionRoot, '..'), input).startsWith('..') ? input : relative(resolve(extensionRoot, '..'), input);
        const code = generate(text, input, display);
        mkdirSync(dirname(output), { recursive: true });
        // Unchanged output is not rewritten, so watchers and incremental builds stay quiet.
        let previous = null;
        try {
            previous = readFileSync(output, 'utf8');
        } catch {
            /* first run */
        }
        if (previous !== code) writeFileSync(output, code);
    } catch (e) {
        if (e instanceof GenerateError) {
            process.stderr.write(`gen-protocol: ${e.message}\n`);
            process.exit(1);
        }
        throw e;
    }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();

// The generated protocol module against docs/protocol.openrpc.json: same methods, same
// notifications, same document (by hash). A stale src/protocol.generated.ts, or a document
// changed without regenerating, fails here (like rust-analyzer's lsp-extensions hash check).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { methods, notifications, protocolDocument } from '../../src/protocol.generated';
import { repositoryRoot } from './helpers';

const documentPath = path.join(repositoryRoot, 'docs', 'protocol.openrpc.json');

describe('protocol drift', () => {
    const text = readFileSync(documentPath, 'utf8');
    const doc = JSON.parse(text) as { methods: { name: string }[]; 'x-notifications'?: { name: string }[]; info: { version: string } };

    it('has the methods of docs/protocol.openrpc.json', () => {
        assert.ok(doc.methods.length > 0, 'the OpenRPC document describes no method');
        assert.deepEqual([...methods], doc.methods.map((m) => m.name), 'src/protocol.generated.ts is stale: npm run gen-protocol');
    });
    it('has its notifications', () => {
        assert.deepEqual([...notifications], (doc['x-notifications'] ?? []).map((n) => n.name));
    });
    it('was generated from this very document', () => {
        const sha256 = createHash('sha256').update(text).digest('hex');
        assert.equal(protocolDocument.sha256, sha256, 'docs/protocol.openrpc.json changed since src/protocol.generated.ts was generated: npm run gen-protocol');
        assert.equal(protocolDocument.version, doc.info.version);
    });
});

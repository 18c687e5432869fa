#!/usr/bin/env node
// Copies the daemon into server/vigild, where the packaged extension looks first (bootstrap.ts),
// before `vsce package --target linux-x64` (rust-analyzer's dist.rs does the same); and the host
// emulator beside it (server/emulator/vigil-emulator), which library/compile puts into every
// library zip and looks for next to the daemon (engine/src/packaging/project_compile.cpp).
//
//   node scripts/stage-server.mjs [PATH-TO-VIGILD]     (default: $VIGILD, else ../build/release/backend/vigild)
//   the emulator: $VIGIL_EMULATOR, else emulator/vigil-emulator next to that vigild

import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(process.argv[2] ?? process.env.VIGILD ?? join(root, '..', 'build', 'release', 'backend', 'vigild'));
if (!existsSync(source)) {
    console.error(`stage-server: ${source} does not exist: build it first (cd .. && cmake --build build/release --target vigild), or give its path (or set VIGILD)`);
    process.exit(1);
}
let version;
try {
    version = execFileSync(source, ['--version'], { encoding: 'utf8' }).trim();
} catch (e) {
    console.error(`stage-server: ${source} --version failed: ${e.message}`);
    process.exit(1);
}
if (!/^vigild \d+\.\d+\.\d+/.test(version)) {
    console.error(`stage-server: ${source} is not vigild (--version printed '${version}')`);
    process.exit(1);
}
const target = join(root, 'server', 'vigild');
mkdirSync(dirname(target), { recursive: true });
copyFileSync(source, target);
chmodSync(target, 0o755);
console.error(`stage-server: ${version} -> server/vigild`);

const emulator = resolve(process.env.VIGIL_EMULATOR ?? join(dirname(source), 'emulator', 'vigil-emulator'));
if (!existsSync(emulator)) {
    console.error(`stage-server: ${emulator} does not exist: build it first (cd .. && cmake --build build/release --target vigil_emulator), or set VIGIL_EMULATOR; without it the packaged daemon cannot compile libraries`);
    process.exit(1);
}
const emulatorTarget = join(root, 'server', 'emulator', 'vigil-emulator');
mkdirSync(dirname(emulatorTarget), { recursive: true });
copyFileSync(emulator, emulatorTarget);
chmodSync(emulatorTarget, 0o755);
console.error('stage-server: vigil-emulator -> server/emulator/vigil-emulator');

// The QEMU instruction counter (probes/qemu-icount) beside the daemon, where target/test looks
// for it (engine/src/target/tools.cpp): without it a test on a QEMU board agrees but counts
// nothing. Optional: a build without the Cortex-M probes has none.
const icount = resolve(process.env.VIGIL_QEMU_ICOUNT ?? join(dirname(source), '..', 'probes', 'libicount.so'));
if (existsSync(icount)) {
    copyFileSync(icount, join(root, 'server', 'libicount.so'));
    console.error('stage-server: libicount.so -> server/libicount.so');
} else {
    console.error(`stage-server: ${icount} does not exist: QEMU board tests of the packaged daemon will not count instructions`);
}

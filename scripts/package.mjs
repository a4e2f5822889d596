#!/usr/bin/env node
// Production build, then a .vsix with @vscode/vsce in dist-vsix/<name>-<version>.vsix.
// Prints the file and its size in bytes on the last line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const outDir = path.join(root, 'dist-vsix');
const vsix = path.join(outDir, `${manifest.name}-${manifest.version}.vsix`);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
    process.exit(1);
  }
}

run(process.execPath, [path.join(root, 'scripts/build.mjs'), '--production']);
fs.mkdirSync(outDir, { recursive: true });
fs.rmSync(vsix, { force: true });
const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
// Everything runs from the bundles, so node_modules stays out (--no-dependencies).
run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix]);
const bytes = fs.statSync(vsix).size;
console.log(`${path.relative(root, vsix)} ${bytes} bytes`);

#!/usr/bin/env node
// `npm test`: every layer in order (typecheck, lint, unit, integration, extension host, end to
// end), each run even when an earlier one failed. Prints each layer's own output, a table, and
// as its very last line `N passed, N failed` summed over all layers (typecheck and lint count as
// one check each). Exits non-zero when anything failed.
import { spawn } from 'node:child_process';

const layers = [
  { name: 'typecheck', script: 'typecheck', kind: 'check' },
  { name: 'lint', script: 'lint', kind: 'check' },
  { name: 'unit', script: 'test:unit', kind: 'mocha' },
  { name: 'integration', script: 'test:integration', kind: 'mocha' },
  { name: 'exthost', script: 'test:exthost', kind: 'exthost' },
  { name: 'e2e', script: 'test:e2e', kind: 'mocha' },
  { name: 'journey', script: 'test:journey', kind: 'mocha' },
];

const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

function runScript(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (stream, sink) =>
      stream.on('data', (chunk) => {
        output += chunk.toString();
        sink.write(chunk);
      });
    take(child.stdout, process.stdout);
    take(child.stderr, process.stderr);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: stripAnsi(output) }));
  });
}

/** Counts of one layer; a layer that failed without saying how many counts as one failure. */
function count(kind, code, output) {
  if (kind === 'check') return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  let counts;
  if (kind === 'exthost') {
    const match = [...output.matchAll(/^EXTHOST_TOTAL (\{.*\})$/gm)].at(-1);
    if (match) {
      const parsed = JSON.parse(match[1]);
      counts = { passed: parsed.passed, failed: parsed.failed };
    }
  } else {
    // Mocha's spec reporter ends with "  N passing (…)" and, when any failed, "  N failing".
    const passing = [...output.matchAll(/^\s*(\d+) passing\b/gm)].at(-1);
    const failing = [...output.matchAll(/^\s*(\d+) failing\b/gm)].at(-1);
    if (passing || failing) counts = { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0) };
  }
  if (!counts) return { passed: 0, failed: code === 0 ? 0 : 1 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

const results = [];
for (const layer of layers) {
  console.log(`\n===== ${layer.name} (npm run ${layer.script}) =====`);
  const started = Date.now();
  const { code, output } = await runScript(layer.script);
  const counts = count(layer.kind, code, output);
  results.push({ ...layer, ...counts, code, seconds: (Date.now() - started) / 1000 });
}

console.log('\n===== summary =====');
for (const r of results) {
  const status = r.failed ? 'FAILED' : 'ok';
  console.log(
    `${r.name.padEnd(12)} ${status.padEnd(7)} passed ${String(r.passed).padStart(4)}  failed ${String(r.failed).padStart(3)}  exit ${r.code}  ${r.seconds.toFixed(1)} s`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const anyFailed = failed > 0 || results.some((r) => r.code !== 0);
process.exitCode = anyFailed ? 1 : 0;
console.log(`${passed} passed, ${failed} failed`);

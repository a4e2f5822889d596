// Runs the extension-host suites inside code-server: `tsx test/exthost/runSuites.ts [suite ...]`.
// Build first (scripts/build.mjs bundles each suite into out/test/exthost/suites/<suite>/index.js).
// Prints each suite's mocha output, one line per suite, and a last EXTHOST_TOTAL line for
// scripts/test-all.mjs; exits non-zero when any test failed or a suite did not report.
import fs from 'node:fs';
import path from 'node:path';
import { formatExthostLogs, runExtensionHostTests } from '../harness/extensionHostRunner';
import { projectRoot, testOutputDir } from '../harness/paths';
import { startTestSandbox, type RunningSandbox } from '../harness/sandbox';
import { makeTempDir } from '../harness/tempDir';
import type { ExthostSuiteConfig, SuiteLaunchContext } from './suiteConfig';

const suitesDir = path.join(projectRoot, 'test/exthost/suites');
const compiledDir = path.join(projectRoot, 'out/test/exthost/suites');

export function listSuites(): string[] {
  return fs
    .readdirSync(suitesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && hasTests(path.join(suitesDir, d.name)))
    .map((d) => d.name)
    .sort();
}

function hasTests(dir: string): boolean {
  return fs.readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? hasTests(path.join(dir, e.name)) : e.name.endsWith('.test.ts'),
  );
}

export function loadSuiteConfig(suite: string): ExthostSuiteConfig {
  const launch = path.join(suitesDir, suite, 'launch.ts');
  if (!fs.existsSync(launch)) return {};
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(launch) as { default?: ExthostSuiteConfig };
  return mod.default ?? {};
}

export function compiledSuiteIndex(suite: string): string {
  return path.join(compiledDir, suite, 'index.js');
}

interface SuiteOutcome {
  suite: string;
  passed: number;
  failed: number;
  pending: number;
  seconds: number;
}

async function runOne(suite: string): Promise<SuiteOutcome> {
  const started = Date.now();
  const outcome = (passed: number, failed: number, pending = 0): SuiteOutcome => ({
    suite,
    passed,
    failed,
    pending,
    seconds: (Date.now() - started) / 1000,
  });
  const index = compiledSuiteIndex(suite);
  if (!fs.existsSync(index)) {
    console.log(`exthost suite ${suite}: ${index} is missing (run "node scripts/build.mjs" first)`);
    return outcome(0, 1);
  }
  const config = loadSuiteConfig(suite);
  const tmp = makeTempDir(`exthost-${suite}`);
  let sandbox: RunningSandbox | undefined;
  try {
    if (config.needsSandbox) sandbox = await startTestSandbox(config.sandboxOptions);
    const context: SuiteLaunchContext = { tmpDir: tmp.path, workspace: tmp.sub('workspace'), sandbox: sandbox?.info };
    config.prepareWorkspace?.(context);
    const result = await runExtensionHostTests({
      suite,
      extensionTestsPath: index,
      folder: context.workspace,
      userSettings: config.userSettings?.(context),
      env: config.env?.(context),
      workspaceTrust: config.workspaceTrust,
      timeoutMs: config.timeoutMs,
      logFile: path.join(testOutputDir, 'exthost', `${suite}.log`),
    });
    if (result.exitCode !== 0) {
      console.log(`exthost suite ${suite}: extension host exit code ${result.exitCode}; its logs:`);
      console.log(formatExthostLogs(result));
    }
    // A run that crashed before mocha reported counts as one failure.
    const failed = result.reported ? result.failed : Math.max(result.failed, 1);
    return outcome(result.passed, result.exitCode !== 0 && failed === 0 ? 1 : failed, result.pending);
  } catch (err) {
    console.log(`exthost suite ${suite}: could not run: ${(err as Error).stack ?? err}`);
    return outcome(0, 1);
  } finally {
    await sandbox?.stop().catch((err: unknown) => console.log(`sandbox stop failed: ${String(err)}`));
    tmp.remove();
  }
}

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const available = listSuites();
  const unknown = requested.filter((s) => !available.includes(s));
  if (unknown.length) {
    console.error(`unknown suite(s): ${unknown.join(', ')}; suites with tests: ${available.join(', ')}`);
    process.exit(2);
  }
  const suites = requested.length ? requested : available;
  const outcomes: SuiteOutcome[] = [];
  for (const suite of suites) {
    console.log(`\n== extension host suite: ${suite} ==`);
    const o = await runOne(suite);
    outcomes.push(o);
    console.log(`exthost suite ${suite}: ${o.passed} passing, ${o.failed} failing, ${o.pending} pending (${o.seconds.toFixed(1)} s)`);
  }
  const total = outcomes.reduce(
    (t, o) => ({ passed: t.passed + o.passed, failed: t.failed + o.failed, pending: t.pending + o.pending }),
    { passed: 0, failed: 0, pending: 0 },
  );
  console.log(`EXTHOST_TOTAL ${JSON.stringify(total)}`);
  process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
}

if (require.main === module) {
  void main();
}

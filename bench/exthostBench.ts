// Figures measured inside the real extension host (code-server, through the test harness):
// activation of the lazy and eager builds, and the heap after the AWS tree loaded a large region.
// The in-host half is test/exthost/bench/index.ts, bundled here the way scripts/build.mjs
// bundles the test suites, into the staged extension folder (see bundleSizes.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { writeAwsProfile } from '../sandbox/awsProfile';
import { startEc2Emulator, type Ec2Emulator } from '../sandbox/ec2';
import { runExtensionHostTests } from '../test/harness/extensionHostRunner';
import { freePort } from '../test/harness/freePort';
import { assertCodeServerInstalled } from '../test/harness/paths';
import type { ActivationSample, ActivationSeries, ExthostBenchConfig, ExthostBenchResult } from '../test/exthost/bench/index';
import { BenchReport, errorText, median } from './benchReport';
import { benchOutputDir, projectRoot } from './benchPaths';
import type { BuildState } from './bundleSizes';
import { writeSkeletonBundle } from './skeletonExtension';

export const ACTIVATION_LIMIT_MS = 15;
/** Ours ÷ the registrations-only skeleton: what activation does beyond the floor. */
export const SKELETON_RATIO_LIMIT = 2;
const REGION = 'us-east-1';
const ACTIVATION_RUNS = 15;
const RESULT_PREFIX = 'EXTHOST_BENCH';

const ACTIVATION_FIGURES = ['activation_ms', 'activation_sdk_loaded', 'activation_eager_ms', 'activation_eager_sdk_loaded', 'activation_ratio', 'activation_skeleton_ms', 'activation_vs_skeleton'];
const TREE_FIGURES = ['exthost_heap_mb', 'exthost_tree_first_children_ms', 'exthost_tree_refresh_calls'];

/** Inside the staged extension, so the suite's `vscode` is the extension's own API object. */
function benchSuitePath(builds: BuildState): string {
  return path.join(builds.extensionDir, 'bench-suite', 'index.js');
}

async function buildBenchSuite(benchSuite: string): Promise<void> {
  await esbuild.build({
    absWorkingDir: projectRoot,
    entryPoints: [path.join(projectRoot, 'test/exthost/bench/index.ts')],
    outfile: benchSuite,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['main', 'module'],
    external: ['vscode'],
    sourcemap: 'linked',
    logLevel: 'warning',
    // The bundles it times are required at run time by path, on purpose.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
}

/** Runs the in-host half against an emulator seeded with 200 more VPCs and 1,000 endpoints. */
async function measureInHost(builds: BuildState, benchSuite: string): Promise<ExthostBenchResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-bench-exthost-'));
  let emulator: Ec2Emulator | undefined;
  try {
    emulator = await startEc2Emulator();
    emulator.bulkSeed(REGION, 200, 1000);
    const files = await writeAwsProfile(tmp, REGION);
    const workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(workspace);
    const skeletonBundle = writeSkeletonBundle(builds.extensionDir);
    const cfg: ExthostBenchConfig = { controlUrl: emulator.controlUrl, region: REGION, activationRuns: ACTIVATION_RUNS, skeletonBundle };
    const lines: string[] = [];
    const run = await runExtensionHostTests({
      suite: 'bench',
      extensionTestsPath: benchSuite,
      extensionDevelopmentPath: builds.extensionDir,
      folder: workspace,
      // What a user pointing the extension at the sandbox would set. The PlanetScale tree is not
      // part of this run; its API URL is a closed loopback port so nothing can leave the machine.
      userSettings: {
        'planetscalePrivateLink.aws.profile': files.profile,
        'planetscalePrivateLink.aws.regions': [REGION],
        'planetscalePrivateLink.aws.endpointUrl': emulator.url,
        'planetscalePrivateLink.planetscale.apiUrl': `http://127.0.0.1:${await freePort()}/v1`,
      },
      env: {
        AWS_CONFIG_FILE: files.configFile,
        AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
        AWS_EC2_METADATA_DISABLED: 'true',
        EXTHOST_BENCH_CONFIG: JSON.stringify(cfg),
      },
      timeoutMs: 300_000,
      onLog: (line) => lines.push(line),
      logFile: path.join(benchOutputDir, 'exthost.log'),
    });
    const line = lines.find((l) => l.includes(`${RESULT_PREFIX} `));
    if (!line) {
      throw new Error(`the extension host run reported nothing (exit code ${run.exitCode}); see ${path.relative(projectRoot, path.join(benchOutputDir, 'exthost.log'))}`);
    }
    return JSON.parse(line.slice(line.indexOf(`${RESULT_PREFIX} `) + RESULT_PREFIX.length + 1)) as ExthostBenchResult;
  } finally {
    await emulator?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Errors from the host carry stacks; the notes keep the message (the log has the rest). */
function firstLine(text: string): string {
  return text.split('\n')[0];
}

/** Median of the runs after the warm-up. */
function activationMs(series: ActivationSeries, pick: (s: ActivationSample) => number = (s) => s.ms): number {
  return median(series.samples.slice(1).map(pick));
}

const cpuMs = (s: ActivationSample) => s.cpuMs;

function reportActivation(report: BenchReport, result: ExthostBenchResult, builds: BuildState): void {
  const lazy = result.lazy;
  const reason = firstLine(lazy?.error ?? result.errors[0] ?? 'no samples');
  if (!lazy || lazy.samples.length < 2) {
    for (const name of ACTIVATION_FIGURES) report.notAvailable(name, `activation could not be timed in the extension host: ${reason}`);
    report.targetUnmeasured('activation_ms', `activate() ≤ ${ACTIVATION_LIMIT_MS} ms`);
    report.targetUnmeasured('activation_sdk_loaded', 'no AWS SDK or pg at activation');
    return;
  }
  if (lazy.error) report.note('activation_ms', `some runs failed: ${firstLine(lazy.error)}`);
  const lazyMs = activationMs(lazy);
  const lazyLoaded = lazy.samples.some((s) => s.sdkLoaded) || result.first?.sdkLoaded === true;
  const lazyCpu = activationMs(lazy, cpuMs);
  report.figure('activation_ms', lazyMs, 'ms');
  report.figure('activation_min_ms', Math.min(...lazy.samples.slice(1).map((s) => s.ms)), 'ms');
  report.figure('activation_cpu_ms', lazyCpu, 'ms');
  const requireMs = activationMs(lazy, (x) => x.requireMs);
  report.figure('activation_require_ms', requireMs, 'ms');
  if (result.lazyWarm && result.lazyWarm.samples.length > 1) {
    report.figure('activation_warm_ms', activationMs(result.lazyWarm), 'ms');
    report.figure('activation_warm_cpu_ms', activationMs(result.lazyWarm, cpuMs), 'ms');
  }
  report.figure('activation_sdk_loaded', lazyLoaded ? 1 : 0, 'flag');
  const prod = builds.source === 'vsix' ? 'production build from the .vsix' : 'a copy of the current dist/, not rebuilt by this run';
  report.target(
    'activation_ms',
    lazyMs <= ACTIVATION_LIMIT_MS,
    `activate() ≤ ${ACTIVATION_LIMIT_MS} ms, median wall time of require + activate of dist/extension.js (${prod})`,
    `median ${lazyMs.toFixed(2)} ms over ${lazy.samples.length - 1} cold runs, of which require() ${requireMs.toFixed(2)} ms; main-thread CPU median ${lazyCpu.toFixed(2)} ms`,
  );
  const heavy = [...new Set([...(result.first?.heavyModules ?? []), ...lazy.samples.flatMap((s) => s.heavyModules)])];
  report.target('activation_sdk_loaded', !lazyLoaded, 'no AWS SDK, pg or dist/core.js loaded by activation', heavy.length ? heavy.slice(0, 5).join(', ') : 'the core was loaded');

  const eager = result.eager;
  if (eager?.error) report.note('activation_eager_ms', `some runs failed: ${firstLine(eager.error)}`);
  if (!builds.eager || !eager || eager.samples.length < 2) {
    const why = !builds.eager ? 'the eager build (dist-eager/) failed' : firstLine(eager?.error ?? 'no samples');
    for (const name of ['activation_eager_ms', 'activation_eager_sdk_loaded', 'activation_ratio']) report.notAvailable(name, why);
  } else {
    const eagerMs = activationMs(eager);
    report.figure('activation_eager_ms', eagerMs, 'ms');
    report.figure('activation_eager_cpu_ms', activationMs(eager, cpuMs), 'ms');
    report.figure('activation_eager_sdk_loaded', eager.samples.some((s) => s.sdkLoaded) ? 1 : 0, 'flag');
    report.figure('activation_ratio', eagerMs / lazyMs, 'ratio');
  }
  reportSkeleton(report, result, lazyMs);
  if (result.first?.wasActive) {
    report.note('activation_sdk_loaded', 'the extension was already active when the benchmark started, so its first activation was not observed; the figure covers the timed runs only');
  }
}

/** The skeleton's activation and ours ÷ it: the ratio to quote, since both ran in turn in one host. */
function reportSkeleton(report: BenchReport, result: ExthostBenchResult, lazyMs: number): void {
  const skeleton = result.skeleton;
  if (!skeleton || skeleton.samples.length < 2) {
    const why = firstLine(skeleton?.error ?? 'the skeleton extension was not timed');
    for (const name of ['activation_skeleton_ms', 'activation_vs_skeleton']) report.notAvailable(name, why);
    report.targetUnmeasured('activation_vs_skeleton', `activation ≤ ${SKELETON_RATIO_LIMIT} × the skeleton's`);
    return;
  }
  if (skeleton.error) report.note('activation_skeleton_ms', `some runs failed: ${firstLine(skeleton.error)}`);
  const skeletonMs = activationMs(skeleton);
  const ratio = lazyMs / skeletonMs;
  report.figure('activation_skeleton_ms', skeletonMs, 'ms');
  report.figure('activation_vs_skeleton', ratio, 'ratio');
  // The same ratio on main-thread CPU time, which waiting for a busy CPU does not inflate.
  const lazyCpu = result.lazy && result.lazy.samples.length > 1 ? activationMs(result.lazy, cpuMs) : undefined;
  const skeletonCpu = activationMs(skeleton, cpuMs);
  if (lazyCpu !== undefined && skeletonCpu > 0) report.figure('activation_vs_skeleton_cpu', lazyCpu / skeletonCpu, 'ratio');
  report.target(
    'activation_vs_skeleton',
    ratio <= SKELETON_RATIO_LIMIT,
    `activation ≤ ${SKELETON_RATIO_LIMIT} × a skeleton's that registers the same commands, views and status bar item with empty handlers`,
    `ours ${lazyMs.toFixed(2)} ms, skeleton ${skeletonMs.toFixed(2)} ms (medians of cold runs taken in turn)`,
  );
}

function reportTree(report: BenchReport, result: ExthostBenchResult): void {
  const tree = result.tree;
  if (!tree) {
    const reason = firstLine(result.errors.find((e) => e.startsWith('tree:')) ?? result.errors[0] ?? 'no result');
    for (const name of TREE_FIGURES) report.notAvailable(name, `the large tree could not be loaded in the extension host: ${reason}`);
    return;
  }
  report.figure('exthost_heap_mb', tree.heapAfterMb, 'MB');
  report.figure('exthost_heap_tree_delta_mb', tree.heapAfterMb - tree.heapBeforeMb, 'MB');
  if (!tree.gc) report.note('exthost_heap_mb', 'gc could not be forced in the extension host: heapUsed includes garbage');
  report.figure('exthost_tree_first_children_ms', tree.firstChildrenMs, 'ms');
  report.figure('exthost_tree_refresh_calls', Object.values(tree.ec2Calls).reduce((a, b) => a + b, 0), 'calls');
  report.figure('exthost_tree_vpcs', tree.vpcs, 'count');
}

export async function benchExtensionHost(report: BenchReport, builds: BuildState): Promise<void> {
  let result: ExthostBenchResult;
  try {
    assertCodeServerInstalled();
    const suite = benchSuitePath(builds);
    await buildBenchSuite(suite);
    result = await measureInHost(builds, suite);
    // A workbench that restarted its extension host mid-run can leave the suite without the
    // extension; one more run tells a fluke from a real problem.
    if (!result.first) result = await measureInHost(builds, suite);
  } catch (err) {
    result = { errors: [errorText(err)] };
  }
  reportActivation(report, result, builds);
  reportTree(report, result);
}

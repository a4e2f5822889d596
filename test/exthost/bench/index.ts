// The benchmark's extension-host half (not a test; bench/exthostBench.ts bundles and launches it,
// and it is outside test/exthost/suites/ so test runs never pick it up). Inside the real extension
// host it measures: the extension's first activation; the heap after the AWS tree has loaded a
// large region; then activate() of the lazy (dist/) and eager (dist-eager/) bundles and of a
// skeleton with the same contributes (bench/skeletonExtension.ts), in turn, each run a cold
// require of the bundle and a fresh context whose subscriptions are disposed afterwards.
// It prints one `EXTHOST_BENCH <json>` line of raw samples; bench/ turns them into figures.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../support/api';
import { EXTENSION_ID, heavyModulesLoaded } from '../support/extension';
import { sandboxControlGet, sandboxControlPost } from '../../harness/sandboxControl';

export const RESULT_PREFIX = 'EXTHOST_BENCH';

/** What bench/exthostBench.ts passes in (environment variable EXTHOST_BENCH_CONFIG). */
export interface ExthostBenchConfig {
  /** The EC2 emulator's control API (for its call counts). */
  controlUrl: string;
  region: string;
  /** Activation runs per bundle; the first of each is a warm-up. */
  activationRuns: number;
  /** bench/skeletonExtension.ts's registrations-only bundle, inside the extension folder. */
  skeletonBundle?: string;
}

export interface ActivationSample {
  ms: number;
  /** The part of `ms` spent in require() of the bundle (reading, compiling, evaluating it). */
  requireMs: number;
  /** CPU time of the extension host's main thread over the same span (less sensitive to a busy machine). */
  cpuMs: number;
  /** The AWS SDK / pg / core bundle was loaded (or, inlined, evaluated) by this activation. */
  sdkLoaded: boolean;
  heavyModules: string[];
}

export interface ActivationSeries {
  bundle: string;
  samples: ActivationSample[];
  error?: string;
}

export interface ExthostBenchResult {
  first?: { ms: number; wasActive: boolean; sdkLoaded: boolean; heavyModules: string[] };
  tree?: { firstChildrenMs: number; vpcs: number; ec2Calls: Record<string, number>; heapBeforeMb: number; heapAfterMb: number; gc: boolean };
  lazy?: ActivationSeries;
  /** The lazy bundle re-required from the same file (compiled code reused). */
  lazyWarm?: ActivationSeries;
  eager?: ActivationSeries;
  /** The skeleton with the same contributes (registrations only), timed in turn with lazy and eager. */
  skeleton?: ActivationSeries;
  errors: string[];
}

const MB = 1024 * 1024;

function config(): ExthostBenchConfig {
  const raw = process.env.EXTHOST_BENCH_CONFIG;
  if (!raw) throw new Error('EXTHOST_BENCH_CONFIG is not set: run this through bench/exthostBench.ts');
  return JSON.parse(raw) as ExthostBenchConfig;
}

/** A full collection when the host lets us expose gc, so the heap figure is what stays alive. */
function collectGarbage(): boolean {
  try {
    v8.setFlagsFromString('--expose-gc');
    (vm.runInNewContext('gc') as () => void)();
    return true;
  } catch {
    return false;
  }
}

async function stats(controlUrl: string, reset: boolean): Promise<Record<string, number>> {
  const answer = reset ? await sandboxControlPost(controlUrl, 'stats/reset') : await sandboxControlGet(controlUrl, 'stats');
  return (answer as { calls: Record<string, number> }).calls;
}

/** Milliseconds of CPU used by this thread (Node ≥ 23.9), else by the whole process. */
function threadCpu(): number {
  const perThread = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage;
  const used = perThread ? perThread.call(process) : process.cpuUsage();
  return (used.user + used.system) / 1000;
}

function disposeAll(subscriptions: { dispose(): unknown }[]): void {
  for (const s of subscriptions.splice(0)) {
    try {
      s.dispose();
    } catch {
      // One failing disposable must not keep the others registered.
    }
  }
}

function sdkLoadedBy(api: ExtensionApi | undefined, before: ReadonlySet<string>): { sdkLoaded: boolean; heavyModules: string[] } {
  const heavyModules = heavyModulesLoaded().filter((m) => !before.has(m));
  // The eager build inlines the core, so it shows as the LazyCore having loaded, not as a module.
  // (The skeleton returns no services.)
  return { sdkLoaded: heavyModules.length > 0 || api?.services?.core.isLoaded === true, heavyModules };
}

/**
 * require + activate() of one bundle with a fresh context (the real one's state, own
 * subscriptions). Each run loads its own copy of the bundle (same bytes, same folder, so
 * `./core.js` still resolves): a new file name misses V8's in-process compile cache, so every
 * run compiles the bundle cold, as a window's one real activation does. Warm runs re-require the
 * same file, so V8 reuses its compiled code: the cost of activate() plus evaluating the bundle.
 */
function timeActivation(bundle: string, base: vscode.ExtensionContext, run: number, cold: boolean): ActivationSample {
  const copy = cold ? bundle.replace(/\.js$/, `.bench-${run}.js`) : bundle;
  if (cold) fs.copyFileSync(bundle, copy);
  delete require.cache[copy];
  const before = new Set(heavyModulesLoaded());
  const context = Object.create(base, { subscriptions: { value: [], enumerable: true } }) as vscode.ExtensionContext;
  try {
    const cpu = threadCpu();
    const started = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(copy) as { activate(context: vscode.ExtensionContext): ExtensionApi };
    const required = performance.now();
    const api = mod.activate(context);
    const ms = performance.now() - started;
    return { ms, requireMs: required - started, cpuMs: threadCpu() - cpu, ...sdkLoadedBy(api, before) };
  } finally {
    disposeAll(context.subscriptions);
    delete require.cache[copy];
    if (cold) fs.rmSync(copy, { force: true });
  }
}

function activationSeries(bundle: string, base: vscode.ExtensionContext, runs: number, cold = true): ActivationSeries {
  const samples: ActivationSample[] = [];
  try {
    for (let i = 0; i < runs; i++) samples.push(timeActivation(bundle, base, i, cold));
    return { bundle, samples };
  } catch (err) {
    return { bundle, samples, error: (err as Error).stack ?? String(err) };
  }
}

/**
 * Cold series of several bundles taken in turn (run i of each, then run i + 1), so a burst of
 * load on the machine falls on all of them alike and their ratios hold. A bundle that throws
 * keeps its error and drops out; the others go on.
 */
function interleavedSeries(bundles: readonly string[], base: vscode.ExtensionContext, runs: number): ActivationSeries[] {
  const series: ActivationSeries[] = bundles.map((bundle) => ({ bundle, samples: [] }));
  for (let i = 0; i < runs; i++) {
    for (const s of series) {
      if (s.error) continue;
      try {
        s.samples.push(timeActivation(s.bundle, base, i, true));
      } catch (err) {
        s.error = (err as Error).stack ?? String(err);
      }
    }
  }
  return series;
}

/** Refresh → profile → region → its VPCs, as the view asks when the region is expanded. */
async function loadLargeTree(api: ExtensionApi, cfg: ExthostBenchConfig): Promise<NonNullable<ExthostBenchResult['tree']>> {
  const provider = api.awsExplorer;
  const gc = collectGarbage();
  const heapBeforeMb = process.memoryUsage().heapUsed / MB;
  await stats(cfg.controlUrl, true);
  const started = performance.now();
  provider.refresh();
  const [profile] = await provider.getChildren();
  if (!profile) throw new Error('the AWS tree has no profile node');
  const regions = await provider.getChildren(profile);
  const region = regions.find((r) => r.id.endsWith(`/${cfg.region}`));
  if (!region) throw new Error(`no ${cfg.region} node under ${profile.id}: ${regions.map((r) => r.id).join(', ')}`);
  const vpcs = await provider.getChildren(region);
  for (const vpc of vpcs) provider.getTreeItem(vpc);
  const firstChildrenMs = performance.now() - started;
  const ec2Calls = Object.fromEntries(Object.entries(await stats(cfg.controlUrl, false)).filter(([k]) => !k.startsWith('sts:')));
  collectGarbage();
  const heapAfterMb = process.memoryUsage().heapUsed / MB;
  if (!vpcs.some((v) => v.id.includes('vpc-'))) throw new Error(`the region shows no VPCs: ${vpcs.map((v) => v.id).slice(0, 3).join(', ')}`);
  return { firstChildrenMs, vpcs: vpcs.length, ec2Calls, heapBeforeMb, heapAfterMb, gc };
}

export async function run(): Promise<void> {
  const result: ExthostBenchResult = { errors: [] };
  try {
    const cfg = config();
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
    const wasActive = extension.isActive;
    const before = new Set(heavyModulesLoaded());
    const started = performance.now();
    const api = await extension.activate();
    result.first = { ms: performance.now() - started, wasActive, ...sdkLoadedBy(api, before) };

    try {
      result.tree = await loadLargeTree(api, cfg);
    } catch (err) {
      result.errors.push(`tree: ${(err as Error).stack ?? err}`);
    }

    // From here on the real activation's registrations are gone; each run makes its own.
    const base = api.services.context;
    disposeAll(base.subscriptions);
    const lazyBundle = path.join(extension.extensionPath, 'dist', 'extension.js');
    const eagerBundle = path.join(extension.extensionPath, 'dist-eager', 'extension.js');
    const [lazy, eager, skeleton] = interleavedSeries([lazyBundle, eagerBundle, ...(cfg.skeletonBundle ? [cfg.skeletonBundle] : [])], base, cfg.activationRuns);
    Object.assign(result, { lazy, eager, skeleton });
    result.lazyWarm = activationSeries(lazyBundle, base, cfg.activationRuns, false);
  } catch (err) {
    result.errors.push((err as Error).stack ?? String(err));
  }
  console.log(`${RESULT_PREFIX} ${JSON.stringify(result)}`);
}

// Bundle and package sizes: the production build and .vsix exactly as `npm run package` makes
// them, plus the eager benchmark build (dist-eager/) that the activation figures compare against.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BenchReport, errorText } from './benchReport';
import { benchOutputDir, projectRoot } from './benchPaths';

export const MAIN_BUNDLE_LIMIT = 100 * 1024;
export const VSIX_LIMIT = 1.5 * 1024 * 1024;

/** Runs a node script of the project; its output goes to a log file, shown only on failure. */
function runScript(label: string, args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const log = path.join(benchOutputDir, `${label}.log`);
  fs.mkdirSync(benchOutputDir, { recursive: true });
  fs.writeFileSync(log, `${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-5).join(' | ');
    throw new Error(`${args.join(' ')} failed (${result.status ?? result.signal}); see ${path.relative(projectRoot, log)}: ${tail}`);
  }
}

function sizeOf(relative: string): number {
  return fs.statSync(path.join(projectRoot, relative)).size;
}

function vsixPath(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join('dist-vsix', `${manifest.name}-${manifest.version}.vsix`);
}

export interface BuildState {
  /** dist/ holds the production build (the extension host run uses it). */
  production: boolean;
  /** dist-eager/ exists for the eager activation figures. */
  eager: boolean;
}

/** Packages (production build + .vsix), builds the eager bundle, prints the sizes. */
export function benchBundleSizes(report: BenchReport): BuildState {
  const state: BuildState = { production: false, eager: false };
  try {
    runScript('package', ['scripts/package.mjs']);
    state.production = true;
    const main = sizeOf('dist/extension.js');
    report.figure('bundle_main_bytes', main, 'bytes');
    report.target('bundle_main_bytes', main <= MAIN_BUNDLE_LIMIT, `main bundle ≤ 100 KiB (${MAIN_BUNDLE_LIMIT} bytes)`, `${main} bytes`);
    report.figure('bundle_aws_bytes', sizeOf('dist/core.js'), 'bytes');
    const vsix = sizeOf(vsixPath());
    report.figure('vsix_bytes', vsix, 'bytes');
    report.target('vsix_bytes', vsix <= VSIX_LIMIT, `.vsix ≤ 1.5 MiB (${VSIX_LIMIT} bytes)`, `${vsix} bytes`);
  } catch (err) {
    for (const name of ['bundle_main_bytes', 'bundle_aws_bytes', 'vsix_bytes']) report.notAvailable(name, `npm run package failed: ${errorText(err)}`);
    report.targetUnmeasured('bundle_main_bytes', 'main bundle ≤ 100 KiB');
    report.targetUnmeasured('vsix_bytes', '.vsix ≤ 1.5 MiB');
  }
  try {
    // Minified like the production build, so the eager/lazy activation ratio compares like with like.
    runScript('build-eager', ['scripts/build.mjs', '--eager', '--production']);
    state.eager = true;
    report.figure('bundle_eager_bytes', sizeOf('dist-eager/extension.js'), 'bytes');
  } catch (err) {
    report.notAvailable('bundle_eager_bytes', `the eager build failed: ${errorText(err)}`);
  }
  return state;
}

// Bundle and package sizes: the production build and .vsix exactly as `npm run package` makes
// them, plus the eager benchmark build that the activation figures compare against. The .vsix is
// unpacked into a folder of the benchmark's own, which the extension host run then loads, so the
// figures describe the shipped artifact even if someone rebuilds dist/ meanwhile.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { BenchReport, errorText } from './benchReport';
import { benchOutputDir, projectRoot, stagedExtensionDir } from './benchPaths';

export const MAIN_BUNDLE_LIMIT = 100 * 1024;
export const VSIX_LIMIT = 1.5 * 1024 * 1024;

export interface BuildState {
  /** The extension folder the extension host loads (package.json, dist/, dist-eager/, media/). */
  extensionDir: string;
  /** Where its bundles came from, for the notes. */
  source: 'vsix' | 'dist';
  /** dist-eager/extension.js is present in extensionDir. */
  eager: boolean;
}

/** Runs a node script of the project; its output goes to a log file, shown only on failure. */
function runScript(label: string, args: string[]): string {
  const result = spawnSync(process.execPath, args, { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const log = path.join(benchOutputDir, `${label}.log`);
  fs.mkdirSync(benchOutputDir, { recursive: true });
  fs.writeFileSync(log, output);
  if (result.status !== 0) {
    const tail = output.trim().split('\n').slice(-3).join(' | ');
    throw new Error(`${args.join(' ')} failed (${result.status ?? result.signal}); see ${path.relative(projectRoot, log)}: ${tail}`);
  }
  return output;
}

function vsixPath(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(projectRoot, 'dist-vsix', `${manifest.name}-${manifest.version}.vsix`);
}

/** The sizes scripts/build.mjs printed for each bundle (`[build] dist/x.js   123 bytes`). */
function printedSizes(buildOutput: string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const m of buildOutput.matchAll(/^\[build\] (\S+)\s+(\d+) bytes$/gm)) sizes.set(m[1], Number(m[2]));
  return sizes;
}

/** Where an input file belongs: its npm package, or its folder under src/. */
function ownerOf(input: string): string {
  const inModules = input.split('node_modules/').pop() as string;
  if (inModules !== input) return inModules.split('/').slice(0, inModules.startsWith('@') ? 2 : 1).join('/');
  return input.split('/').slice(0, 3).join('/');
}

/**
 * What the main bundle is made of, largest first: the production main build again (as
 * scripts/build.mjs configures it, not written to disk) with esbuild's metafile.
 */
async function mainBundleComposition(): Promise<{ bytes: number; parts: Array<[string, number]> }> {
  const result = await esbuild.build({
    absWorkingDir: projectRoot,
    entryPoints: ['src/extension.ts'],
    outfile: 'composition.js',
    write: false,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    minify: true,
    metafile: true,
    logLevel: 'silent',
    external: ['vscode'],
    define: { EAGER_CORE: 'false' },
    // The lazily loaded bundles stay runtime requires, as scripts/build.mjs leaves them.
    plugins: [{ name: 'lazy-bundles', setup: (b) => b.onResolve({ filter: /^\.\/(core|features)(\.js)?$/ }, (args) => ({ path: `./${args.path.replace(/^\.\/|\.js$/g, '')}.js`, external: true })) }],
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  const parts = new Map<string, number>();
  for (const [input, info] of Object.entries(output?.inputs ?? {})) parts.set(ownerOf(input), (parts.get(ownerOf(input)) ?? 0) + info.bytesInOutput);
  return { bytes: output?.bytes ?? 0, parts: [...parts].sort((a, b) => b[1] - a[1]) };
}

async function explainMainBundle(report: BenchReport, actualBytes: number): Promise<void> {
  try {
    const { bytes, parts } = await mainBundleComposition();
    const fromPackages = parts.filter(([owner]) => !owner.startsWith('src/')).reduce((n, [, b]) => n + b, 0);
    const top = parts.slice(0, 6).map(([owner, b]) => `${owner} ${(b / 1024).toFixed(1)} KiB`).join(', ');
    const approx = bytes === actualBytes ? '' : ` (rebuilt for analysis: ${bytes} bytes)`;
    report.note('bundle_main_bytes', `largest parts${approx}: ${top}; npm packages ${(fromPackages / 1024).toFixed(1)} KiB in all`);
  } catch (err) {
    report.note('bundle_main_bytes', `could not analyse the bundle: ${errorText(err)}`);
  }
}

/** Unpacks the .vsix's extension/ folder as the staged extension. */
function stageFromVsix(vsix: string): void {
  const unpackDir = `${stagedExtensionDir}-unpack`;
  fs.rmSync(stagedExtensionDir, { recursive: true, force: true });
  fs.rmSync(unpackDir, { recursive: true, force: true });
  // unzip -d makes only the last folder; a fresh checkout has no out/bench yet.
  fs.mkdirSync(path.dirname(unpackDir), { recursive: true });
  const result = spawnSync('unzip', ['-q', vsix, 'extension/*', '-d', unpackDir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`unzip ${path.relative(projectRoot, vsix)} failed: ${result.error?.message ?? result.stderr}`);
  fs.renameSync(path.join(unpackDir, 'extension'), stagedExtensionDir);
  fs.rmSync(unpackDir, { recursive: true, force: true });
}

/** Without a fresh package: the manifest, media and whatever dist/ and dist-eager/ hold now. */
export function stageFromWorkingTree(): BuildState {
  fs.rmSync(stagedExtensionDir, { recursive: true, force: true });
  fs.mkdirSync(stagedExtensionDir, { recursive: true });
  for (const entry of ['package.json', 'dist', 'media', 'dist-eager']) {
    const from = path.join(projectRoot, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(stagedExtensionDir, entry), { recursive: true });
  }
  return { extensionDir: stagedExtensionDir, source: 'dist', eager: fs.existsSync(path.join(stagedExtensionDir, 'dist-eager', 'extension.js')) };
}

/** Packages (production build + .vsix), builds the eager bundle, prints the sizes. */
export async function benchBundleSizes(report: BenchReport): Promise<BuildState> {
  let state: BuildState;
  try {
    let output: string;
    try {
      output = runScript('package', ['scripts/package.mjs']);
    } catch {
      // Another process rebuilding dist/ at the same moment breaks vsce's file walk; try once more.
      output = runScript('package', ['scripts/package.mjs']);
    }
    const vsix = vsixPath();
    stageFromVsix(vsix);
    state = { extensionDir: stagedExtensionDir, source: 'vsix', eager: false };
    const staged = (name: string) => fs.statSync(path.join(stagedExtensionDir, 'dist', name)).size;
    const main = staged('extension.js');
    const core = staged('core.js');
    report.figure('bundle_main_bytes', main, 'bytes');
    report.target('bundle_main_bytes', main <= MAIN_BUNDLE_LIMIT, `main bundle ≤ 100 KiB (${MAIN_BUNDLE_LIMIT} bytes)`, `${main} bytes`);
    if (main > MAIN_BUNDLE_LIMIT) await explainMainBundle(report, main);
    report.figure('bundle_aws_bytes', core, 'bytes');
    const vsixBytes = fs.statSync(vsix).size;
    report.figure('vsix_bytes', vsixBytes, 'bytes');
    report.target('vsix_bytes', vsixBytes <= VSIX_LIMIT, `.vsix ≤ 1.5 MiB (${VSIX_LIMIT} bytes)`, `${vsixBytes} bytes`);
    const built = printedSizes(output);
    if (built.get('dist/extension.js') !== main || built.get('dist/core.js') !== core) {
      report.note('bundle_main_bytes', `the .vsix holds bundles of other sizes than the production build printed (${JSON.stringify(Object.fromEntries(built))}): was dist/ rebuilt by another process while packaging?`);
    }
  } catch (err) {
    for (const name of ['bundle_main_bytes', 'bundle_aws_bytes', 'vsix_bytes']) report.notAvailable(name, `npm run package failed: ${errorText(err)}`);
    report.targetUnmeasured('bundle_main_bytes', 'main bundle ≤ 100 KiB');
    report.targetUnmeasured('vsix_bytes', '.vsix ≤ 1.5 MiB');
    state = stageFromWorkingTree();
  }
  try {
    // Minified like the production build, so the eager/lazy activation ratio compares like with like.
    runScript('build-eager', ['scripts/build.mjs', '--eager', '--production']);
    const eagerDir = path.join(state.extensionDir, 'dist-eager');
    fs.mkdirSync(eagerDir, { recursive: true });
    fs.copyFileSync(path.join(projectRoot, 'dist-eager', 'extension.js'), path.join(eagerDir, 'extension.js'));
    state.eager = true;
    report.figure('bundle_eager_bytes', fs.statSync(path.join(eagerDir, 'extension.js')).size, 'bytes');
  } catch (err) {
    report.notAvailable('bundle_eager_bytes', `the eager build failed: ${errorText(err)}`);
  }
  return state;
}

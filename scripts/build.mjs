#!/usr/bin/env node
// Builds every bundle with esbuild:
//   src/extension.ts            -> dist/extension.js   (activation bundle, no AWS SDK / pg)
//   src/coreEntry.ts            -> dist/core.js        (loaded lazily via require('./core.js'))
//   src/featuresEntry.ts        -> dist/features.js    (command implementations, via require('./features.js'))
//   media/src/<name>/main.ts    -> dist/webview/<name>.js (+ <name>.css)
//   test/exthost/suites/<s>/    -> out/test/exthost/suites/<s>/index.js (one bundle per suite)
// Flags:
//   --production  minify, external source maps (kept out of the .vsix), no test bundles
//   --watch       rebuild on change
//   --eager       benchmark build: core bundled into the main bundle, EAGER_CORE=true, in dist-eager/
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const eager = args.has('--eager');

const rel = (p) => path.relative(root, p);
const exists = (p) => fs.existsSync(path.join(root, p));

const LAZY_ENTRIES = { core: 'src/coreEntry.ts', features: 'src/featuresEntry.ts' };

/**
 * Resolves the lazy imports (`./core.js`, `./features.js`): left as runtime requires next to the
 * bundle, or inlined for --eager.
 */
function coreResolvePlugin(inline) {
  return {
    name: 'lazy-bundles',
    setup(build) {
      build.onResolve({ filter: /^\.\/(core|features)(\.js)?$/ }, (args) => {
        const name = args.path.replace(/^\.\//, '').replace(/\.js$/, '');
        return inline ? { path: path.join(root, LAZY_ENTRIES[name]) } : { path: `./${name}.js`, external: true };
      });
    },
  };
}

/** Logs each finished (re)build, so --watch shows progress and errors without failing. */
function reportPlugin(label) {
  return {
    name: 'report',
    setup(build) {
      build.onEnd((result) => {
        const status = result.errors.length ? `failed with ${result.errors.length} error(s)` : 'ok';
        if (watch || result.errors.length) console.log(`[build] ${label}: ${status}`);
      });
    },
  };
}

const nodeCommon = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // ES module entry points let esbuild tree-shake the modular AWS SDK clients.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: production ? 'external' : 'linked',
  sourcesContent: !production,
  logLevel: 'warning',
  metafile: true,
};

function extensionBuilds() {
  if (!exists('src/extension.ts')) throw new Error('src/extension.ts is missing: nothing to build');
  if (eager) {
    return [
      {
        ...nodeCommon,
        entryPoints: [path.join(root, 'src/extension.ts')],
        outfile: path.join(root, 'dist-eager/extension.js'),
        external: ['vscode', 'pg-native'],
        define: { EAGER_CORE: 'true' },
        plugins: [coreResolvePlugin(true), reportPlugin('dist-eager/extension.js')],
      },
    ];
  }
  const builds = [
    {
      ...nodeCommon,
      entryPoints: [path.join(root, 'src/extension.ts')],
      outfile: path.join(root, 'dist/extension.js'),
      external: ['vscode'],
      define: { EAGER_CORE: 'false' },
      plugins: [coreResolvePlugin(false), reportPlugin('dist/extension.js')],
    },
  ];
  if (exists('src/coreEntry.ts')) {
    builds.push({
      ...nodeCommon,
      entryPoints: [path.join(root, 'src/coreEntry.ts')],
      outfile: path.join(root, 'dist/core.js'),
      external: ['vscode', 'pg-native'],
      define: { EAGER_CORE: 'false' },
      plugins: [reportPlugin('dist/core.js')],
    });
  } else {
    console.warn('[build] src/coreEntry.ts not found: dist/core.js not built');
  }
  builds.push({
    ...nodeCommon,
    entryPoints: [path.join(root, 'src/featuresEntry.ts')],
    outfile: path.join(root, 'dist/features.js'),
    external: ['vscode'],
    define: { EAGER_CORE: 'false' },
    // The features reach the core through the same lazy require as the main bundle.
    plugins: [coreResolvePlugin(false), reportPlugin('dist/features.js')],
  });
  return builds;
}

function webviewBuilds() {
  const srcDir = path.join(root, 'media/src');
  if (eager || !fs.existsSync(srcDir)) return [];
  const builds = [];
  for (const name of fs.readdirSync(srcDir).sort()) {
    const dir = path.join(srcDir, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    const common = {
      absWorkingDir: root,
      bundle: true,
      platform: 'browser',
      target: 'es2022',
      minify: production,
      sourcemap: production ? 'external' : 'linked',
      sourcesContent: !production,
      logLevel: 'warning',
      metafile: true,
      loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
      assetNames: '[name]-[hash]',
    };
    const main = path.join(dir, 'main.ts');
    const cssFiles = fs.readdirSync(dir).filter((f) => f.endsWith('.css')).sort();
    if (fs.existsSync(main)) {
      // CSS imported from main.ts comes out as dist/webview/<name>.css by itself.
      builds.push({
        ...common,
        format: 'iife',
        entryPoints: [main],
        outfile: path.join(root, `dist/webview/${name}.js`),
        plugins: [reportPlugin(`dist/webview/${name}.js`)],
      });
    }
    if (cssFiles.length && !importsCss(main)) {
      // Stylesheets next to the script, not imported by it: one bundled <name>.css.
      builds.push({
        ...common,
        stdin: {
          contents: cssFiles.map((f) => `@import "./${f}";`).join('\n'),
          resolveDir: dir,
          loader: 'css',
          sourcefile: `${name}.css`,
        },
        outfile: path.join(root, `dist/webview/${name}.css`),
        plugins: [reportPlugin(`dist/webview/${name}.css`)],
      });
    }
  }
  return builds;
}

function importsCss(mainFile) {
  if (!fs.existsSync(mainFile)) return false;
  return /import\s+['"][^'"]+\.css['"]/.test(fs.readFileSync(mainFile, 'utf8'));
}

/**
 * One bundle per extension-host suite: test/exthost/suites/<suite>/*.test.ts (sorted by name)
 * behind the shared in-host mocha runner test/exthost/index.ts. Mocha is bundled so the suite does
 * not depend on how the host resolves node_modules; `vscode` stays external.
 */
function exthostBuilds() {
  const suitesDir = path.join(root, 'test/exthost/suites');
  if (production || eager || !fs.existsSync(suitesDir)) return [];
  const builds = [];
  for (const suite of fs.readdirSync(suitesDir).sort()) {
    const dir = path.join(suitesDir, suite);
    if (!fs.statSync(dir).isDirectory()) continue;
    const tests = listFiles(dir, (f) => f.endsWith('.test.ts')).sort();
    if (!tests.length) continue;
    const runner = path.join(root, 'test/exthost/index.ts');
    // Tests are required lazily, after the runner has installed mocha's describe/it globals.
    const contents = [
      `const { runSuite } = require(${JSON.stringify(runner)});`,
      `exports.run = () => runSuite(${JSON.stringify(suite)}, () => {`,
      ...tests.map((t) => `  require(${JSON.stringify(t)});`),
      `});`,
    ].join('\n');
    builds.push({
      ...nodeCommon,
      mainFields: ['main', 'module'],
      stdin: { contents, resolveDir: dir, sourcefile: `${suite}/index.js`, loader: 'js' },
      outfile: path.join(root, `out/test/exthost/suites/${suite}/index.js`),
      external: ['vscode'],
      sourcemap: 'linked',
      logOverride: { 'empty-import-meta': 'silent', 'require-resolve-not-external': 'silent' },
      plugins: [reportPlugin(`out/test/exthost/suites/${suite}/index.js`)],
    });
  }
  return builds;
}

function listFiles(dir, keep) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p, keep));
    else if (keep(entry.name)) out.push(p);
  }
  return out;
}

async function main() {
  const builds = [...extensionBuilds(), ...webviewBuilds(), ...exthostBuilds()];
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log(`[build] watching ${builds.length} bundle(s)`);
    return;
  }
  if (!eager) fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  // Every bundle is attempted, so one broken entry does not hide the state of the others.
  const settled = await Promise.allSettled(builds.map((b) => esbuild.build(b)));
  for (const outcome of settled) {
    if (outcome.status !== 'fulfilled') continue;
    for (const [file, out] of Object.entries(outcome.value.metafile?.outputs ?? {})) {
      if (file.endsWith('.map')) continue;
      console.log(`[build] ${rel(path.resolve(root, file)).padEnd(44)} ${String(out.bytes).padStart(9)} bytes`);
    }
  }
  const failed = settled.filter((o) => o.status === 'rejected').length;
  if (failed) throw new Error(`[build] ${failed} bundle(s) failed`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

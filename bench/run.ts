// `npm run bench`: prints the product's figures as `BENCH <name> <value> <unit>` lines, a
// `BENCH_NOTE <name> <reason>` wherever a target is missed or a figure cannot be measured, and a
// closing `BENCH_SUMMARY`. It reports; it never fails (exit code 0). Progress goes to stderr.
// `npm run bench -- --only=tree,poll` runs some sections: bundles, tree, poll, verify, ssm, exthost.
// Note: the bundles section runs `npm run package`, which leaves the production build in dist/.
import os from 'node:os';
import { BenchReport, errorText } from './benchReport';
import { isolateAwsEnvironment } from './benchAws';
import { benchBundleSizes, stageFromWorkingTree, type BuildState } from './bundleSizes';
import { benchExtensionHost } from './exthostBench';
import { benchPollBudget } from './pollBudget';
import { benchTreeRefresh } from './treeRefresh';
import { benchVerify } from './verifyTiming';
import { benchSsmVerify } from './ssmVerify';

const SECTIONS = ['bundles', 'tree', 'poll', 'verify', 'ssm', 'exthost'] as const;
type Section = (typeof SECTIONS)[number];

function chosenSections(argv: string[]): Section[] {
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (!only) return [...SECTIONS];
  const asked = only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = asked.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`Unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}.`);
  return SECTIONS.filter((s) => asked.includes(s));
}

/** The SDK's Node-version notice is not a benchmark result; other warnings still show. */
function quietSdkNotice(): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    const text = `${warning.name}: ${warning.message}`;
    if (!text.includes('NodeVersionSupportWarning')) process.stderr.write(`${text}\n`);
  });
}

const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

async function main(): Promise<void> {
  quietSdkNotice();
  isolateAwsEnvironment();
  const report = new BenchReport();
  let sections: Section[];
  try {
    sections = chosenSections(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${errorText(err)}\n`);
    return;
  }
  const started = Date.now();
  const loadBefore = os.loadavg()[0];
  let builds: BuildState | undefined;
  const steps: Record<Section, () => Promise<void>> = {
    bundles: async () => {
      builds = await benchBundleSizes(report);
    },
    tree: () => benchTreeRefresh(report),
    poll: () => benchPollBudget(report),
    verify: () => benchVerify(report),
    ssm: () => benchSsmVerify(report),
    // Without the bundles section, the extension host loads a copy of what dist/ and dist-eager/ hold.
    exthost: () => benchExtensionHost(report, builds ?? stageFromWorkingTree()),
  };
  for (const section of sections) {
    const t0 = Date.now();
    progress(`${section}…`);
    try {
      await steps[section]();
    } catch (err) {
      report.note(section, `the section stopped unexpectedly: ${errorText(err)}`);
    }
    progress(`${section} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const load = Math.max(loadBefore, os.loadavg()[0]);
  const cpus = os.cpus().length;
  if (load > cpus) {
    report.note('timings', `machine load average ${load.toFixed(1)} on ${cpus} CPU(s) during the run: wall-clock figures include waiting for a CPU`);
  }
  progress(`finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  report.summary();
}

main()
  .catch((err) => process.stderr.write(`[bench] unexpected failure: ${errorText(err)}\n`))
  .finally(() => process.exit(0));

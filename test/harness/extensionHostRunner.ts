// Runs a compiled mocha suite inside the real extension host of code-server, the way
// @vscode/test-electron does for desktop VS Code: the workbench gets the launch payload
// (extensionDevelopmentPath, extensionTestsPath) and reports the run back through
// window.codeAutomationLog / window.codeAutomationExit (enabled by the smoke-test driver).
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import type { EnvVars, UserSettings } from './editorEnvironment';
import { projectRoot } from './paths';

export interface ExtensionHostRunOptions {
  /** Name shown in messages. */
  suite: string;
  /** The compiled suite index (exports run()). */
  extensionTestsPath: string;
  /** The extension under test; defaults to the project (its package.json main → dist/). */
  extensionDevelopmentPath?: string;
  /** Workspace folder. */
  folder: string;
  userSettings?: UserSettings;
  env?: EnvVars;
  workspaceTrust?: boolean;
  /** Whole run, from workbench load to exit. Default 5 minutes. */
  timeoutMs?: number;
  /**
   * Receives each line the workbench and extension host log. Default: the lines of the test run
   * itself (between the runner's markers, without workbench chatter) printed with a prefix.
   */
  onLog?: (line: string) => void;
  /** Also write every line here (the full log, kept as an artifact). */
  logFile?: string;
}

export interface ExtensionHostRunResult {
  /** 0 when run() resolved, otherwise non-zero (or -1 when the run never reported back). */
  exitCode: number;
  passed: number;
  failed: number;
  pending: number;
  /** Whether the suite printed its EXTHOST_RESULT line. */
  reported: boolean;
  /** Everything the extension host logged. */
  output: string;
  /** The extension host's own log files (for failure reports). */
  exthostLogs: Array<{ file: string; text: string }>;
}

/** Lines the in-host runner (test/exthost/index.ts) prints when mocha starts and ends. */
export const BEGIN_MARKER = 'EXTHOST_BEGIN';
export const RESULT_MARKER = 'EXTHOST_RESULT';

const WORKBENCH_CONSOLE = 'workbench and extension host console';

/** Workbench chatter that interleaves with test output and says nothing about the tests. */
const WORKBENCH_NOISE = [/^Ignoring fetching additional builtin extensions/, /^Updating additional builtin extensions cache/];

/** Prints the test run's own lines: from the begin marker to the result line. */
export function testRunPrinter(prefix: string, write: (text: string) => void = (t) => process.stdout.write(t)): (line: string) => void {
  let inRun = false;
  return (line: string) => {
    if (line.includes(BEGIN_MARKER)) {
      inRun = true;
      return;
    }
    if (!inRun || WORKBENCH_NOISE.some((re) => re.test(line))) return;
    write(`${prefix}${line}\n`);
    if (line.includes(RESULT_MARKER)) inRun = false;
  };
}

interface SuiteCounts {
  passed: number;
  failed: number;
  pending: number;
}

export function parseResultLine(output: string): SuiteCounts | undefined {
  const matches = [...output.matchAll(new RegExp(`${RESULT_MARKER} (\\{.*\\})`, 'g'))];
  const last = matches.at(-1);
  if (!last) return undefined;
  try {
    const parsed = JSON.parse(last[1]) as Partial<SuiteCounts>;
    return { passed: Number(parsed.passed ?? 0), failed: Number(parsed.failed ?? 0), pending: Number(parsed.pending ?? 0) };
  } catch {
    return undefined;
  }
}

export async function runExtensionHostTests(options: ExtensionHostRunOptions): Promise<ExtensionHostRunResult> {
  const onLog = options.onLog ?? testRunPrinter('  ');
  const lines: string[] = [];
  if (options.logFile) {
    fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
    fs.writeFileSync(options.logFile, '');
  }
  const log = (line: string): void => {
    lines.push(line);
    if (options.logFile) fs.appendFileSync(options.logFile, `${line}\n`);
    onLog(line);
  };

  const server = await startCodeServer({
    folder: options.folder,
    userSettings: options.userSettings,
    env: options.env,
    workspaceTrust: options.workspaceTrust,
    smokeTestDriver: true,
  });
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  let exitCode = -1;
  let exthostLogs: Array<{ file: string; text: string }> = [];
  try {
    browser = await launchBrowser();
    const { page } = browser;
    let resolveExit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown) => {
      const text = Array.isArray(args) ? format(...(args as unknown[])) : format(args);
      for (const line of text.split('\n')) log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number, logs?: Array<{ relativePath: string; contents: string }>) => {
      if (Array.isArray(logs)) exthostLogs = logs.map((l) => ({ file: l.relativePath, text: l.contents }));
      resolveExit(Number(code));
    });

    const payload: Array<[string, string]> = [
      ['extensionDevelopmentPath', server.remoteUri(options.extensionDevelopmentPath ?? projectRoot)],
      ['extensionTestsPath', server.remoteUri(options.extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(server.workbenchUrl(payload), { waitUntil: 'domcontentloaded', timeout: 120_000 });

    const timeoutMs = options.timeoutMs ?? 300_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        log(`(no exit from the extension host after ${timeoutMs} ms)`);
        resolve(-1);
      }, timeoutMs);
    });
    exitCode = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (exitCode !== 0) {
      // The remote extension host logs on the server side; the workbench reports its own.
      exthostLogs = [...server.extensionHostLogs(), ...exthostLogs.filter((l) => /exthost/i.test(l.file))];
      exthostLogs.push({ file: WORKBENCH_CONSOLE, text: lines.join('\n') });
    }
  } finally {
    await browser?.close();
    await server.stop();
  }

  const output = lines.join('\n');
  const counts = parseResultLine(output);
  return {
    exitCode,
    passed: counts?.passed ?? 0,
    failed: counts?.failed ?? 0,
    pending: counts?.pending ?? 0,
    reported: counts !== undefined,
    output,
    exthostLogs,
  };
}

/**
 * A readable failure report: the tail of the extension host's own log and of the tested
 * extension's output channels; the workbench console too when the suite never reported.
 */
export function formatExthostLogs(result: ExtensionHostRunResult, maxChars = 6000): string {
  const relevant = (file: string): boolean =>
    /remoteexthost\.log$/.test(file) || /privatelink/i.test(file) || (!result.reported && file === WORKBENCH_CONSOLE);
  return result.exthostLogs
    .filter((l) => l.text.trim() && relevant(l.file))
    .map((l) => `----- ${l.file} -----\n${l.text.length > maxChars ? `…${l.text.slice(-maxChars)}` : l.text}`)
    .join('\n');
}

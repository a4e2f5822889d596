// What every journey shares: the packaged extension installed into code-server on a fresh
// application folder, against a sandbox of its own (inside app-vpc, or a laptop outside every VPC);
// screenshots as artifacts; on a failure a screenshot and, once, the extension's logs with every
// secret masked; and everything stopped and removed afterwards. Register it with journeyHooks()
// at the top of a describe(); the steps read the running journey from it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import type { Page } from 'playwright-core';
import type { SandboxOptions } from '../../sandbox/index';
import type { EnvVars, SandboxInfo, UserSettings } from '../harness/editorEnvironment';
import { packagedVsixPath, projectRoot } from '../harness/paths';
import { startTestSandbox, type RunningSandbox } from '../harness/sandbox';
import { screenshotRecorder, type ScreenshotRecorder } from '../harness/screenshots';
import { makeTempDir, type TempDir } from '../harness/tempDir';
import { openWorkbench, type WorkbenchSession } from '../harness/workbench';
import { createAppWorkspace } from './journeyEnvironment';
import { maskSecrets } from './privateConnection';

export interface Manifest {
  publisher: string;
  name: string;
  contributes: { viewsWelcome: Array<{ view: string; when?: string; contents: string }> };
}

export const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as Manifest;
export const CONTAINER = 'PlanetScale PrivateLink';
export const STATUS_ITEM_ID = `${manifest.publisher}.${manifest.name}.planetscalePrivateLink.endpointStatus`;
/** The Private Service Name of acme/orders/main in the sandbox seed. */
export const SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';

/** The explanatory text of a view's welcome content in a given state (before its first button). */
export function welcomeText(view: string, state: string): string {
  const entry = manifest.contributes.viewsWelcome.find((w) => w.view === view && (w.when ?? '').includes(`== ${state}`));
  assert.ok(entry, `no viewsWelcome entry for ${view} in state ${state}`);
  return entry.contents.split('\n')[0].trim();
}

export interface JourneyOptions {
  /** The folder under test-output/ for screenshots and kept files. */
  suite: string;
  sandboxOptions?: SandboxOptions;
  /** The editor's environment (over an isolated one) and user settings, from the sandbox's info. */
  env: (info: SandboxInfo) => EnvVars;
  userSettings: (info: SandboxInfo) => UserSettings;
}

/** The running journey, filled in by the before hook. */
export interface Journey {
  readonly shots: ScreenshotRecorder;
  info: SandboxInfo;
  sandbox: RunningSandbox;
  session: WorkbenchSession;
  page: Page;
  /** The application folder opened in the workbench (a Node app using pg). */
  workspace: string;
  /** Saves the next NN-<step>.png of the suite. */
  capture(step: string): Promise<string>;
  /** Everything a failure message, log excerpt or kept file must not show. */
  secrets(): string[];
}

/** Registers the before, afterEach and after hooks of a journey and returns it. */
export function journeyHooks(options: JourneyOptions): Journey {
  let tmp: TempDir | undefined;
  const journey = {
    shots: screenshotRecorder(options.suite),
    workspace: '',
    capture: (step: string) => journey.shots.capture(journey.page, step),
    secrets: () => (journey.info ? journeySecrets(journey.info, journey.workspace) : []),
  } as Journey;

  before(async function () {
    this.timeout(480_000);
    // JOURNEY_VSIX: install another package (e.g. a release candidate) instead of the one just built.
    const vsix = process.env.JOURNEY_VSIX || packagedVsixPath();
    assert.ok(fs.existsSync(vsix), `${vsix} is missing: run "npm run package" (npm run test:journey does)`);
    tmp = makeTempDir(options.suite);
    // A private copy: another run may repackage the shared file while this one installs it.
    const vsixCopy = path.join(tmp.path, path.basename(vsix));
    fs.copyFileSync(vsix, vsixCopy);
    journey.sandbox = await startTestSandbox(options.sandboxOptions);
    journey.info = journey.sandbox.info;
    journey.workspace = createAppWorkspace(tmp.sub('orders-app'));
    journey.session = await openWorkbench({
      folder: journey.workspace,
      installVsix: vsixCopy,
      env: options.env(journey.info),
      userSettings: options.userSettings(journey.info),
      startTimeoutMs: 300_000,
      loadTimeoutMs: 300_000,
    });
    journey.page = journey.session.page;
  });

  let logsPrinted = false;
  afterEach(async function () {
    const { page, session } = journey;
    if (this.currentTest?.state !== 'failed' || !page) return;
    const name = (this.currentTest.title.match(/^\d+[a-z]?/)?.[0] ?? 'step').toLowerCase();
    await page.screenshot({ path: path.join(journey.shots.dir, `failed-${name}.png`) }).catch(() => undefined);
    // The logs once, at the first failure: later steps usually fail for the same reason.
    if (logsPrinted) return;
    logsPrinted = true;
    const logs = session.server.extensionHostLogs().filter((l) => /privatelink/i.test(l.file));
    for (const log of logs) {
      console.log(`----- ${path.basename(log.file)} (last lines, secrets masked) -----\n${maskSecrets(log.text.slice(-4000), journey.secrets())}`);
    }
  });

  after(async function () {
    this.timeout(120_000);
    await journey.session?.close();
    await journey.sandbox?.stop();
    tmp?.remove();
  });

  return journey;
}

/** The PlanetScale token and every password of a URL in the workspace's .env. */
function journeySecrets(info: SandboxInfo, workspace: string): string[] {
  const list = [info.planetscaleToken];
  const envFile = workspace && path.join(workspace, '.env');
  if (envFile && fs.existsSync(envFile)) {
    for (const value of Object.values(dotenv.parse(fs.readFileSync(envFile, 'utf8')))) {
      try {
        const password = new URL(value).password;
        if (password) list.push(password, decodeURIComponent(password));
      } catch {
        // Not a URL.
      }
    }
  }
  return list;
}

/**
 * The .env the journey's Write Connection String wrote: kept as written.env with its password
 * masked; one variable, DATABASE_URL, a postgresql URL on the Private Host, port 6432, database
 * postgres, verify-full against the sandbox CA, with a user and a password. Returns its URL.
 */
export function readWrittenDatabaseUrl(journey: Journey, privateHost: string): { databaseUrl: string; url: URL } {
  const text = fs.readFileSync(path.join(journey.workspace, '.env'), 'utf8');
  const masked = maskSecrets(text, journey.secrets());
  fs.writeFileSync(path.join(journey.shots.dir, 'written.env'), masked);
  const parsed = dotenv.parse(text);
  assert.deepEqual(Object.keys(parsed), ['DATABASE_URL'], masked);
  const url = new URL(parsed.DATABASE_URL);
  assert.equal(url.protocol, 'postgresql:');
  assert.equal(url.hostname, privateHost, 'the URL names the Private Host');
  assert.equal(url.port, '6432');
  assert.equal(url.pathname, '/postgres');
  assert.equal(url.searchParams.get('sslmode'), 'verify-full');
  assert.equal(url.searchParams.get('sslrootcert'), journey.info.caFile);
  assert.ok(url.username && url.password, 'the URL has a user and a password');
  assert.ok(!masked.includes(url.password) && !masked.includes(decodeURIComponent(url.password)), 'written.env masks the password');
  return { databaseUrl: parsed.DATABASE_URL, url };
}

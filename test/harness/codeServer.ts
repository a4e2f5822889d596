// Starts code-server (a full VS Code with the real extension host) for one test run, in its own
// process group so that stop() ends the server and every extension host it spawned.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { baseUserSettings, isolatedEnv, type EnvVars, type UserSettings } from './editorEnvironment';
import { freePort } from './freePort';
import { assertCodeServerInstalled, codeServerEntry, node24Bin } from './paths';
import { makeTempDir } from './tempDir';

export interface CodeServerOptions {
  /** Folder opened as the workspace. */
  folder: string;
  port?: number;
  /** Merged over the harness's quiet defaults and written to User/settings.json. */
  userSettings?: UserSettings;
  /** Applied over an isolated environment (own HOME, no AWS/PlanetScale variables). */
  env?: EnvVars;
  /** Loads the extension from this folder (launch payload) instead of an installed copy. */
  extensionDevelopmentPath?: string;
  /** A .vsix installed with --install-extension before the server starts. */
  installVsix?: string;
  extensionsDir?: string;
  userDataDir?: string;
  /** Needed for launch payloads (extension tests) and quieter notifications. Default true. */
  smokeTestDriver?: boolean;
  /** Keep workspace trust on (security.workspace.trust.enabled). Default false: trust disabled. */
  workspaceTrust?: boolean;
  /** Milliseconds to wait for /healthz. */
  startTimeoutMs?: number;
}

export interface CodeServer {
  /** The workbench URL for `folder` (with the development payload when one was given). */
  url: string;
  port: number;
  origin: string;
  userDataDir: string;
  extensionsDir: string;
  /** HOME of the server and its extension hosts. */
  home: string;
  /** code-server's own stdout/stderr. */
  logFile: string;
  /** The workbench URL for a folder with an extra launch payload (see extensionHostRunner). */
  workbenchUrl(payload?: Array<[string, string]>, folder?: string): string;
  /** A path on this machine as the workbench's remote URI. */
  remoteUri(absPath: string): string;
  /** Texts of the extension host logs written so far (remoteexthost.log and exthost output). */
  extensionHostLogs(): Array<{ file: string; text: string }>;
  stop(): Promise<void>;
}

// Servers still running, so that an interrupted or crashed test run leaves no process behind.
const liveServers = new Set<ChildProcess>();
const killLiveServers = (): void => {
  for (const child of liveServers) killGroup(child, 'SIGKILL');
};
process.once('exit', killLiveServers);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killLiveServers();
    // Let the default action (or another handler) run now that ours is removed.
    process.kill(process.pid, signal);
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  assertCodeServerInstalled();
  const tmp = makeTempDir('code-server');
  const home = tmp.sub('home');
  const userDataDir = options.userDataDir ?? tmp.sub('user');
  const extensionsDir = options.extensionsDir ?? tmp.sub('extensions');
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const logFile = path.join(tmp.path, 'code-server.log');

  const settings: UserSettings = {
    ...baseUserSettings,
    'security.workspace.trust.enabled': options.workspaceTrust ?? false,
    ...options.userSettings,
  };
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const configFile = path.join(tmp.path, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\n');

  const env = isolatedEnv(home, {
    PATH: `${node24Bin}:${process.env.PATH ?? ''}`,
    EXTENSIONS_GALLERY: '{}',
    ...options.env,
  });
  const node = path.join(node24Bin, 'node');
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  if (options.installVsix) {
    const install = spawnSync(node, [codeServerEntry, ...common, '--install-extension', options.installVsix], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (install.status !== 0) {
      tmp.remove();
      throw new Error(`code-server --install-extension ${options.installVsix} failed:\n${install.stdout}\n${install.stderr}`);
    }
  }

  const args = [
    codeServerEntry,
    ...common,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (!(options.workspaceTrust ?? false)) args.push('--disable-workspace-trust');
  if (options.smokeTestDriver ?? true) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(options.folder);

  const log = fs.openSync(logFile, 'a');
  // detached: its own process group, so stop() reaches the extension hosts too.
  const child = spawn(node, args, { env, cwd: home, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  liveServers.add(child);
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
    liveServers.delete(child);
  });

  const stop = async (): Promise<void> => {
    if (exited === undefined) {
      killGroup(child, 'SIGTERM');
      const done = await waitFor(() => exited !== undefined, 5000);
      if (!done) killGroup(child, 'SIGKILL');
      await waitFor(() => exited !== undefined, 2000);
    }
    // Extension hosts can outlive the server for a moment: make sure the group is gone.
    killGroup(child, 'SIGKILL');
    tmp.remove();
  };

  try {
    await waitForHealth(origin, options.startTimeoutMs ?? 60_000, () => exited);
  } catch (err) {
    const tail = readTail(logFile);
    await stop();
    throw new Error(`${(err as Error).message}\ncode-server log:\n${tail}`);
  }

  const remoteUri = (absPath: string): string => `vscode-remote://127.0.0.1:${port}${absPath}`;
  const workbenchUrl = (payload: Array<[string, string]> = [], folder = options.folder): string => {
    const entries: Array<[string, string]> = [...payload];
    if (options.extensionDevelopmentPath && !entries.some(([k]) => k === 'extensionDevelopmentPath')) {
      entries.unshift(['extensionDevelopmentPath', remoteUri(options.extensionDevelopmentPath)]);
    }
    let url = `${origin}/?folder=${encodeURIComponent(folder)}`;
    if (entries.length) url += `&payload=${encodeURIComponent(JSON.stringify(entries))}`;
    return url;
  };

  return {
    url: workbenchUrl(),
    port,
    origin,
    userDataDir,
    extensionsDir,
    home,
    logFile,
    workbenchUrl,
    remoteUri,
    extensionHostLogs: () => extensionHostLogs(userDataDir),
    stop,
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}

async function waitForHealth(origin: string, timeoutMs: number, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const why = exited();
    if (why) throw new Error(`code-server ${why} before it was healthy`);
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${timeoutMs} ms`);
}

function readTail(file: string, chars = 4000): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.slice(-chars);
  } catch {
    return '(no log)';
  }
}

function extensionHostLogs(userDataDir: string): Array<{ file: string; text: string }> {
  const logsDir = path.join(userDataDir, 'logs');
  const found: Array<{ file: string; text: string }> = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/exthost/.test(p) && entry.name.endsWith('.log')) found.push({ file: p, text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(logsDir);
  return found;
}

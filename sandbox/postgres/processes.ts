// Running the database programs: as the unprivileged `postgres` user (Postgres refuses to run as
// root), with their output kept for error messages instead of printed.
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';
const SETPRIV = '/usr/bin/setpriv';

export interface UnixUser {
  uid: number;
  gid: number;
}

/** The uid/gid of the `postgres` account the Debian package creates. */
export function postgresAccount(): UnixUser {
  const read = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: read('-u'), gid: read('-g') };
  } catch {
    throw new Error('The sandbox needs the "postgres" system user (install the Debian postgresql package).');
  }
}

/** Runs a program to completion as `user` (when we are root) and resolves with its stdout. */
export function runAs(user: UnixUser | undefined, file: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, ...identity(user), env: childEnv(), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${file.split('/').pop()} failed: ${String(stderr || error.message).trim()}`));
      } else {
        resolve(String(stdout));
      }
    });
  });
}

/** A long-running server process in its own process group, so stopping it reaches every child. */
export interface ServerProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout/stderr so far (bounded). */
  output(): string;
  exited(): boolean;
  /** Sends `signal`, waits up to `graceMs` for exit, then kills the group. */
  stop(signal: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/**
 * Starts `file` in its own process group. Through util-linux `setpriv` (when present) it drops to
 * `user` and gets a parent-death signal, so even if this Node process is killed outright the
 * server does not outlive it.
 */
export function startServer(user: UnixUser | undefined, file: string, args: string[], cwd: string | undefined, deathSignal: NodeJS.Signals): ServerProcess {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0 && user !== undefined;
  const child = existsSync(SETPRIV)
    ? spawn(SETPRIV, [
      ...(asRoot && user ? [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups'] : []),
      '--pdeathsig', deathSignal, '--', file, ...args,
    ], { cwd, env: childEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(file, args, { cwd, ...identity(user), env: childEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-64 * 1024);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let hasExited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      hasExited = true;
      resolve();
    });
    child.once('error', (error) => {
      keep(Buffer.from(`\n${error.message}\n`));
      hasExited = true;
      resolve();
    });
  });
  return {
    child,
    output: () => output,
    exited: () => hasExited,
    async stop(signal, graceMs = 5000) {
      if (hasExited || child.pid === undefined) return;
      signalGroup(child.pid, signal);
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
      if ((await Promise.race([exit, timer])) === 'timeout') {
        signalGroup(child.pid, 'SIGKILL');
        await exit;
      }
    },
  };
}

/** Last-resort cleanup for process exit handlers, which cannot wait. */
export function killNow(server: ServerProcess): void {
  if (!server.exited() && server.child.pid !== undefined) signalGroup(server.child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function identity(user: UnixUser | undefined): { uid?: number; gid?: number } {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && user ? { uid: user.uid, gid: user.gid } : {};
}

function childEnv(): NodeJS.ProcessEnv {
  // A small, predictable environment: no inherited PG* variables, C locale, a PATH with our tools.
  return { PATH: `${POSTGRES_BIN}:/usr/sbin:/usr/bin:/sbin:/bin`, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', HOME: '/tmp' };
}

// Temporary folders of sandboxes whose process was killed outright (SIGKILL gives no chance to
// clean up). Each sandbox writes its owner's pid and start time into its folder; a later
// sandbox removes folders whose owner is gone and whose Postgres no longer runs.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SANDBOX_DIR_PREFIX = 'pscale-sandbox-';
const OWNER_FILE = 'owner.json';

interface Owner {
  pid: number;
  start: string;
}

export function writeOwner(dir: string): void {
  writeFileSync(join(dir, OWNER_FILE), JSON.stringify({ pid: process.pid, start: startTimeOf(process.pid) }));
}

export function removeStaleSandboxFolders(parent: string): void {
  let entries: string[];
  try {
    entries = readdirSync(parent).filter((name) => name.startsWith(SANDBOX_DIR_PREFIX));
  } catch {
    return;
  }
  for (const name of entries) {
    const dir = join(parent, name);
    try {
      const owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as Owner;
      if (running(owner.pid, owner.start)) continue;
      const postmaster = join(dir, 'db', 'pgdata', 'postmaster.pid');
      if (existsSync(postmaster) && running(Number(readFileSync(postmaster, 'utf8').split('\n')[0]))) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // No owner file (still starting, or not ours to judge): leave it.
    }
  }
}

function running(pid: number, start?: string): boolean {
  const now = startTimeOf(pid);
  return now !== undefined && (start === undefined || now === start);
}

/** Field 22 of /proc/<pid>/stat: tells a process from a later one that reuses its pid. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? undefined : fields[19];
  } catch {
    return undefined;
  }
}

// The real readers of a .env file, for tests: dotenv (both parsers), dotenv-expand, bash and dash.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dotenv from 'dotenv';
import { expand } from 'dotenv-expand';

export function readWithDotenv(text: string, fast = false): Record<string, string> {
  return dotenv.parse(text, { fast } as never) as Record<string, string>;
}

export function readWithDotenvExpand(text: string): Record<string, string> {
  const parsed = { ...readWithDotenv(text) };
  // processEnv {} so nothing from this process's environment leaks into the expansion.
  return expand({ parsed, processEnv: {} }).parsed as Record<string, string>;
}

/** Sources the file in a shell (`set -a; . file`) and returns the named variables. */
export function readWithShell(shell: 'bash' | 'dash', text: string, keys: string[]): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'env-shell-'));
  try {
    const file = join(dir, '.env');
    writeFileSync(file, text);
    const print = keys.map((k) => `printf '%s\\0' "$${k}"`).join('; ');
    const run = spawnSync(shell, ['-c', `set -a; . "$1" || exit 3; ${print}`, 'sh', file], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    if (run.status !== 0) throw new Error(`${shell} could not source the file (status ${run.status}): ${run.stderr}`);
    const values = run.stdout.split('\0');
    return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Temporary folders for one test run, removed together at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempDir {
  readonly path: string;
  /** A sub-folder, created on demand. */
  sub(name: string): string;
  remove(): void;
}

export function makeTempDir(prefix: string): TempDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return {
    path: dir,
    sub(name: string): string {
      const p = path.join(dir, name);
      fs.mkdirSync(p, { recursive: true });
      return p;
    },
    remove(): void {
      if (process.env.KEEP_TEST_TMP) return;
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

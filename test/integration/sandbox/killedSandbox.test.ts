// A sandbox killed outright (SIGKILL: no handler runs) still leaves no server behind, and the
// next sandbox removes the folder it left.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { startSandbox } from '../../../sandbox';
import { eventually } from '../../harness/eventually';

const projectRoot = resolve(__dirname, '..', '..', '..');

function processesMentioning(text: string): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
    } catch {
      return false;
    }
  }).map(Number);
}

describe('a sandbox killed with SIGKILL', function () {
  this.timeout(120_000);

  it('takes Postgres and PgBouncer with it, and the next sandbox removes its folder', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', '--no-editor'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((done) => child.once('exit', done));
    const line = await eventually(() => /^SANDBOX_READY (.*)$/m.exec(stdout)?.[1], `SANDBOX_READY (stderr: ${stderr})`, 90_000);
    const tempDir = dirname((JSON.parse(line) as { awsConfigFile: string }).awsConfigFile);
    assert.ok(processesMentioning(tempDir).length >= 2, 'postgres and pgbouncer run');

    child.kill('SIGKILL');
    await exited;
    await eventually(() => (processesMentioning(tempDir).length === 0 ? true : undefined), 'the servers to exit after their parent died', 10_000);
    assert.ok(existsSync(tempDir), 'nothing could remove the folder yet');

    const next = await startSandbox();
    try {
      assert.equal(existsSync(tempDir), false, `${tempDir} was swept`);
      assert.ok(existsSync(next.dir));
    } finally {
      await next.stop();
    }
  });
});

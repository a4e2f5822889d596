// Mocha helper: one sandbox per test file (before/after hooks), with PgBouncer's log and the
// forwarders' verdicts printed when a test fails, since a silent client hang is only explained there.
import { Sandbox, SandboxOptions, startSandbox } from '../../../sandbox';

export type SandboxAccessor = () => Sandbox;

export function useSandbox(options: SandboxOptions = {}): SandboxAccessor {
  let sandbox: Sandbox | undefined;
  before(async function () {
    this.timeout(60_000);
    // Forwarder listen errors are kept (forwarders.errors()) and printed when a test fails.
    sandbox = await startSandbox({ endpointAvailableAfterMs: 300, deleteAfterMs: 200, eniLingerMs: 100, onError: () => undefined, ...options });
  });
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !sandbox) return;
    const log = await sandbox.postgres.pgBouncerLog().catch(() => '');
    const tail = log.split('\n').slice(-30).join('\n');
    const verdicts = sandbox.forwarders.decisions().slice(-10).map((d) => `  ${d.ip}:${d.port} ${d.allowed ? 'forwarded' : `dropped: ${d.reason}`}`);
    process.stderr.write(`\n--- pgbouncer.log (tail) ---\n${tail}\n--- forwarder verdicts ---\n${verdicts.join('\n')}\n`
      + (sandbox.forwarders.errors().length ? `--- forwarder errors ---\n${sandbox.forwarders.errors().join('\n')}\n` : ''));
  });
  after(async function () {
    this.timeout(30_000);
    await sandbox?.stop();
    sandbox = undefined;
  });
  return () => {
    if (!sandbox) throw new Error('The sandbox is not running: call the accessor inside a test or hook after useSandbox().');
    return sandbox;
  };
}

// Time per phase of the connection verification (DNS → TCP → TLS → auth → query) against the full
// sandbox, and how many TCP connections one verification opens to the database port, counted by
// the sandbox forwarder that accepts every connection to an endpoint interface.
import { readFileSync } from 'node:fs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { startSandbox, type Sandbox } from '../sandbox';
import { DEFAULT_SEED_PATH, type Ec2Seed } from '../sandbox/ec2';
import { verifyConnection } from '../src/connection/verifyPipeline';
import { PHASES, type VerifyTarget } from '../src/connection/verifyTypes';
import { BenchReport, errorText, median } from './benchReport';
import { createAppEndpoint, createEndpointGroup, waitForAvailable } from './benchEndpoints';

const RUNS = 7;
const PORT = 5432;
const FIGURES = [...PHASES.map((p) => `verify_ms_${p}`), 'verify_ms_total', 'verify_connections'];

/**
 * The default seed with app-vpc (and the application instance) moved from 127.10.0.0/16 to a
 * 127.x/16 of its own, so its forwarders on <ip>:5432 cannot collide with another sandbox.
 */
function seedWithOwnRange(): Ec2Seed {
  const second = 160 + Math.floor(Math.random() * 90);
  return JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8').replace(/127\.10\./g, `127.${second}.`)) as Ec2Seed;
}

function sandboxEc2(sandbox: Sandbox): EC2Client {
  // Any static key: the emulator checks the SigV4 scope, never the secret.
  return new EC2Client({
    region: sandbox.info.region,
    endpoint: sandbox.info.ec2Endpoint,
    credentials: { accessKeyId: 'AKIASANDBOXFAKEKEY01', secretAccessKey: 'sandboxFakeSecretKeyNotUsedAnywhere0000000' },
    maxAttempts: 1,
  });
}

export async function benchVerify(report: BenchReport): Promise<void> {
  let sandbox: Sandbox | undefined;
  try {
    const errors: string[] = [];
    sandbox = await startSandbox({ ec2Seed: seedWithOwnRange(), endpointAvailableAfterMs: 300, onError: (m) => errors.push(m) });
    const ec2 = sandboxEc2(sandbox);
    try {
      const groupId = await createEndpointGroup(ec2, sandbox.ec2, 'bench-endpoint-sg', [5432, 6432]);
      const { endpointId } = await createAppEndpoint(ec2, sandbox.ec2, { securityGroupIds: [groupId], privateDns: true });
      await waitForAvailable(ec2, endpointId);
    } finally {
      ec2.destroy();
    }
    await sandbox.forwarders.settled();
    if (sandbox.forwarders.errors().length || errors.length) throw new Error(`forwarders could not listen: ${[...sandbox.forwarders.errors(), ...errors].join('; ')}`);

    const role = sandbox.postgres.seededRole('orders', 'main');
    const target: VerifyTarget = {
      host: role.privateHost,
      port: PORT,
      user: role.username,
      password: role.password,
      database: 'postgres',
      caFile: sandbox.info.caFile,
      // Resolved through the sandbox DNS server only, never the system resolver.
      dnsServer: sandbox.info.dnsServer,
      serviceName: role.privateServiceName,
      endpoints: sandbox.ec2.endpoints().map((e) => ({ id: e.endpointId, serviceName: e.serviceName, state: e.state, ips: e.interfaces.map((i) => i.ip) })),
    };
    const byPhase = new Map<string, number[]>(PHASES.map((p) => [p, []]));
    const totals: number[] = [];
    const connections: number[] = [];
    const failures: string[] = [];
    // One warm-up run (first TLS handshake, pg's first load), then the measured runs.
    for (let run = 0; run <= RUNS; run++) {
      const before = sandbox.forwarders.decisions().length;
      const started = performance.now();
      const result = await verifyConnection(target, { loopbackIsPrivate: true });
      const elapsed = performance.now() - started;
      // The pipeline closes its socket before returning; the forwarder logged the accept already.
      const opened = sandbox.forwarders.decisions().length - before;
      connections.push(opened);
      if (result.outcome !== 'success') {
        failures.push(result.summary);
        continue;
      }
      if (run === 0) continue;
      for (const phase of result.phases) byPhase.get(phase.phase)?.push(phase.durationMs);
      totals.push(elapsed);
    }
    if (!totals.length) throw new Error(`no verification succeeded: ${failures[0] ?? 'unknown'}`);
    if (failures.length) report.note('verify_ms_total', `${failures.length} of ${RUNS + 1} runs failed: ${failures[0]}`);

    for (const phase of PHASES) report.figure(`verify_ms_${phase}`, median(byPhase.get(phase) ?? []), 'ms');
    report.figure('verify_ms_total', median(totals), 'ms');
    const most = Math.max(...connections);
    report.figure('verify_connections', most, 'connections');
    report.target('verify_connections', connections.every((c) => c === 1), 'one TCP connection per verification', `connections per run: ${connections.join(', ')}`);
  } catch (err) {
    for (const name of FIGURES) report.notAvailable(name, `verification benchmark failed: ${errorText(err)}`);
    report.targetUnmeasured('verify_connections', 'one TCP connection per verification');
  } finally {
    await sandbox?.stop();
  }
}

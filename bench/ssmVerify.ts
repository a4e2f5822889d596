// Verifying from an instance inside the VPC (issue 15) against the sandbox on the laptop: AWS
// calls for one verification (EC2 + SSM, counted by the sandbox; target ≤ 8 with the runner's
// back-off polling), its wall-clock time, and the probe's own run time on the instance.
import { startSandbox, type Sandbox } from '../sandbox';
import { createAwsClients } from '../src/aws/awsClients';
import { verifyFromInstance } from '../src/aws/vantage/verifyFromInstance';
import { BenchReport, errorText, median } from './benchReport';
import { createAppEndpoint, createEndpointGroup, waitForAvailable } from './benchEndpoints';

const RUNS = 3;
const FIGURES = ['ssm_verify_calls', 'ssm_verify_ms', 'ssm_probe_ms'];

export async function benchSsmVerify(report: BenchReport): Promise<void> {
  let sandbox: Sandbox | undefined;
  try {
    sandbox = await startSandbox({ vantage: 'laptop', endpointAvailableAfterMs: 300, onError: () => undefined });
    const info = sandbox.info;
    const clients = createAwsClients({ profile: info.awsProfile, region: info.region, endpointUrl: info.ec2Endpoint, env: { AWS_CONFIG_FILE: info.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: info.awsCredentialsFile }, maxAttempts: 1 });
    try {
      const groupId = await createEndpointGroup(clients.ec2, sandbox.ec2, 'bench-ssm-sg', [5432, 6432]);
      const { endpointId } = await createAppEndpoint(clients.ec2, sandbox.ec2, { securityGroupIds: [groupId], privateDns: true });
      await waitForAvailable(clients.ec2, endpointId);
      await sandbox.forwarders.settled();
      const host = sandbox.postgres.seededRole('orders', 'main').privateHost;
      const instanceId = sandbox.ec2.instances(info.region).find((i) => i.name === 'app-instance')!.instanceId;
      const calls: number[] = [];
      const totals: number[] = [];
      const probes: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        sandbox.ec2.resetCallCounts();
        sandbox.ssm.resetCallCounts();
        const started = performance.now();
        const result = await verifyFromInstance(clients, { endpointId, privateHost: host, instanceId, region: info.region });
        totals.push(performance.now() - started);
        if (!result.verdict.pathProven) throw new Error(`the path was not proven: ${result.verdict.problems[0]}`);
        const counted = [sandbox.ec2.callCounts(), sandbox.ssm.callCounts()].flatMap((c) => Object.values(c)).reduce((a, b) => a + b, 0);
        calls.push(counted);
        if (result.report.elapsedMs !== undefined) probes.push(result.report.elapsedMs);
      }
      const most = Math.max(...calls);
      report.figure('ssm_verify_calls', most, 'calls');
      report.target('ssm_verify_calls', most <= 8, 'at most 8 EC2 + SSM calls per verification from an instance', `calls per run: ${calls.join(', ')}`);
      report.figure('ssm_verify_ms', median(totals), 'ms');
      if (probes.length) report.figure('ssm_probe_ms', median(probes), 'ms');
      else report.notAvailable('ssm_probe_ms', 'the probe reported no run time');
    } finally {
      clients.ec2.destroy();
      clients.ssm.destroy();
      clients.sts.destroy();
    }
  } catch (err) {
    for (const name of FIGURES) report.notAvailable(name, `SSM verification benchmark failed: ${errorText(err)}`);
    report.targetUnmeasured('ssm_verify_calls', 'at most 8 EC2 + SSM calls per verification from an instance');
  } finally {
    await sandbox?.stop();
  }
}

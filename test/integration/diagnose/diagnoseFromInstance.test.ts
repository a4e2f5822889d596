// Diagnose measured on an instance in the VPC, against the sandbox: the runner with the product's
// own clients, the probe sent through the sandbox's Systems Manager (the forwarders judge it as
// the instance it ran on) and the rules evaluated for the instance's own group, /32 and subnet.
// app-instance (app-servers, admitted) passes; ops-bastion (the default group, not admitted)
// fails the security-group check for its own group, and its silent connections are explained.
import assert from 'node:assert/strict';
import { createAwsClients } from '../../../src/aws/awsClients';
import { describeSecurityGroups } from '../../../src/aws/networkRuleQueries';
import type { AwsClients } from '../../../src/aws/types';
import { listVantageCandidates } from '../../../src/aws/vantage/vantageCandidates';
import { diagnoseCollaborators } from '../../../src/diagnose/diagnoseCollaborators';
import { runDiagnosis } from '../../../src/diagnose/diagnoseRunner';
import type { DiagnoseResult, DiagnoseVantage } from '../../../src/diagnose/diagnoseTypes';
import { instanceProbe } from '../../../src/diagnose/instanceProbe';
import { instanceClient } from '../../../src/diagnose/instanceVantage';
import { createAvailableEndpoint, createEndpointSecurityGroup } from '../support/clients';
import { useSandbox } from '../support/sandbox';

const explain = (result: DiagnoseResult) => result.checks.map((c) => `${c.id}: ${c.status}: ${c.summary}\n    ${c.evidence.join('\n    ')}`).join('\n');

describe('Diagnose from an instance in the VPC (sandbox SSM)', function () {
  this.timeout(120_000);
  const sandbox = useSandbox({ ssmTimings: { visibleAfterMs: 300, deliveryMs: 200 } });
  let clients: AwsClients;
  let endpointId: string;
  let endpointSg: string;

  before(async () => {
    const info = sandbox().info;
    clients = createAwsClients({ profile: info.awsProfile, region: info.region, endpointUrl: info.ec2Endpoint, env: { AWS_CONFIG_FILE: info.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: info.awsCredentialsFile }, maxAttempts: 1 });
    endpointSg = await createEndpointSecurityGroup(sandbox(), 'diagnose-vantage-sg', [5432, 6432]);
    endpointId = (await createAvailableEndpoint(sandbox(), { securityGroupIds: [endpointSg] })).VpcEndpointId!;
    await sandbox().forwarders.settled();
  });
  after(() => {
    clients?.ec2.destroy();
    clients?.ssm.destroy();
    clients?.sts.destroy();
  });

  /** The instance as the candidates list carries it (DescribeInstances data). */
  async function vantageOf(name: string): Promise<DiagnoseVantage> {
    const groups = await describeSecurityGroups(clients.ec2, [endpointSg]);
    const vpcId = sandbox().ec2.vpcIdByName('us-east-1', 'app-vpc')!;
    const found = (await listVantageCandidates(clients, { vpcId, endpointGroups: groups, ports: [5432, 6432], region: 'us-east-1' })).find((c) => c.name === name);
    assert.ok(found?.probeable, `${name} cannot run the probe: ${found?.reasons.join('; ')}`);
    return { instanceId: found.instanceId, name, subnetId: found.subnetId, privateIp: found.privateIp, securityGroupIds: found.securityGroupIds };
  }

  async function diagnoseFrom(vantage: DiagnoseVantage): Promise<DiagnoseResult> {
    const sb = sandbox();
    const local = diagnoseCollaborators({ ec2: clients.ec2, dnsServer: sb.info.dnsServer, ca: sb.postgres.ca, connectTimeoutMs: 1000 });
    const probeFromInstance = instanceProbe(clients.ssm, { instanceId: vantage.instanceId, region: 'us-east-1', run: { pollDelaysMs: [300, 300, 500] } });
    return runDiagnosis(
      { region: 'us-east-1', endpointId, client: instanceClient(vantage), vantage, privateHost: sb.postgres.seededRole('orders', 'main').privateHost, profile: sb.info.awsProfile, endpointUrl: sb.info.ec2Endpoint },
      { ...local, probeFromInstance },
    );
  }

  it('app-instance: DNS answers and TCP/TLS measured there pass, the rules evaluated for its group, address and subnet', async () => {
    const vantage = await vantageOf('app-instance');
    const before = sandbox().forwarders.decisions().length;
    const result = await diagnoseFrom(vantage);
    assert.deepEqual(result.vantage, vantage);
    assert.deepEqual(result.client, { securityGroupIds: vantage.securityGroupIds, cidrs: [`${vantage.privateIp}/32`], subnetIds: [vantage.subnetId] });
    for (const check of result.checks) assert.equal(check.status, check.id === 'reachabilityAnalyzer' ? 'skipped' : 'pass', explain(result));
    // The connections the checks report are the instance's: the forwarders saw its address.
    const seen = sandbox().forwarders.decisions().slice(before);
    assert.ok(seen.length >= 4 && seen.every((d) => d.from === vantage.privateIp && d.allowed), JSON.stringify(seen));
    assert.match(result.checks.find((c) => c.id === 'connectivity')!.evidence[0], /^measured as seen from i-[0-9a-f]+ \(app-instance\) in subnet-[0-9a-f]+ through Systems Manager/);
  });

  it('ops-bastion (default group, not admitted): the security-group check fails for its own group with the ingress to add; its silence is explained by it', async () => {
    const vantage = await vantageOf('ops-bastion');
    const result = await diagnoseFrom(vantage);
    const groups = result.checks.find((c) => c.id === 'securityGroups')!;
    assert.equal(groups.status, 'fail', explain(result));
    const [defaultGroup] = vantage.securityGroupIds;
    assert.deepEqual(groups.fix?.apply?.operations, [{
      action: 'authorizeSecurityGroupIngress',
      groupId: endpointSg,
      permissions: [5432, 6432].map((port) => ({ fromPort: port, toPort: port, sourceGroupId: defaultGroup, description: port === 5432 ? 'PlanetScale Postgres (direct)' : 'PlanetScale PSBouncer (pooled)' })),
    }]);
    assert.equal(result.checks.find((c) => c.id === 'dnsAnswers')!.status, 'pass', explain(result));
    const connections = result.checks.find((c) => c.id === 'connectivity')!;
    assert.equal(connections.status, 'warn', explain(result));
    assert.ok(connections.evidence.filter((e) => /failed \(timeout\).*as expected from the security group check$/.test(e)).length === 4, connections.evidence.join('\n'));
  });
});

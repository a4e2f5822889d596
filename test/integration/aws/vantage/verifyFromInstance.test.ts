// Verifying from an instance inside the VPC through the sandbox's Systems Manager: the product's
// own clients (the sandbox profile, one endpoint URL), the probe run as the instance would run it
// (the VPC resolver, its source IP judged by the forwarders), and one test per outcome.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AuthorizeSecurityGroupIngressCommand, CreateNetworkAclEntryCommand, DeleteNetworkAclEntryCommand, DescribeNetworkAclsCommand, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { ListCommandInvocationsCommand, ListCommandsCommand } from '@aws-sdk/client-ssm';
import { createAwsClients } from '../../../../src/aws/awsClients';
import { SsmProbeError } from '../../../../src/aws/ssmErrors';
import { buildProbeScript } from '../../../../src/aws/vantage/probeScript';
import { runProbe } from '../../../../src/aws/vantage/ssmProbeRunner';
import { listVantageCandidates } from '../../../../src/aws/vantage/vantageCandidates';
import { verifyFromInstance } from '../../../../src/aws/vantage/verifyFromInstance';
import { describeSecurityGroups } from '../../../../src/aws/networkRuleQueries';
import type { AwsClients } from '../../../../src/aws/types';
import { createAvailableEndpoint, createEndpointSecurityGroup } from '../../support/clients';
import { eventually } from '../../../harness/eventually';
import { useSandbox } from '../../support/sandbox';

const FAST_POLLS = [300, 300, 500];

describe('vantage: verify from an instance in the VPC (sandbox SSM)', function () {
  this.timeout(120_000);
  const sandbox = useSandbox({ ssmTimings: { visibleAfterMs: 300, deliveryMs: 200 } });
  let clients: AwsClients;
  let endpointId: string;
  let endpointSg: string;
  let host: string;
  const instance = (name: string) => sandbox().ec2.instances('us-east-1').find((i) => i.name === name)!;
  const verify = (extra: Partial<Parameters<typeof verifyFromInstance>[1]> = {}) =>
    verifyFromInstance(clients, { endpointId, privateHost: host, instanceId: instance('app-instance').instanceId, region: 'us-east-1', run: { pollDelaysMs: FAST_POLLS }, ...extra });

  before(async () => {
    const info = sandbox().info;
    clients = createAwsClients({ profile: info.awsProfile, region: info.region, endpointUrl: info.ec2Endpoint, env: { AWS_CONFIG_FILE: info.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: info.awsCredentialsFile }, maxAttempts: 1 });
    endpointSg = await createEndpointSecurityGroup(sandbox(), 'vantage-endpoint-sg', [5432, 6432]);
    endpointId = (await createAvailableEndpoint(sandbox(), { securityGroupIds: [endpointSg] })).VpcEndpointId!;
    host = sandbox().postgres.seededRole('orders', 'main').privateHost;
  });
  afterEach(() => {
    sandbox().ec2.clearFaults();
  });
  after(() => {
    clients?.ec2.destroy();
    clients?.ssm.destroy();
    clients?.sts.destroy();
  });

  it('lists the VPC\'s instances with why each is or is not a vantage point; app-instance comes first', async () => {
    const groups = await describeSecurityGroups(clients.ec2, [endpointSg]);
    const candidates = await listVantageCandidates(clients, { vpcId: instance('app-instance').vpcId, endpointGroups: groups, ports: [5432, 6432] });
    const byName = new Map(candidates.map((c) => [c.name, c]));
    assert.equal(candidates[0].name, 'app-instance');
    assert.equal(candidates[0].suitable, true);
    assert.equal(candidates[0].ssm?.pingStatus, 'Online');
    assert.match(byName.get('batch-worker')!.reasons.join(), /ConnectionLost/);
    assert.match(byName.get('reporting-windows')!.reasons.join(), /Windows/);
    assert.match(byName.get('cache-node')!.reasons.join(), /not managed by Systems Manager/);
    assert.match(byName.get('ops-bastion')!.reasons.join(), /security groups do not admit it/);
    assert.ok(!byName.has('legacy-batch'), 'an instance of another VPC is no candidate');
  });

  it('healthy: DNS answers are the interface IPs; 5432 and 6432 answer with TLS verified as verify-full', async () => {
    // The product's own back-off (no test poll delays), to hold the call budget.
    const result = await verify({ run: {} });
    assert.deepEqual(result.verdict.problems, []);
    assert.equal(result.verdict.pathProven, true);
    assert.equal(result.verdict.dns, 'endpoint');
    assert.deepEqual([...result.report.dnsAnswers].sort(), result.interfaceIps);
    assert.equal(result.report.connections.length, result.interfaceIps.length * 2);
    assert.ok(result.report.connections.every((c) => c.tcp === 'open' && c.tls.outcome === 'ok'), JSON.stringify(result.report.connections));
    assert.match(result.report.tool.name, /^(openssl|python3)$/);
    // The forwarders judged the probe's connections as app-instance's, not as this process's.
    const fromInstance = sandbox().forwarders.decisions().filter((d) => d.from === instance('app-instance').privateIpAddress);
    assert.ok(fromInstance.length >= 4 && fromInstance.every((d) => d.allowed), JSON.stringify(fromInstance));
    assert.ok(result.calls <= 8, `calls ${result.calls}`);
  });

  it('the forwarders judge the probe as the instance it ran on: ops-bastion\'s group is not admitted', async () => {
    const result = await verify({ instanceId: instance('ops-bastion').instanceId });
    assert.equal(result.verdict.dns, 'endpoint');
    assert.equal(result.verdict.pathProven, false);
    assert.ok(result.report.connections.every((c) => c.tcp === 'no-reply'), JSON.stringify(result.report.connections));
    const fromBastion = sandbox().forwarders.decisions().filter((d) => d.from === instance('ops-bastion').privateIpAddress);
    assert.ok(fromBastion.length > 0 && fromBastion.every((d) => !d.allowed && /inbound rule of the endpoint's security groups/.test(d.reason ?? '')), JSON.stringify(fromBastion));
  });

  it('the sent command, read back through ListCommands and ListCommandInvocations, holds no password, token or key', async () => {
    const result = await verify();
    const [commands, invocations] = await Promise.all([
      clients.ssm.send(new ListCommandsCommand({ CommandId: result.commandId })),
      clients.ssm.send(new ListCommandInvocationsCommand({ CommandId: result.commandId, Details: true })),
    ]);
    const sent = (commands.Commands?.[0].Parameters?.commands ?? []).join('\n');
    assert.equal(sent, buildProbeScript({ privateHost: host, interfaceIps: result.interfaceIps, ports: [5432, 6432] }));
    const output = invocations.CommandInvocations?.[0].CommandPlugins?.[0].Output ?? '';
    assert.match(output, /PSPL-PROBE-BEGIN/);
    const secretKey = /aws_secret_access_key\s*=\s*(\S+)/.exec(readFileSync(sandbox().info.awsCredentialsFile, 'utf8'))?.[1];
    const secrets = [...sandbox().postgres.seededRoles().map((r) => r.password), sandbox().info.planetscaleToken, secretKey].filter((s): s is string => !!s && s.length >= 8);
    assert.ok(secrets.length >= 3);
    for (const text of [sent, output, JSON.stringify(commands), JSON.stringify(invocations)]) {
      for (const secret of secrets) assert.ok(!text.includes(secret), 'a secret was sent to or echoed by Systems Manager');
      assert.doesNotMatch(text, /password|PGPASSWORD|pscale_tkn|aws_secret/i);
    }
  });

  it('DNS from another endpoint: the answers are not this endpoint\'s interface IPs', async () => {
    const other = sandbox().ec2.endpoints().find((e) => e.endpointId === endpointId)!.interfaces.map((i) => i.ip.replace(/\.\d+$/, '.199'));
    sandbox().dns.setOverride(host, other);
    try {
      const result = await verify();
      assert.equal(result.verdict.pathProven, false);
      assert.equal(result.verdict.dns, 'other-ips');
      assert.match(result.verdict.problems[0], /another endpoint or a private hosted zone/);
    } finally {
      sandbox().dns.setOverride(host, null);
    }
  });

  it('6432 blocked by the endpoint security group: no answer on 6432, 5432 still proven', async () => {
    const ec2 = clients.ec2;
    const appServers = sandbox().ec2.securityGroupIdByName('us-east-1', 'app-vpc', 'app-servers')!;
    const permission = { IpProtocol: 'tcp', FromPort: 6432, ToPort: 6432, UserIdGroupPairs: [{ GroupId: appServers }] };
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: endpointSg, IpPermissions: [permission] }));
    try {
      const result = await verify();
      assert.equal(result.verdict.pathProven, false);
      assert.ok(result.report.connections.filter((c) => c.port === 6432).every((c) => c.tcp === 'no-reply'));
      assert.ok(result.report.connections.filter((c) => c.port === 5432).every((c) => c.tls.outcome === 'ok'));
      assert.match(result.verdict.problems.join('\n'), /:6432 did not answer .*security group.*tcp\/6432/);
      assert.ok(result.verdict.proven.some((p) => /on 5432/.test(p)));
    } finally {
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: endpointSg, IpPermissions: [permission] }));
    }
  });

  it('NACL return path closed: the interface in the other subnet never answers', async () => {
    const vpcId = instance('app-instance').vpcId;
    const acls = await clients.ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'default', Values: ['true'] }] }));
    const aclId = acls.NetworkAcls![0].NetworkAclId!;
    const entry = { NetworkAclId: aclId, RuleNumber: 50, Egress: true };
    await clients.ec2.send(new CreateNetworkAclEntryCommand({ ...entry, Protocol: '6', RuleAction: 'deny', CidrBlock: `${instance('app-instance').privateIpAddress}/32`, PortRange: { From: 1024, To: 65535 } }));
    try {
      const result = await verify();
      const subnetB = sandbox().ec2.endpoints().find((e) => e.endpointId === endpointId)!.interfaces.find((i) => i.subnetId !== instance('app-instance').subnetId)!.ip;
      assert.equal(result.verdict.pathProven, false);
      assert.ok(result.report.connections.filter((c) => c.ip === subnetB).every((c) => c.tcp === 'no-reply'));
      assert.ok(result.report.connections.filter((c) => c.ip !== subnetB).every((c) => c.tls.outcome === 'ok'));
      assert.match(result.verdict.problems.join('\n'), /network ACL \(including the return path/);
    } finally {
      await clients.ec2.send(new DeleteNetworkAclEntryCommand(entry));
    }
  });

  it('TLS name mismatch: the certificate does not cover the host the probe checks', async () => {
    const wrongHost = 'orders.private-pg.example.net';
    const ips = sandbox().ec2.endpoints().find((e) => e.endpointId === endpointId)!.interfaces.map((i) => i.ip);
    sandbox().dns.setOverride(wrongHost, ips);
    try {
      const result = await verify({ privateHost: wrongHost });
      assert.equal(result.verdict.dns, 'endpoint');
      assert.ok(result.report.connections.every((c) => c.tcp === 'open' && c.tls.outcome === 'fail'), JSON.stringify(result.report.connections));
      assert.match(result.report.connections[0].tls.detail, /hostname-mismatch|Hostname-mismatch|match/i);
      assert.match(result.verdict.problems.join('\n'), /TLS to .* failed as verify-full would/);
    } finally {
      sandbox().dns.setOverride(wrongHost, null);
    }
  });

  it('offline instance: the command is never delivered and says so', async () => {
    const previous = sandbox().ssm.timings.msPerSecond;
    sandbox().ssm.timings.msPerSecond = 20; // 30 s of TimeoutSeconds pass in 0.6 s
    try {
      await assert.rejects(
        verify({ instanceId: instance('batch-worker').instanceId, run: { pollDelaysMs: FAST_POLLS, deliveryTimeoutSeconds: 30 } }),
        (error: SsmProbeError) => error.kind === 'undelivered' && /never delivered to i-[0-9a-f]+ .*offline \(ConnectionLost\)/.test(error.message),
      );
    } finally {
      sandbox().ssm.timings.msPerSecond = previous;
    }
  });

  it('AccessDenied on SendCommand names the action and the resources to allow', async () => {
    sandbox().ec2.setFaults({ denyActions: ['ssm:SendCommand'] });
    await assert.rejects(verify(), (error: SsmProbeError) =>
      error.kind === 'accessDenied' && /ssm:SendCommand/.test(error.message) && /instance\/i-[0-9a-f]+/.test(error.message) && /document\/AWS-RunShellScript/.test(error.message));
  });

  it('InvocationDoesNotExist right after SendCommand is "not yet": the poll goes on to the result', async () => {
    const previous = sandbox().ssm.timings.visibleAfterMs;
    // Invisible until the runner has been told InvocationDoesNotExist twice, then visible.
    sandbox().ssm.timings.visibleAfterMs = 600_000;
    sandbox().ssm.resetCallCounts();
    try {
      const running = verify({ run: { pollDelaysMs: [300] } });
      await eventually(() => ((sandbox().ssm.callCounts()['ssm:GetCommandInvocation'] ?? 0) >= 2 ? true : undefined), 'two polls answered InvocationDoesNotExist', 30_000);
      sandbox().ssm.timings.visibleAfterMs = 0;
      const result = await running;
      assert.equal(result.verdict.pathProven, true);
      assert.ok((sandbox().ssm.callCounts()['ssm:GetCommandInvocation'] ?? 0) >= 3);
    } finally {
      sandbox().ssm.timings.visibleAfterMs = previous;
    }
  });

  it('throttling: a throttled poll slows down and goes on; a throttled SendCommand says to wait', async () => {
    sandbox().ec2.setFaults({ throttleActions: ['ssm:GetCommandInvocation'], throttleNextCalls: 2 });
    const result = await verify();
    assert.equal(result.verdict.pathProven, true);
    sandbox().ec2.setFaults({ throttleActions: ['ssm:SendCommand'], throttleNextCalls: 1 });
    await assert.rejects(verify(), (error: SsmProbeError) => error.kind === 'throttled' && /throttling ssm:SendCommand .*Wait a minute/.test(error.message));
  });

  it('cancel: aborting while the probe runs cancels the command on the instance', async () => {
    const controller = new AbortController();
    const script = buildProbeScript({ privateHost: host, interfaceIps: ['127.10.1.199'], ports: [5432] }).replace('exit 0', 'sleep 30\nexit 0');
    const running = runProbe(clients.ssm, {
      instanceId: instance('app-instance').instanceId, script, signal: controller.signal, pollDelaysMs: [200],
      onStatus: (status) => {
        if (status === 'InProgress') controller.abort();
      },
    });
    await assert.rejects(running, (error: Error) => error.name === 'AbortError');
    const commandId = sandbox().ssm.store.list()[0].commandId;
    const invocation = sandbox().ssm.store.get(commandId)!.invocations[0];
    await eventually(() => (invocation.status === 'Cancelled' ? true : undefined), 'the invocation to be Cancelled', 5000);
  });
});

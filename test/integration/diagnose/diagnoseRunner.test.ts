// Diagnose against the sandbox: each scenario breaks exactly one thing through the EC2 API or the
// sandbox's handles, asserts that exactly the matching check fails with the right fix, applies
// the fix (through applyFix, or the AWS CLI command itself) and asserts the diagnosis passes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclEntryCommand,
  CreateSecurityGroupCommand,
  DeleteNetworkAclEntryCommand,
  DescribeNetworkAclsCommand,
  ModifyVpcAttributeCommand,
  ReplaceNetworkAclEntryCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { applyFix } from '../../../src/diagnose/applyFix';
import { renderDiagnoseReport } from '../../../src/diagnose/diagnoseReport';
import type { CheckId, CheckStatus, DiagnoseResult } from '../../../src/diagnose/diagnoseTypes';
import { runDiagnosis, type DiagnoseRequest } from '../../../src/diagnose/diagnoseRunner';
import { diagnoseCollaborators } from '../../../src/diagnose/diagnoseCollaborators';
import { DEFAULT_SEED_PATH } from '../../../sandbox/ec2';
import { createAvailableEndpoint, ec2Client } from '../support/clients';
import { useSandbox } from '../support/sandbox';

const run = promisify(execFile);
const ALL: CheckId[] = ['endpointState', 'vpcDns', 'securityGroups', 'networkAcls', 'dnsAnswers', 'connectivity', 'reachabilityAnalyzer'];

describe('Diagnose against the sandbox', function () {
  this.timeout(60_000);
  // The agreed seed with app-vpc moved to 127.73.0.0/16: interface IPs (and the forwarders on
  // them) of their own, so sandboxes of other test files running at the same time never collide.
  const sandbox = useSandbox({ ec2Seed: JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8').replaceAll('127.10.', '127.73.')) });
  let ec2: EC2Client;
  let endpointId: string;
  let endpointSgId: string;
  let appSgId: string;
  let vpcId: string;
  let subnetA: string;
  let aclId: string;

  before(async () => {
    const sb = sandbox();
    ec2 = ec2Client(sb.info);
    vpcId = sb.ec2.vpcIdByName('us-east-1', 'app-vpc')!;
    subnetA = sb.ec2.subnetIdByName('us-east-1', 'app-vpc-us-east-1a')!;
    appSgId = sb.ec2.securityGroupIdByName('us-east-1', 'app-vpc', 'app-servers')!;
    const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'PScalePrivateLinkEndpointSG', Description: 'PlanetScale PrivateLink endpoint', VpcId: vpcId }));
    endpointSgId = sg.GroupId!;
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: endpointSgId,
        IpPermissions: [5432, 6432].map((port) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: appSgId }] })),
      }),
    );
    const endpoint = await createAvailableEndpoint(sb, { securityGroupIds: [endpointSgId] });
    endpointId = endpoint.VpcEndpointId!;
    await sb.forwarders.settled();
    const acls = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetA] }] }));
    aclId = acls.NetworkAcls![0].NetworkAclId!;
  });

  after(() => ec2?.destroy());

  function request(overrides: Partial<DiagnoseRequest> = {}): DiagnoseRequest {
    const role = sandbox().postgres.seededRole('orders', 'main');
    return {
      region: 'us-east-1',
      endpointId,
      client: { securityGroupIds: [appSgId], cidrs: ['127.73.1.50/32'], subnetIds: [subnetA] },
      privateHost: role.privateHost,
      credentials: { username: role.username, password: role.password },
      profile: sandbox().info.awsProfile,
      endpointUrl: sandbox().info.ec2Endpoint,
      ...overrides,
    };
  }

  async function diagnose(overrides: Partial<DiagnoseRequest> = {}): Promise<DiagnoseResult> {
    const sb = sandbox();
    await sb.forwarders.settled();
    return runDiagnosis(request(overrides), diagnoseCollaborators({ ec2, dnsServer: sb.info.dnsServer, ca: sb.postgres.ca, connectTimeoutMs: 1000 }));
  }

  function statuses(result: DiagnoseResult): Record<string, CheckStatus> {
    return Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
  }

  function check(result: DiagnoseResult, id: CheckId) {
    const found = result.checks.find((c) => c.id === id);
    assert.ok(found, `no ${id} check`);
    return found;
  }

  /** Every check passes but those named; the named ones have the given status. */
  function assertOnly(result: DiagnoseResult, expected: Partial<Record<CheckId, CheckStatus>>) {
    const want = Object.fromEntries(ALL.map((id) => [id, expected[id] ?? (id === 'reachabilityAnalyzer' ? 'skipped' : 'pass')]));
    assert.deepEqual(statuses(result), want, result.checks.map((c) => `${c.id}: ${c.status}: ${c.summary}\n  ${c.evidence.join('\n  ')}`).join('\n'));
  }

  async function aclRuleNumbers(): Promise<Set<string>> {
    const out = await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [aclId] }));
    return new Set((out.NetworkAcls![0].Entries ?? []).map((e) => `${e.Egress}:${e.RuleNumber}`));
  }

  async function restoreAcl(before: Set<string>) {
    for (const key of await aclRuleNumbers()) {
      if (before.has(key)) continue;
      const [egress, rule] = key.split(':');
      await ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, Egress: egress === 'true', RuleNumber: Number(rule) }));
    }
  }

  it('passes every check on a healthy endpoint, and skips Reachability Analyzer where the API does not exist', async () => {
    const result = await diagnose({ reachability: { sourceId: sandbox().ec2.applicationInstance()!.eniId } });
    assertOnly(result, {});
    assert.match(check(result, 'reachabilityAnalyzer').summary, /not available here/);
    assert.match(check(result, 'connectivity').evidence.join('\n'), /127\.73\.2\.\d+:6432: ok/);
    assert.match(check(result, 'dnsAnswers').evidence[0], new RegExp(`${sandbox().postgres.seededRole('orders', 'main').privateHost} via `));
    const password = request().credentials!.password;
    assert.ok(!JSON.stringify(result).includes(password), 'no password in the result');
    const report = renderDiagnoseReport(result, { secrets: [password] });
    assert.match(report, new RegExp(`Endpoint: ${endpointId} in us-east-1, VPC ${vpcId}`));
    assert.match(report, /Overall: PASS/);
    assert.ok(!report.includes(password));
  });

  it('endpoint failed: only the state check fails, DNS and connections are skipped, the fix is to recreate it', async () => {
    sandbox().ec2.setEndpointState(endpointId, 'failed');
    try {
      const result = await diagnose();
      assertOnly(result, { endpointState: 'fail', dnsAnswers: 'skipped', connectivity: 'skipped' });
      const state = check(result, 'endpointState');
      assert.match(state.summary, /could not create the endpoint \(failed\)/);
      assert.match(state.fix!.cliCommand, new RegExp(`^aws ec2 delete-vpc-endpoints --region us-east-1 .*--vpc-endpoint-ids ${endpointId}$`));
      assert.equal(state.fix!.apply, undefined, 'recreating is the create flow\'s job, not a one-click fix');
    } finally {
      sandbox().ec2.setEndpointState(endpointId, 'available');
    }
    assertOnly(await diagnose(), {});
  });

  it('DNS hostnames off: only the DNS attribute check fails; applying its fix makes all pass', async () => {
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: false } }));
    const result = await diagnose();
    assertOnly(result, { vpcDns: 'fail' });
    const fix = check(result, 'vpcDns').fix!;
    assert.match(fix.cliCommand, new RegExp(`^aws ec2 modify-vpc-attribute --region us-east-1 .*--vpc-id ${vpcId} --enable-dns-hostnames '\\{"Value":true\\}'$`));
    assert.deepEqual(fix.apply!.operations, [{ action: 'modifyVpcAttribute', vpcId, attribute: 'enableDnsHostnames', value: true }]);
    await applyFix(fix, ec2);
    assertOnly(await diagnose(), {});
  });

  it('security group missing 6432: only that check fails (6432 timeouts are its consequence); the CLI command fixes it', async () => {
    await ec2.send(
      new RevokeSecurityGroupIngressCommand({
        GroupId: endpointSgId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6432, ToPort: 6432, UserIdGroupPairs: [{ GroupId: appSgId }] }],
      }),
    );
    const result = await diagnose();
    assertOnly(result, { securityGroups: 'fail', connectivity: 'warn' });
    const fix = check(result, 'securityGroups').fix!;
    assert.match(
      fix.cliCommand,
      new RegExp(
        `^aws ec2 authorize-security-group-ingress --region us-east-1 .*--group-id ${endpointSgId} --ip-permissions '\\[\\{"IpProtocol":"tcp","FromPort":6432,"ToPort":6432,"UserIdGroupPairs":\\[\\{"GroupId":"${appSgId}","Description":"PlanetScale PSBouncer \\(pooled\\)"\\}\\]\\}\\]'$`,
      ),
    );
    assert.match(check(result, 'connectivity').evidence.join('\n'), /:6432: failed \(timeout\).*as expected from the security group check/);
    // The exact command the user would paste, run by the real AWS CLI against the sandbox.
    await runCli(fix.cliCommand);
    assertOnly(await diagnose(), {});
  });

  it('NACL deny numbered below the allow: only the NACL check fails; the fix inserts an allow before the deny', async () => {
    const before = await aclRuleNumbers();
    await ec2.send(
      new CreateNetworkAclEntryCommand({
        NetworkAclId: aclId, RuleNumber: 90, Egress: false, Protocol: '6', PortRange: { From: 6432, To: 6432 }, CidrBlock: '0.0.0.0/0', RuleAction: 'deny',
      }),
    );
    try {
      const result = await diagnose();
      assertOnly(result, { networkAcls: 'fail', connectivity: 'warn' });
      const nacl = check(result, 'networkAcls');
      assert.match(nacl.evidence.join('\n'), /inbound tcp port 6432 from 127\.73\.1\.50\/32: denied by rule 90 deny tcp port 6432 from 0\.0\.0\.0\/0 \(rule 100 allow all traffic from 0\.0\.0\.0\/0 would allow it, but rule 90 comes first\)/);
      const entries = nacl.fix!.apply!.operations.filter((o) => o.action === 'createNetworkAclEntry');
      assert.ok(entries.length > 0);
      for (const op of entries) {
        if (op.action === 'createNetworkAclEntry') assert.ok(op.ruleNumber < 90, `rule ${op.ruleNumber} must come before the deny`);
      }
      assert.match(nacl.fix!.cliCommand, new RegExp(`aws ec2 create-network-acl-entry --region us-east-1 .*--network-acl-id ${aclId} --ingress --rule-number 89 --protocol tcp --port-range From=6432,To=6432 --cidr-block 127\\.73\\.1\\.50/32 --rule-action allow`));
      await applyFix(nacl.fix!, ec2);
      assertOnly(await diagnose(), {});
    } finally {
      await restoreAcl(before);
    }
  });

  it('no ephemeral return rule: only the NACL check fails; the fix allows 1024-65535 back to the client', async () => {
    const before = await aclRuleNumbers();
    // Outbound now allows only the database ports: replies to the client's ephemeral port are dropped.
    await ec2.send(
      new ReplaceNetworkAclEntryCommand({
        NetworkAclId: aclId, RuleNumber: 100, Egress: true, Protocol: '6', PortRange: { From: 5432, To: 6432 }, CidrBlock: '0.0.0.0/0', RuleAction: 'allow',
      }),
    );
    try {
      const result = await diagnose();
      assertOnly(result, { networkAcls: 'fail', connectivity: 'warn' });
      const nacl = check(result, 'networkAcls');
      assert.match(nacl.summary, /outbound tcp ports 1024-65535 to 127\.73\.1\.50\/32/);
      assert.deepEqual(
        nacl.fix!.apply!.operations.filter((o) => o.action === 'createNetworkAclEntry' && o.egress).map((o) => o.action === 'createNetworkAclEntry' && [o.portRange, o.cidrBlock]),
        [[{ from: 1024, to: 65535 }, '127.73.1.50/32']],
      );
      await applyFix(nacl.fix!, ec2);
      assertOnly(await diagnose(), {});
    } finally {
      await restoreAcl(before);
      await ec2.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 100, Egress: true, Protocol: '-1', CidrBlock: '0.0.0.0/0', RuleAction: 'allow' }));
    }
  });

  it('DNS answering a different IP: only the DNS answers check fails, with advice (not an AWS change)', async () => {
    const host = request().privateHost!;
    sandbox().dns.setOverride(host, ['127.73.3.99']);
    try {
      const result = await diagnose();
      assertOnly(result, { dnsAnswers: 'fail' });
      const dns = check(result, 'dnsAnswers');
      assert.match(dns.summary, /resolves to 127\.73\.3\.99, which are not this endpoint's interfaces/);
      assert.equal(dns.fix!.apply, undefined);
      assert.match(dns.fix!.cliCommand, new RegExp(`aws route53 list-hosted-zones-by-vpc --vpc-id ${vpcId} --vpc-region us-east-1`));
    } finally {
      sandbox().dns.setOverride(host, null);
    }
    assertOnly(await diagnose(), {});
  });

  it('nothing listening: only the connection check fails, as refused connections', async () => {
    await sandbox().forwarders.suspend();
    try {
      const result = await diagnose();
      assertOnly(result, { connectivity: 'fail' });
      const conn = check(result, 'connectivity');
      assert.match(conn.summary, /Nothing accepts connections at .*\(connection refused\)/);
      assert.match(conn.fix!.description, /PlanetScale support/);
    } finally {
      await sandbox().forwarders.resume();
    }
    assertOnly(await diagnose(), {});
  });

  it('wrong password: the network checks pass and login fails with credential advice', async () => {
    const result = await diagnose({ credentials: { username: request().credentials!.username, password: 'not-the-password' } });
    assertOnly(result, { connectivity: 'fail' });
    assert.match(check(result, 'connectivity').fix!.description, /Reset the role's password/);
    assert.ok(!JSON.stringify(result).includes('not-the-password'));
  });

  it('refuses malformed client input naming the field, before calling AWS', async () => {
    await assert.rejects(diagnose({ client: { cidrs: ['127.73.1.500'] } }), /client CIDR: "127\.73\.1\.500"/);
    await assert.rejects(diagnose({ client: { securityGroupIds: ['app-servers'] } }), /client security group: "app-servers"/);
  });

  async function runCli(command: string) {
    const { info } = sandbox();
    const args = shellWords(command);
    assert.equal(args[0], 'aws');
    await run('aws', args.slice(1), {
      env: { ...process.env, AWS_CONFIG_FILE: info.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: info.awsCredentialsFile, AWS_PAGER: '' },
      timeout: 30_000,
    });
  }
});

/** Splits a POSIX command line with single-quoted words (what fixCommands produces). */
function shellWords(command: string): string[] {
  const words: string[] = [];
  const pattern = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (const m of command.matchAll(pattern)) words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]);
  return words;
}
